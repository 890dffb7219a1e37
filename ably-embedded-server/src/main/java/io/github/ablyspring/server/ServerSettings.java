package io.github.ablyspring.server;

import java.time.Duration;
import java.util.List;

import io.github.ablyspring.server.auth.AppKey;

/**
 * The settings of an {@link EmbeddedAblyServer}. Durations are short-able for tests; defaults follow Ably's.
 *
 * @param host the address to bind, 127.0.0.1 unless told otherwise
 * @param port the port, 0 for any free port
 * @param keys the API keys accepted
 * @param maxIdleInterval how long the server may be silent on a connection before a HEARTBEAT (CD2h)
 * @param connectionStateTtl how long a lost connection's state is kept for resume (CD2f)
 * @param presenceLeaveGrace how long after losing a connection its presence members are removed with LEAVE
 * @param tokenExpiryWarning how long before a token expires the server sends an in-band AUTH
 * @param historyRetention how long messages are kept for history
 * @param maxMessageSize the largest message accepted, in bytes (CD2c)
 * @param maxFrameSize the largest WebSocket frame or REST body accepted, in bytes (CD2d)
 * @param faultInjection whether the {@code /_emulator} REST API is served
 */
public record ServerSettings(String host, int port, List<AppKey> keys, Duration maxIdleInterval,
		Duration connectionStateTtl, Duration presenceLeaveGrace, Duration tokenExpiryWarning,
		Duration historyRetention, int maxMessageSize, int maxFrameSize, boolean faultInjection) {

	public static final String DEFAULT_HOST = "127.0.0.1";

	public ServerSettings {
		keys = List.copyOf(keys);
	}
}
