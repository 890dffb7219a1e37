package io.github.ablyspring.server.realtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import io.github.ablyspring.protocol.ChannelMode;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.server.auth.AuthContext;

import org.jspecify.annotations.Nullable;

/**
 * The server's state of one realtime connection. Lives on the core thread only; outlives its transport for
 * {@code connectionStateTtl} so that a client can resume (RTN15).
 */
final class ServerConnection {

	final String id;

	final String key;

	AuthContext auth;

	@Nullable Transport transport;

	boolean echo;

	/** The next msgSerial to process; lower ones are re-sends after a resume, ACKed but not applied again. */
	long nextMsgSerial;

	/**
	 * The error of each recently NACKed msgSerial: a re-send of one (its NACK lost with the transport) is NACKed
	 * again, not ACKed as if it had been applied.
	 */
	final Map<Long, io.github.ablyspring.protocol.ErrorInfo> nacked = new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, io.github.ablyspring.protocol.ErrorInfo> eldest) {
			return size() > 1024;
		}
	};

	/** Attached channels and the modes granted on each. */
	final Map<String, java.util.Set<ChannelMode>> attachments = new LinkedHashMap<>();

	/** Messages for the client while it has no transport, replayed on resume. */
	final List<Outbound> pending = new ArrayList<>();

	/**
	 * Channels a resumed client has not re-attached yet (RTN15c6): SDKs drop channel messages that arrive before
	 * ATTACHED, so deliveries wait in {@link #held} until the ATTACH comes.
	 */
	final Set<String> awaitingReattach = new HashSet<>();

	final Map<String, List<Outbound>> held = new HashMap<>();

	long lastSentAt;

	/** How many times the transport was lost; lets a timer tell whether its loss is still the current one. */
	long transportLosses;

	@Nullable ScheduledFuture<?> expiry;

	@Nullable ScheduledFuture<?> tokenTimer;

	boolean closed;

	ServerConnection(String id, String key, AuthContext auth, boolean echo) {
		this.id = id;
		this.key = key;
		this.auth = auth;
		this.echo = echo;
	}

	void send(ProtocolMessage message, long now) {
		send(new Outbound(message), now);
	}

	void send(Outbound message, long now) {
		String channel = deliveryChannel(message.message());
		if (channel != null && awaitingReattach.contains(channel)) {
			held.computeIfAbsent(channel, c -> new ArrayList<>()).add(message);
			return;
		}
		Transport t = transport;
		if (t != null && t.isOpen()) {
			t.send(message);
			lastSentAt = now;
		}
		else if (!closed) {
			pending.add(message);
		}
	}

	/** The channel a ProtocolMessage delivers to, or null for connection-level messages (ACK, HEARTBEAT...). */
	static @Nullable String deliveryChannel(ProtocolMessage message) {
		return switch (message.action()) {
			case MESSAGE, PRESENCE, SYNC, ANNOTATION, OBJECT, OBJECT_SYNC -> message.channel();
			default -> null;
		};
	}

	boolean isAttached(String channel) {
		return attachments.containsKey(channel);
	}

	@Override
	public String toString() {
		return "ServerConnection[" + id + ", clientId=" + auth.clientId() + "]";
	}
}
