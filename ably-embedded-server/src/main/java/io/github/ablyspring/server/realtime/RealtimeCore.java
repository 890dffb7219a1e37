package io.github.ablyspring.server.realtime;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ConnectionDetails;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.server.ServerSettings;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.auth.Authenticator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime side of the server. All protocol state (connections, channels, presence) is owned by one thread, the
 * core loop, so every ProtocolMessage is handled in arrival order without locks; I/O threads only decode frames and
 * hand them over. Connection lifecycle lives here; channel operations in {@link ChannelOperations}.
 */
public final class RealtimeCore implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RealtimeCore.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	final ServerSettings settings;

	final Authenticator authenticator;

	final LongSupplier clock;

	private final ScheduledExecutorService loop;

	private final Map<Transport, ServerConnection> byTransport = new IdentityHashMap<>();

	final Map<String, ServerConnection> byId = new HashMap<>();

	private final Map<String, ServerConnection> byKey = new HashMap<>();

	final ChannelOperations channels;

	private final MessageMutations mutations;

	private final String serverId;

	public RealtimeCore(ServerSettings settings, Authenticator authenticator, LongSupplier clock) {
		this.settings = settings;
		this.authenticator = authenticator;
		this.clock = clock;
		int instance = INSTANCES.incrementAndGet();
		this.serverId = "embedded-" + instance;
		this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "ably-embedded-core-" + instance);
			thread.setDaemon(true);
			return thread;
		});
		this.channels = new ChannelOperations(this);
		this.mutations = new MessageMutations(this, channels);
		long idle = settings.maxIdleInterval().toMillis();
		if (idle > 0) {
			long period = Math.max(idle / 2, 10);
			loop.scheduleAtFixedRate(this::sendHeartbeats, period, period, TimeUnit.MILLISECONDS);
		}
	}

	/** Runs a task on the core loop. */
	public void execute(Runnable task) {
		try {
			loop.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					logger.error("Embedded Ably server: unexpected failure on the core loop", ex);
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// The server is closing: sockets closing after the core stopped have nothing left to update.
			logger.debug("Embedded Ably server: core loop stopped, event dropped");
		}
	}

	/** Runs a query on the core loop and waits for its answer (for REST handlers on I/O threads). */
	public <T> T call(Supplier<T> query) {
		try {
			return CompletableFuture.supplyAsync(query, loop).join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			// The query's own exception (an AblyException, typically) is what the caller handles.
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/** Runs {@code task} on the core loop after a delay; {@code null} once the server is closing. */
	@Nullable ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		try {
			return loop.schedule(() -> execute(task), delayMillis, TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			return null;
		}
	}

	long now() {
		return clock.getAsLong();
	}

	// ---- transport events (any thread) ----

	public void opened(Transport transport, ConnectRequest request) {
		execute(() -> connect(transport, request));
	}

	public void received(Transport transport, ProtocolMessage message) {
		execute(() -> dispatch(transport, message));
	}

	/** A frame that could not be decoded: an ERROR for this connection only, which then closes. */
	public void malformed(Transport transport, AblyException error) {
		execute(() -> {
			transport.send(new Outbound(ProtocolMessage.builder(ProtocolAction.ERROR).error(error.errorInfo()).build()));
			// A connection-level ERROR fails the connection (RTN15i): its state is discarded now, so its presence
			// members leave at once and its key no longer resumes it (it was kept resumable before).
			ServerConnection connection = byTransport.get(transport);
			if (connection != null && connection.transport == transport) {
				discard(connection, true);
			}
			transport.close();
		});
	}

	public void closed(Transport transport) {
		execute(() -> transportLost(transport));
	}

	// ---- connection lifecycle (core loop) ----

	private void connect(Transport transport, ConnectRequest request) {
		if (refused(transport)) {
			return;
		}
		AuthContext auth;
		try {
			auth = authenticate(request);
		}
		catch (AblyException ex) {
			// RTN14: auth failure during connect is an in-band ERROR, then the socket closes.
			transport.send(new Outbound(ProtocolMessage.builder(ProtocolAction.ERROR).error(ex.errorInfo()).build()));
			transport.close();
			return;
		}
		ErrorInfo resumeError = null;
		String resumeKey = request.param("resume");
		if (resumeKey == null) {
			resumeKey = request.param("recover");
		}
		if (resumeKey != null) {
			ServerConnection previous = byKey.get(resumeKey);
			if (previous != null && !previous.closed && sameIdentity(previous.auth, auth)) {
				resume(previous, transport, auth);
				return;
			}
			// RTN15c7: a new connection, with the reason the old one could not be resumed.
			resumeError = ErrorInfo.of(ErrorCodes.INVALID_CONNECTION_KEY, 400,
					"connection key " + (previous == null ? "unknown or expired" : "not resumable with these credentials"));
		}
		String id = randomId(10);
		ServerConnection connection = new ServerConnection(id, randomId(6) + "!" + randomId(12) + "-" + id, auth,
				request.flag("echo", true));
		connection.transport = transport;
		byTransport.put(transport, connection);
		byId.put(id, connection);
		byKey.put(connection.key, connection);
		connection.send(connected(connection).toBuilder().error(resumeError).build(), now());
		scheduleTokenTimers(connection);
	}

	private void resume(ServerConnection connection, Transport transport, AuthContext auth) {
		if (connection.expiry != null) {
			connection.expiry.cancel(false);
			connection.expiry = null;
		}
		Transport old = connection.transport;
		if (old != null) {
			byTransport.remove(old);
			old.abort();
		}
		connection.transport = transport;
		connection.auth = auth;
		byTransport.put(transport, connection);
		connection.send(connected(connection), now());
		// The client re-attaches its channels next; their deliveries wait for those ATTACHes.
		connection.awaitingReattach.addAll(connection.attachments.keySet());
		List<Outbound> replay = new ArrayList<>(connection.pending);
		connection.pending.clear();
		replay.forEach(m -> connection.send(m, now()));
		scheduleTokenTimers(connection);
	}

	private ProtocolMessage connected(ServerConnection connection) {
		return ProtocolMessage.builder(ProtocolAction.CONNECTED)
			.connectionId(connection.id)
			.connectionKey(connection.key)
			.connectionDetails(new ConnectionDetails(connection.auth.impliedClientId(), connection.key,
					(long) settings.maxMessageSize(), (long) settings.maxFrameSize(), 1000L,
					settings.connectionStateTtl().toMillis(), serverId, settings.maxIdleInterval().toMillis(), null,
					"embedded"))
			.build();
	}

	private AuthContext authenticate(ConnectRequest request) {
		AuthContext auth;
		String key = request.param("key");
		String token = request.accessToken();
		if (key != null) {
			auth = authenticator.fromKey(key);
		}
		else if (token != null) {
			auth = authenticator.fromToken(token);
		}
		else {
			auth = authenticator.fromAuthorizationHeader(request.authorizationHeader());
		}
		return withRequestedClientId(auth, request.param("clientId"));
	}

	/** RSA7, RSA15: the connection's identity from the credentials and the {@code clientId} param. */
	static AuthContext withRequestedClientId(AuthContext auth, @Nullable String requested) {
		if (requested == null || requested.equals(auth.clientId())) {
			return auth;
		}
		if (requested.equals("*")) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CLIENT_ID, 400,
					"clientId '*' is not allowed as a connection's own identity"));
		}
		if (auth.basic() || auth.isWildcardClient()) {
			return auth.withClientId(requested);
		}
		throw new AblyException(ErrorInfo.of(ErrorCodes.INCOMPATIBLE_CREDENTIALS, 401,
				"clientId '" + requested + "' does not match the token's clientId"));
	}

	private static boolean sameIdentity(AuthContext a, AuthContext b) {
		return java.util.Objects.equals(a.impliedClientId(), b.impliedClientId()) || b.isWildcardClient();
	}

	private void dispatch(Transport transport, ProtocolMessage message) {
		ServerConnection connection = byTransport.get(transport);
		if (connection == null || connection.closed) {
			return;
		}
		switch (message.action()) {
			case HEARTBEAT -> transport.send(new Outbound(ProtocolMessage.builder(ProtocolAction.HEARTBEAT)
				.id(message.id())
				.build()));
			case CLOSE -> close(connection);
			case AUTH -> reauthorize(connection, message);
			case ATTACH -> channels.attach(connection, message);
			case DETACH -> channels.detach(connection, message);
			case MESSAGE -> channels.publish(connection, message);
			case PRESENCE -> channels.presence(connection, message);
			// Actions a client never sends, and ones this server does not know: ignored, as Ably does.
			default -> logger.debug("Embedded Ably server ignored {} from connection {}", message.action(),
					connection.id);
		}
	}

	private void close(ServerConnection connection) {
		connection.send(ProtocolMessage.of(ProtocolAction.CLOSED), now());
		Transport transport = connection.transport;
		discard(connection, true);
		if (transport != null) {
			transport.close();
		}
	}

	private void reauthorize(ServerConnection connection, ProtocolMessage message) {
		try {
			if (message.auth() == null) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CREDENTIALS, 401, "AUTH without credentials"));
			}
			AuthContext auth = authenticator.fromToken(message.auth().accessToken());
			if (auth.clientId() != null && !auth.isWildcardClient() && connection.auth.impliedClientId() != null
					&& !auth.clientId().equals(connection.auth.impliedClientId())) {
				// RTC8: a token for another identity cannot be adopted by this connection.
				connection.send(ProtocolMessage.builder(ProtocolAction.ERROR)
					.error(ErrorInfo.of(ErrorCodes.INCOMPATIBLE_CREDENTIALS, 401,
							"the new token's clientId does not match the connection's"))
					.build(), now());
				Transport transport = connection.transport;
				discard(connection, true);
				if (transport != null) {
					transport.close();
				}
				return;
			}
			connection.auth = auth.clientId() == null ? auth.withClientId(connection.auth.clientId()) : auth;
			connection.send(connected(connection), now());
			scheduleTokenTimers(connection);
		}
		catch (AblyException ex) {
			disconnect(connection, ex.errorInfo());
		}
	}

	/** Sends DISCONNECTED with a reason and drops the transport; the connection stays resumable. */
	void disconnect(ServerConnection connection, ErrorInfo reason) {
		Transport transport = connection.transport;
		connection.send(ProtocolMessage.builder(ProtocolAction.DISCONNECTED).error(reason).build(), now());
		if (transport != null) {
			transport.close();
		}
	}

	private void scheduleTokenTimers(ServerConnection connection) {
		if (connection.tokenTimer != null) {
			connection.tokenTimer.cancel(false);
			connection.tokenTimer = null;
		}
		Long expires = connection.auth.expires();
		if (expires == null) {
			return;
		}
		long warnAt = expires - settings.tokenExpiryWarning().toMillis();
		long delay = Math.max(0, warnAt - now());
		connection.tokenTimer = schedule(() -> tokenTimer(connection, expires), delay);
	}

	private void tokenTimer(ServerConnection connection, long expires) {
		if (connection.closed || !java.util.Objects.equals(connection.auth.expires(), expires)) {
			return;
		}
		if (now() < expires) {
			// RTN22: ask the client to re-authenticate before the token runs out.
			connection.send(ProtocolMessage.of(ProtocolAction.AUTH), now());
			connection.tokenTimer = schedule(() -> tokenTimer(connection, expires), Math.max(1, expires - now()));
			return;
		}
		disconnect(connection, ErrorInfo.of(ErrorCodes.TOKEN_EXPIRED, 401, "token expired"));
	}

	/** Fault injection and token expiry: treat every connection's token as expired now. */
	public void expireTokens() {
		execute(() -> {
			for (ServerConnection connection : new ArrayList<>(byId.values())) {
				if (connection.auth.expires() != null && connection.transport != null) {
					disconnect(connection, ErrorInfo.of(ErrorCodes.TOKEN_EXPIRED, 401, "token expired"));
				}
			}
		});
	}

	private void transportLost(Transport transport) {
		ServerConnection connection = byTransport.remove(transport);
		if (connection == null || connection.transport != transport) {
			return;
		}
		connection.transport = null;
		if (connection.closed) {
			return;
		}
		// Kept for resume (RTN15) for connectionStateTtl; its presence members leave after the grace period.
		// Each loss has its own number, so a timer from an earlier loss (resumed since) cannot act on this one.
		long loss = ++connection.transportLosses;
		connection.expiry = schedule(() -> {
			if (connection.transport == null && connection.transportLosses == loss) {
				discard(connection, false);
			}
		}, settings.connectionStateTtl().toMillis());
		schedule(() -> {
			if (connection.transport == null && connection.transportLosses == loss) {
				channels.leaveAll(connection);
			}
		}, settings.presenceLeaveGrace().toMillis());
	}

	private void discard(ServerConnection connection, boolean graceful) {
		connection.closed = true;
		if (connection.tokenTimer != null) {
			connection.tokenTimer.cancel(false);
		}
		if (connection.expiry != null) {
			connection.expiry.cancel(false);
		}
		channels.leaveAll(connection);
		channels.detachAll(connection);
		byId.remove(connection.id);
		byKey.remove(connection.key);
		if (connection.transport != null) {
			byTransport.remove(connection.transport);
		}
		connection.pending.clear();
		logger.debug("Embedded Ably server discarded connection {} ({})", connection.id,
				graceful ? "closed" : "state TTL elapsed");
	}

	private void sendHeartbeats() {
		if (heartbeatsSuspended) {
			return;
		}
		long now = now();
		long idle = settings.maxIdleInterval().toMillis();
		for (ServerConnection connection : byId.values()) {
			if (connection.transport != null && now - connection.lastSentAt >= idle) {
				connection.send(ProtocolMessage.of(ProtocolAction.HEARTBEAT), now);
			}
		}
	}

	/** Drops one connection's transport, or all, abruptly (fault injection). */
	public void dropTransports(@Nullable String connectionId) {
		execute(() -> {
			for (ServerConnection connection : new ArrayList<>(byId.values())) {
				if ((connectionId == null || connection.id.equals(connectionId)) && connection.transport != null) {
					connection.transport.abort();
				}
			}
		});
	}

	/**
	 * Closes transports with a WebSocket close frame but no DISCONNECTED first (fault injection: a proxy or load
	 * balancer closing the socket); the connections stay resumable (RTN15a).
	 */
	public void closeTransports(@Nullable String connectionId) {
		execute(() -> {
			for (ServerConnection connection : new ArrayList<>(byId.values())) {
				if ((connectionId == null || connection.id.equals(connectionId)) && connection.transport != null) {
					connection.transport.close();
				}
			}
		});
	}

	/** Sends a ProtocolMessage to one connection, or all (fault injection: DISCONNECTED, ERROR, AUTH...). */
	public void inject(@Nullable String connectionId, ProtocolMessage message) {
		execute(() -> {
			for (ServerConnection connection : new ArrayList<>(byId.values())) {
				if (connectionId == null || connection.id.equals(connectionId)) {
					connection.send(message, now());
				}
			}
		});
	}

	/** Sends {@code frame} unparsed to one connection's transport, or every one (fault injection: bad input). */
	public void injectRaw(@Nullable String connectionId, byte[] frame) {
		execute(() -> {
			for (ServerConnection connection : new ArrayList<>(byId.values())) {
				if ((connectionId == null || connection.id.equals(connectionId)) && connection.transport != null) {
					connection.transport.sendRaw(frame);
				}
			}
		});
	}

	public ChannelOperations channels() {
		return channels;
	}

	/** Message versions and annotations (RSL11-RSL15, RSAN). */
	public MessageMutations mutations() {
		return mutations;
	}

	public int connectionCount() {
		return call(byId::size);
	}

	static String randomId(int length) {
		StringBuilder sb = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			sb.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
		}
		return sb.toString();
	}

	@Override
	public void close() {
		loop.shutdownNow();
	}

	// =====================================================================================================
	// Appended for the REST API (rest/**) and fault injection (Faults). Public methods are callable from any
	// thread; they run on the core loop.
	// =====================================================================================================

	private volatile boolean refusingConnections;

	private volatile @Nullable ErrorInfo refusal;

	private volatile boolean heartbeatsSuspended;

	/**
	 * Fault injection: while {@code refuse}, new realtime connections are refused: dropped at once when
	 * {@code error} is null (as an unreachable host would be), else answered with ERROR and closed.
	 */
	public void refuseConnections(boolean refuse, @Nullable ErrorInfo error) {
		refusal = error;
		refusingConnections = refuse;
	}

	/** Hook of connect: refuses the attempt while fault injection says so. */
	private boolean refused(Transport transport) {
		if (!refusingConnections) {
			return false;
		}
		ErrorInfo error = refusal;
		if (error == null) {
			transport.abort();
		}
		else {
			transport.send(new Outbound(ProtocolMessage.builder(ProtocolAction.ERROR).error(error).build()));
			transport.close();
		}
		return true;
	}

	/** Fault injection: stops (or resumes) the server's HEARTBEATs on idle connections. */
	public void heartbeats(boolean enabled) {
		heartbeatsSuspended = !enabled;
	}

	/** Sends DISCONNECTED with {@code reason} to one connection, or all, and closes their transports (RTN15h). */
	public void disconnectConnections(@Nullable String connectionId, ErrorInfo reason) {
		disconnectWhere(connection -> connectionId == null || connection.id.equals(connectionId), reason);
	}

	/** Sends DISCONNECTED with {@code reason} to the connections whose credentials match (token revocation). */
	public void disconnectAuthenticated(java.util.function.Predicate<AuthContext> matches, ErrorInfo reason) {
		disconnectWhere(connection -> matches.test(connection.auth), reason);
	}

	/** Sends a server AUTH to the connections whose credentials match, asking them to renew their token (RTN22). */
	public void requestReauthentication(java.util.function.Predicate<AuthContext> matches) {
		execute(() -> {
			for (ServerConnection connection : new ArrayList<>(byId.values())) {
				if (connection.transport != null && matches.test(connection.auth)) {
					connection.send(ProtocolMessage.of(ProtocolAction.AUTH), now());
				}
			}
		});
	}

	/** Fails one connection, or all, with a connection-level ERROR (RTN15i): the state is discarded. */
	public void failConnections(@Nullable String connectionId, ErrorInfo error) {
		execute(() -> {
			for (ServerConnection connection : new ArrayList<>(byId.values())) {
				if (connectionId == null || connection.id.equals(connectionId)) {
					connection.send(ProtocolMessage.builder(ProtocolAction.ERROR).error(error).build(), now());
					Transport transport = connection.transport;
					discard(connection, true);
					if (transport != null) {
						transport.close();
					}
				}
			}
		});
	}

	/** The ids of the connections the server holds, with or without a transport. */
	public List<String> connectionIds() {
		return call(() -> List.copyOf(byId.keySet()));
	}

	private void disconnectWhere(java.util.function.Predicate<ServerConnection> matches, ErrorInfo reason) {
		execute(() -> {
			for (ServerConnection connection : new ArrayList<>(byId.values())) {
				if (connection.transport != null && matches.test(connection)) {
					disconnect(connection, reason);
				}
			}
		});
	}
}
