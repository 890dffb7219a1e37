package io.github.ablyspring.server;

import java.util.List;
import java.util.function.LongSupplier;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.server.auth.Authenticator;
import io.github.ablyspring.server.http.FrameControl;
import io.github.ablyspring.server.realtime.RealtimeCore;
import io.github.ablyspring.server.rest.RestFailures;

import org.jspecify.annotations.Nullable;

/**
 * Fault injection for tests, from Java: what the {@code /_emulator} REST API does, always available in process.
 * A {@code null} connection id means every connection. Each call takes effect asynchronously on the server's core
 * loop, in call order.
 *
 * <pre>
 * server.faults().dropConnections(null);                      // every client sees its socket vanish
 * server.faults().nackPublishes(1, ErrorInfo.of(50000, 500, "boom"));
 * </pre>
 */
public final class Faults {

	private final RealtimeCore core;

	private final Authenticator authenticator;

	private final RestFailures rest;

	private final FrameControl frames;

	private final LongSupplier clock;

	public Faults(RealtimeCore core, Authenticator authenticator, RestFailures rest, FrameControl frames,
			LongSupplier clock) {
		this.core = core;
		this.authenticator = authenticator;
		this.rest = rest;
		this.frames = frames;
		this.clock = clock;
	}

	/** Delays every frame the server sends from now on ({@code Duration.ZERO} to stop): a slow network. */
	public void delayFrames(java.time.Duration delay) {
		frames.delay(delay);
	}

	/** Holds every frame the server sends until {@link #resumeFrames()}: a stalled network. */
	public void pauseFrames() {
		frames.pause();
	}

	/** Releases held frames in order and lets frames pass again. */
	public void resumeFrames() {
		frames.resume();
	}

	/** The ids of the connections the server holds now (to pick one to fault). */
	public List<String> connectionIds() {
		return core.connectionIds();
	}

	/** Drops transports abruptly, as a network failure would; the connections stay resumable (RTN15). */
	public void dropConnections(@Nullable String connectionId) {
		core.dropTransports(connectionId);
	}

	/** Closes transports cleanly (a WebSocket close frame) without a DISCONNECTED; the connections stay resumable. */
	public void closeConnections(@Nullable String connectionId) {
		core.closeTransports(connectionId);
	}

	/** Sends DISCONNECTED with {@code reason} and closes the transport; the client reconnects and resumes. */
	public void disconnect(@Nullable String connectionId, ErrorInfo reason) {
		core.disconnectConnections(connectionId, reason);
	}

	/** Sends a connection-level ERROR and discards the connection: the client goes FAILED (RTN15i). */
	public void failConnections(@Nullable String connectionId, ErrorInfo error) {
		core.failConnections(connectionId, error);
	}

	/** Sends any ProtocolMessage, expected or not in the connection's state (bad-input tests). */
	public void send(@Nullable String connectionId, ProtocolMessage message) {
		core.inject(connectionId, message);
	}

	/**
	 * Sends {@code frame} as it is: a text frame to a JSON connection, a binary one to msgpack. For malformed frames
	 * and ProtocolMessages this server cannot express (unknown actions).
	 */
	public void sendRawFrame(@Nullable String connectionId, byte[] frame) {
		core.injectRaw(connectionId, frame);
	}

	/** Sends a server-initiated AUTH, asking the client to re-authenticate (RTN22). */
	public void requestReauthentication(@Nullable String connectionId) {
		core.inject(connectionId, ProtocolMessage.of(ProtocolAction.AUTH));
	}

	/** Detaches every attachment of a channel with {@code reason} (RTL13): clients reattach. */
	public void detachChannel(String channel, ErrorInfo reason) {
		core.channels().detachWithError(channel, reason);
	}

	/** Expires every token issued so far; connections using one get DISCONNECTED with 40142. */
	public void expireTokens() {
		authenticator.tokens().expireAll(clock.getAsLong());
		core.expireTokens();
	}

	/** Answers the next {@code count} REST requests with {@code error} (its status code, e.g. 503). */
	public void failRestRequests(int count, ErrorInfo error) {
		rest.failNext(count, error);
	}

	/** Answers the next {@code count} realtime publishes with NACK and {@code error}. */
	public void nackPublishes(int count, ErrorInfo error) {
		core.channels().nackNextPublishes(count, error);
	}

	/** How many of the NACKs asked for by {@link #nackPublishes} are still to be sent. */
	public int pendingNacks() {
		return core.channels().pendingNacks();
	}

	/** While {@code refuse}, new realtime connections are dropped as they open, as if the host were unreachable. */
	public void refuseConnections(boolean refuse) {
		core.refuseConnections(refuse, null);
	}

	/** While {@code refuse}, new realtime connections are answered with an ERROR of {@code error} and closed. */
	public void refuseConnections(boolean refuse, ErrorInfo error) {
		core.refuseConnections(refuse, error);
	}

	/** Stops (false) or resumes the server's HEARTBEATs, so clients see a silent connection (RTN23). */
	public void heartbeats(boolean enabled) {
		core.heartbeats(enabled);
	}
}
