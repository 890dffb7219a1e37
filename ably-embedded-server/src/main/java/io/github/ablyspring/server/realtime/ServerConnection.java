package io.github.ablyspring.server.realtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

	/** Attached channels and the modes granted on each. */
	final Map<String, java.util.Set<ChannelMode>> attachments = new LinkedHashMap<>();

	/** Messages for the client while it has no transport, replayed on resume. */
	final List<Outbound> pending = new ArrayList<>();

	long lastSentAt;

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
		Transport t = transport;
		if (t != null && t.isOpen()) {
			t.send(message);
			lastSentAt = now;
		}
		else if (!closed) {
			pending.add(message);
		}
	}

	boolean isAttached(String channel) {
		return attachments.containsKey(channel);
	}

	@Override
	public String toString() {
		return "ServerConnection[" + id + ", clientId=" + auth.clientId() + "]";
	}
}
