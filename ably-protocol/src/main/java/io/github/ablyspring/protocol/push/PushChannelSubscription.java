package io.github.ablyspring.protocol.push;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;

/**
 * A push subscription of a device or of every device of a client to a channel (PCS1). Exactly one of
 * {@code deviceId} and {@code clientId} is set (PCS5): use {@link #forDevice} or {@link #forClient}. Immutable.
 *
 * @param channel the channel (PCS4)
 * @param deviceId the subscribed device (PCS2), or null
 * @param clientId the subscribed client (PCS3), or null
 */
public record PushChannelSubscription(String channel, @Nullable String deviceId, @Nullable String clientId) {

	public PushChannelSubscription {
		if (channel.isEmpty()) {
			throw AblyException.of(ErrorCodes.BAD_REQUEST, "a push channel subscription needs a channel");
		}
		if ((deviceId == null) == (clientId == null)) {
			throw AblyException.of(ErrorCodes.BAD_REQUEST,
					"a push channel subscription needs exactly one of deviceId and clientId");
		}
	}

	public static PushChannelSubscription forDevice(String channel, String deviceId) {
		return new PushChannelSubscription(channel, deviceId, null);
	}

	public static PushChannelSubscription forClient(String channel, String clientId) {
		return new PushChannelSubscription(channel, null, clientId);
	}
}
