package io.github.ablyspring.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Connection constraints and defaults sent in {@code CONNECTED} (CD2). Durations are milliseconds, sizes bytes.
 * The {@code connectionKey} is secret and left out of {@link #toString()}.
 */
public record ConnectionDetails(@Nullable String clientId, @Nullable String connectionKey,
		@Nullable Long maxMessageSize, @Nullable Long maxFrameSize, @Nullable Long maxInboundRate,
		@Nullable Long connectionStateTtl, @Nullable String serverId, @Nullable Long maxIdleInterval,
		@Nullable Long objectsGCGracePeriod, @Nullable String siteCode) {

	@Override
	public String toString() {
		return "ConnectionDetails[clientId=" + clientId + ", connectionKey=" + (connectionKey == null ? null : "<redacted>")
				+ ", maxMessageSize=" + maxMessageSize + ", maxFrameSize=" + maxFrameSize + ", maxInboundRate="
				+ maxInboundRate + ", connectionStateTtl=" + connectionStateTtl + ", serverId=" + serverId
				+ ", maxIdleInterval=" + maxIdleInterval + ", objectsGCGracePeriod=" + objectsGCGracePeriod
				+ ", siteCode=" + siteCode + "]";
	}
}
