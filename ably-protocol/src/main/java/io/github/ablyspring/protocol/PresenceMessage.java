package io.github.ablyspring.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A presence update of one member (TP3). {@code data} follows the same rules as {@link Message#data()}. */
public record PresenceMessage(@Nullable String id, @Nullable PresenceAction action, @Nullable String clientId,
		@Nullable String connectionId, @Nullable Object data, @Nullable String encoding, @Nullable JsonNode extras,
		@Nullable Long timestamp) {

	public static PresenceMessage of(PresenceAction action, @Nullable String clientId, @Nullable Object data) {
		return builder().action(action).clientId(clientId).data(data).build();
	}

	public static Builder builder() {
		return new Builder();
	}

	public Builder toBuilder() {
		return new Builder().id(id).action(action).clientId(clientId).connectionId(connectionId).data(data)
			.encoding(encoding).extras(extras).timestamp(timestamp);
	}

	public PresenceMessage withData(@Nullable Object data, @Nullable String encoding) {
		return new PresenceMessage(id, action, clientId, connectionId, data, encoding, extras, timestamp);
	}

	/** TP3h: identifies a member uniquely across connections sharing a clientId. */
	public String memberKey() {
		return connectionId + ":" + clientId;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof PresenceMessage p && Objects.equals(id, p.id) && action == p.action
				&& Objects.equals(clientId, p.clientId) && Objects.equals(connectionId, p.connectionId)
				&& Payloads.equal(data, p.data) && Objects.equals(encoding, p.encoding)
				&& Objects.equals(extras, p.extras) && Objects.equals(timestamp, p.timestamp);
	}

	@Override
	public int hashCode() {
		return Objects.hash(id, action, clientId, connectionId, timestamp) * 31 + Payloads.hash(data);
	}

	@Override
	public String toString() {
		return "PresenceMessage[id=" + id + ", action=" + action + ", clientId=" + clientId + ", connectionId="
				+ connectionId + ", timestamp=" + timestamp + ", encoding=" + encoding + ", data="
				+ Payloads.describe(data) + "]";
	}

	/** Mutable builder of {@link PresenceMessage}. */
	public static final class Builder {

		private @Nullable String id;

		private @Nullable PresenceAction action;

		private @Nullable String clientId;

		private @Nullable String connectionId;

		private @Nullable Object data;

		private @Nullable String encoding;

		private @Nullable JsonNode extras;

		private @Nullable Long timestamp;

		private Builder() {
		}

		public Builder id(@Nullable String id) {
			this.id = id;
			return this;
		}

		public Builder action(@Nullable PresenceAction action) {
			this.action = action;
			return this;
		}

		public Builder clientId(@Nullable String clientId) {
			this.clientId = clientId;
			return this;
		}

		public Builder connectionId(@Nullable String connectionId) {
			this.connectionId = connectionId;
			return this;
		}

		public Builder data(@Nullable Object data) {
			this.data = data;
			return this;
		}

		public Builder encoding(@Nullable String encoding) {
			this.encoding = encoding;
			return this;
		}

		public Builder extras(@Nullable JsonNode extras) {
			this.extras = extras;
			return this;
		}

		public Builder timestamp(@Nullable Long timestamp) {
			this.timestamp = timestamp;
			return this;
		}

		public PresenceMessage build() {
			return new PresenceMessage(id, action, clientId, connectionId, data, encoding, extras, timestamp);
		}
	}
}
