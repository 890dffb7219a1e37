package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.RealtimeOptions;
import io.github.ablyspring.client.auth.Auth;
import io.github.ablyspring.client.realtime.transport.Transport;
import io.github.ablyspring.client.realtime.transport.TransportFactory;
import io.github.ablyspring.client.realtime.transport.TransportListener;
import io.github.ablyspring.client.realtime.transport.TransportRequest;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.AuthDetails;
import io.github.ablyspring.protocol.ConnectionDetails;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.codec.WireFormat;

/**
 * The connection state machine (RTN): opens transports, handles the connection-level protocol messages, retries,
 * resume and recover, heartbeats, pings, in-band auth, and the publish queue. Everything here runs on the client's
 * {@link EventLoop}; the fields read from other threads are volatile.
 */
final class ConnectionManager {

	private static final Log logger = LogFactory.getLog(ConnectionManager.class);

	/** RSA4f: a longer token is not a token. */
	private static final int MAX_TOKEN_LENGTH = 128 * 1024;

	/** What the channels hear from the connection, on the event loop. */
	interface ChannelHooks {

		/** RTL3d, RTN15c6/c7: re-attach; {@code resumed} false means continuity is lost. */
		void onConnected(boolean resumed);

		/** RTL3c. */
		void onSuspended(ErrorInfo reason);

		/** RTL3b. */
		void onClosed();

		/** RTL3a. */
		void onFailed(ErrorInfo reason);

		/** A message for a channel (it has a {@code channel}). */
		void onChannelMessage(ProtocolMessage message);
	}

	private final ClientOptions options;

	private final RealtimeOptions realtime;

	private final EventLoop loop;

	private final Auth auth;

	/** Where token requests block, off the event loop. */
	private final Executor blocking;

	private final TransportFactory transports;

	private final Listeners<ConnectionStateChange> listeners;

	private final PublishQueue queue = new PublishQueue();

	private final List<String> hosts;

	private ChannelHooks channels = new NoChannels();

	private volatile ConnectionState state = ConnectionState.INITIALIZED;

	private volatile @Nullable ErrorInfo errorReason;

	private volatile @Nullable String id;

	private volatile @Nullable String key;

	private volatile @Nullable ConnectionDetails details;

	private @Nullable Transport transport;

	/** Counts attempts so results of an abandoned one (a token arriving late) are ignored. */
	private long attempt;

	private int hostIndex;

	private int retryCount;

	/** When the connection last left CONNECTED, for connectionStateTtl (RTN14e); -1 while connected. */
	private long disconnectedAt = -1;

	private boolean tokenRenewedThisAttempt;

	/** A {@link #flushQueued} task is queued on the loop; later publishes join the bundle so none overtakes it. */
	private boolean flushScheduled;

	/** Publishes posted to the loop by channels and not yet taken (see {@link #publishTaken()}). */
	private final java.util.concurrent.atomic.AtomicInteger postedPublishes = new java.util.concurrent.atomic.AtomicInteger();

	/** Whether any connection was ever established, for msgSerial continuity (RTN15c7). */
	private boolean everConnected;

	/** Whether the current attempt still waits for its token (RSA4c: a timeout then is a token failure). */
	private boolean tokenPending;

	private @Nullable RecoveryKey recover;

	private long lastActivity;

	private long maxIdleInterval;

	private long connectionStateTtl;

	private long maxMessageSize;

	private RealtimeScheduler.Timer connectTimer = RealtimeScheduler.Timer.NONE;

	private RealtimeScheduler.Timer retryTimer = RealtimeScheduler.Timer.NONE;

	private RealtimeScheduler.Timer idleTimer = RealtimeScheduler.Timer.NONE;

	private RealtimeScheduler.Timer closeTimer = RealtimeScheduler.Timer.NONE;

	private RealtimeScheduler.Timer ttlTimer = RealtimeScheduler.Timer.NONE;

	private final Map<String, Ping> pings = new HashMap<>();

	private final List<CompletableFuture<Void>> authWaiters = new ArrayList<>();

	ConnectionManager(ClientOptions options, EventLoop loop, Auth auth, Executor blocking, TransportFactory transports,
			Listeners<ConnectionStateChange> listeners, List<String> hosts) {
		this.options = options;
		this.realtime = options.realtime();
		this.loop = loop;
		this.auth = auth;
		this.blocking = blocking;
		this.transports = transports;
		this.listeners = listeners;
		this.hosts = List.copyOf(hosts);
		this.connectionStateTtl = realtime.connectionStateTtl().toMillis();
		this.maxMessageSize = options.maxMessageSize();
		if (realtime.recover() != null) {
			this.recover = RecoveryKey.decode(realtime.recover());
			if (this.recover == null) {
				logger.error("the recover option is not a recovery key; connecting without recovery (RTN16f1)");
			}
			else {
				queue.setMsgSerial(this.recover.msgSerial());                            // RTN16f
			}
		}
	}

	void channels(ChannelHooks hooks) {
		this.channels = hooks;
	}

	/** RTN16j: the channel serials of the recovery key, to seed the channels with. */
	Map<String, String> recoveredChannelSerials() {
		return recover != null ? recover.channelSerials() : Map.of();
	}

	ConnectionState state() {
		return state;
	}

	@Nullable ErrorInfo errorReason() {
		return errorReason;
	}

	@Nullable String id() {
		return id;
	}

	@Nullable String key() {
		return key;
	}

	@Nullable ConnectionDetails details() {
		return details;
	}

	long maxMessageSize() {
		return maxMessageSize;
	}

	EventLoop loop() {
		return loop;
	}

	Executor blocking() {
		return blocking;
	}

	Duration realtimeRequestTimeout() {
		return realtime.realtimeRequestTimeout();
	}

	Duration channelRetryTimeout() {
		return realtime.channelRetryTimeout();
	}

	/** RTL6c2, RTP16b: whether messages may wait for the connection or channel to become ready. */
	boolean queueMessages() {
		return realtime.queueMessages();
	}

	/** RSA7b4, RTN21: the client id the server confirmed, else the one of the options or token. */
	@Nullable String clientId() {
		ConnectionDetails current = details;
		if (current != null && current.clientId() != null) {
			return current.clientId();
		}
		return auth.clientId();
	}

	// ---------------------------------------------------------------- API (on the loop)

	/** RTN11: connects unless connected or connecting. */
	void connect() {
		switch (state) {
			case CONNECTED, CONNECTING -> {
			}
			case CLOSING -> {
				// RTN11c: abandon the close and connect afresh.
				dropTransport();
				startAttempt(null, false);
			}
			default -> startAttempt(null, false);
		}
	}

	/** RTN12. */
	void close() {
		switch (state) {
			case CLOSING, CLOSED, FAILED -> {
			}
			case CONNECTED -> {
				setState(ConnectionState.CLOSING, null, null);
				send(ProtocolMessage.of(ProtocolAction.CLOSE));                          // RTN12a
				closeTimer = loop.schedule(this::closed, realtime.realtimeRequestTimeout()); // RTN12b
			}
			default -> closed();                                                         // RTN12c, RTN12d, RTN12f
		}
	}

	/** RTN13: resolves with the round trip time. */
	CompletableFuture<Duration> ping() {
		CompletableFuture<Duration> result = new CompletableFuture<>();
		switch (state) {
			case INITIALIZED, SUSPENDED, CLOSING, CLOSED, FAILED -> result.completeExceptionally(
					new AblyException(stateError("cannot ping while the connection is " + state)));   // RTN13b
			default -> {
				Ping ping = new Ping(UUID.randomUUID().toString(), result);
				pings.put(ping.id, ping);
				// RTN13d: deferred until CONNECTED; the timeout runs from when the HEARTBEAT goes out.
				if (state == ConnectionState.CONNECTED) {
					sendPing(ping);
				}
			}
		}
		return result;
	}

	/**
	 * Publishes a MESSAGE, PRESENCE or ANNOTATION ProtocolMessage: sent now when connected (RTL6c1), queued while
	 * connecting or disconnected (RTL6c2), failed otherwise (RTL6c4).
	 */
	void publish(PendingPublish publish) {
		publish(publish, false);
	}

	/** On the caller's thread, before a channel posts a publish to the loop: one more publish on its way. */
	void publishPosted() {
		postedPublishes.incrementAndGet();
	}

	/** On the loop, as a posted publish is taken: whether more publishes are already queued behind it. */
	boolean publishTaken() {
		return postedPublishes.decrementAndGet() > 0;
	}

	/**
	 * As {@link #publish(PendingPublish)}; {@code moreBehind} says other publishes are already waiting on the loop, so
	 * this one may be bundled with them.
	 */
	void publish(PendingPublish publish, boolean moreBehind) {
		switch (state) {
			case CONNECTED -> {
				Transport current = transport;
				if (flushScheduled || (realtime.coalescePublishes()
						&& (moreBehind || (current != null && current.backlog() > 0)))) {
					// A burst, or a socket still writing earlier frames: bundle this with what waits (RTL6d-style, same
					// channel, up to maxMessageSize); one task after the publishes already queued sends them.
					queue.queue(publish, maxMessageSize);
					if (!flushScheduled) {
						flushScheduled = true;
						loop.execute(this::flushQueued);
					}
				}
				else {
					send(queue.sent(publish).message());
				}
			}
			case INITIALIZED, CONNECTING, DISCONNECTED -> {
				if (realtime.queueMessages()) {
					queue.queue(publish, maxMessageSize);
				}
				else {
					publish.fail(stateError("queueMessages is off and the connection is " + state));  // RTL6c4
				}
			}
			default -> publish.fail(stateError("cannot publish while the connection is " + state)); // RTL6c4
		}
	}

	/** Sends the publishes held back behind a busy socket; when no longer connected they wait for CONNECTED. */
	private void flushQueued() {
		flushScheduled = false;
		if (state == ConnectionState.CONNECTED) {
			for (PendingPublish p : queue.drainQueued()) {
				send(p.message());
			}
		}
	}

	/** Sends {@code message} if connected; a channel re-sends its ATTACH/DETACH on the next CONNECTED. */
	boolean sendIfConnected(ProtocolMessage message) {
		if (state != ConnectionState.CONNECTED) {
			return false;
		}
		send(message);
		return true;
	}

	/** RTC8: after {@code token} was obtained by authorize(). */
	CompletableFuture<Void> reauthorize(TokenDetails token) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		switch (state) {
			case CONNECTED -> {
				authWaiters.add(done);                                                   // RTC8a
				send(ProtocolMessage.builder(ProtocolAction.AUTH).auth(new AuthDetails(token.token())).build());
				// RTC8a3 waits for the server's answer, but not forever: authorize() holds the token lock meanwhile.
				loop.schedule(() -> {
					if (authWaiters.remove(done)) {
						done.completeExceptionally(new AblyException(ErrorInfo.of(ErrorCodes.TIMEOUT_ERROR, 504,
								"timeout: no answer to AUTH within " + realtime.realtimeRequestTimeout())));
					}
				}, realtime.realtimeRequestTimeout());
			}
			case CONNECTING -> {
				authWaiters.add(done);                                                   // RTC8b
				dropTransport();
				startAttempt(null, token);
			}
			case INITIALIZED, DISCONNECTED, SUSPENDED, CLOSED, FAILED -> {
				authWaiters.add(done);                                                   // RTC8c
				startAttempt(null, token);
			}
			default -> done.complete(null);
		}
		return done;
	}

	/** RTN16g. */
	@Nullable String createRecoveryKey(Map<String, String> channelSerials) {
		String current = key;
		if (current == null || state == ConnectionState.CLOSING || state == ConnectionState.CLOSED
				|| state == ConnectionState.FAILED || state == ConnectionState.SUSPENDED) {
			return null;                                                                 // RTN16g2
		}
		return new RecoveryKey(current, queue.msgSerial(), channelSerials).encode();
	}

	// ---------------------------------------------------------------- connecting

	private void startAttempt(@Nullable ErrorInfo reason, boolean forceNewToken) {
		startAttempt(reason, forceNewToken, null);
	}

	/**
	 * RTC8b, RTC8c: an attempt with the token authorize() just obtained (authorize holds the token lock until the
	 * attempt ends, so asking Auth for it again would wait forever).
	 */
	private void startAttempt(@Nullable ErrorInfo reason, TokenDetails token) {
		startAttempt(reason, false, token);
	}

	private void startAttempt(@Nullable ErrorInfo reason, boolean forceNewToken, @Nullable TokenDetails given) {
		retryTimer.cancel();
		connectTimer.cancel();
		long thisAttempt = ++attempt;
		if (state != ConnectionState.CONNECTING) {
			setState(ConnectionState.CONNECTING, reason, null);
		}
		// RTN14c: the whole attempt, token included, must finish within realtimeRequestTimeout.
		tokenPending = false;
		connectTimer = loop.schedule(() -> {
			if (thisAttempt == attempt && state == ConnectionState.CONNECTING) {
				if (tokenPending) {
					// RSA4c: the token did not come in time; the attempt is over, the host is not to blame.
					attempt++;
					tokenPending = false;
					disconnected(ErrorInfo.of(ErrorCodes.TOKEN_REQUEST_FAILED, 401,
							"timed out obtaining a token after " + realtime.realtimeRequestTimeout()), false);
					return;
				}
				attemptFailed(ErrorInfo.of(ErrorCodes.TIMEOUT_ERROR, 504,
						"timeout: no CONNECTED within " + realtime.realtimeRequestTimeout()), true);
			}
		}, realtime.realtimeRequestTimeout());
		if (given != null) {
			open(Map.entry("accessToken", given.token()));
			return;
		}
		String basicKey = auth.basicKey();
		if (basicKey != null) {
			open(Map.entry("key", basicKey));
			return;
		}
		long now = loop.now();
		tokenPending = true;
		blocking.execute(() -> {
			TokenDetails token;
			try {
				token = auth.tokenForConnection(forceNewToken, now);
				if (token.token().length() > MAX_TOKEN_LENGTH) {
					throw new AblyException(ErrorInfo.of(ErrorCodes.ERROR_FROM_CLIENT_TOKEN_CALLBACK, 401,
							"the token is longer than 128 KiB"));                        // RSA4f
				}
			}
			catch (RuntimeException ex) {
				loop.execute(() -> tokenFailed(thisAttempt, ex));
				return;
			}
			loop.execute(() -> {
				if (thisAttempt == attempt && state == ConnectionState.CONNECTING) {
					tokenPending = false;
					open(Map.entry("accessToken", token.token()));
				}
			});
		});
	}

	/** RSA4a, RSA4c, RSA4d: why a token could not be had decides between FAILED and DISCONNECTED. */
	private void tokenFailed(long thisAttempt, RuntimeException ex) {
		if (thisAttempt != attempt || state != ConnectionState.CONNECTING) {
			return;
		}
		tokenPending = false;
		connectTimer.cancel();
		if (ex instanceof AblyException ably && ably.code() == ErrorCodes.TOKEN_RENEWAL_NOT_CONFIGURED) {
			failed(ably.errorInfo());                                                    // RSA4a2
			return;
		}
		ErrorInfo reason = tokenRequestFailure(ex);
		if (reason.statusCode() == 403) {
			failed(reason);                                                              // RSA4d
			return;
		}
		disconnected(reason, false);                                                     // RSA4c2
	}

	/**
	 * RSA4c1, RSA4d: a failed token request is reported as 80019 with the status 401 (403 when the provider said
	 * 403) and the provider's own error as the cause.
	 */
	static ErrorInfo tokenRequestFailure(RuntimeException ex) {
		ErrorInfo underlying = ErrorInfo.of(ErrorCodes.TOKEN_REQUEST_FAILED, 401, String.valueOf(ex.getMessage()));
		if (ex instanceof AblyException ably) {
			underlying = ably.errorInfo();
			// The authCallback's own error travels as the cause of the 40170 that Auth wraps it in.
			if (ably.getCause() instanceof AblyException inner) {
				underlying = inner.errorInfo();
			}
		}
		int status = underlying.statusCode() == 403 ? 403 : 401;
		return ErrorInfo.of(ErrorCodes.TOKEN_REQUEST_FAILED, status, "could not obtain a token: "
				+ underlying.message()).withCause(underlying);
	}

	private void open(Map.Entry<String, String> credential) {
		String host = hosts.get(hostIndex);
		String resume = key;
		String recoverKey = resume == null && recover != null ? recover.connectionKey() : null;
		var uri = RealtimeUrl.of(options, host, credential, resume, recoverKey);
		TransportRequest request = new TransportRequest(uri, host,
				options.useBinaryProtocol() ? WireFormat.MSGPACK : WireFormat.JSON, realtime.realtimeRequestTimeout());
		logger.debug("connecting to " + host + (resume != null ? " (resume)" : recoverKey != null ? " (recover)" : ""));
		transport = transports.open(request, new Bound());
	}

	/** RTN14d, RTN17: a failed attempt tries the next fallback host, else goes DISCONNECTED. */
	private void attemptFailed(ErrorInfo reason, boolean hostProblem) {
		connectTimer.cancel();
		dropTransport();
		if (hostProblem && hostIndex + 1 < hosts.size()) {
			hostIndex++;                                                                 // RTN17d
			long thisAttempt = ++attempt;
			checkConnectivity(() -> {
				if (thisAttempt == attempt && state == ConnectionState.CONNECTING) {
					startAttempt(null, false);
				}
			}, () -> {
				if (thisAttempt == attempt && state == ConnectionState.CONNECTING) {
					hostIndex = 0;
					disconnected(reason, false);
				}
			});
			return;
		}
		hostIndex = 0;
		disconnected(reason, false);
	}

	/** RTN17j: before the first fallback host, is the internet there at all? */
	private void checkConnectivity(Runnable up, Runnable down) {
		String url = realtime.connectivityCheckUrl();
		if (url == null || hostIndex > 1) {
			up.run();
			return;
		}
		blocking.execute(() -> {
			boolean ok = ConnectivityCheck.isUp(url, realtime.realtimeRequestTimeout());
			loop.execute(ok ? up : down);
		});
	}

	/** RTN14d, RTN15a, RTN15h3: DISCONNECTED, then a retry: at once after a drop, else after a backoff. */
	private void disconnected(ErrorInfo reason, boolean immediately) {
		dropTransport();
		hostIndex = 0;                                                                   // RTN17i: primary first again
		long now = loop.now();
		if (disconnectedAt < 0) {
			disconnectedAt = now;
			// RTN14e, RTN15g: SUSPENDED once connectionStateTtl has passed, whatever attempt is under way then.
			ttlTimer = loop.schedule(this::stateTtlExpired, Duration.ofMillis(connectionStateTtl));
		}
		else if (now - disconnectedAt >= connectionStateTtl) {
			suspended(reason);                                                           // RTN14e
			return;
		}
		if (!immediately) {
			// RTB1: the immediate RTN15a retry is not a backoff step.
			retryCount++;
		}
		Duration delay = immediately ? Duration.ZERO : Backoff.delay(realtime.disconnectedRetryTimeout(), retryCount);
		setState(ConnectionState.DISCONNECTED, reason, delay);
		if (!realtime.queueMessages()) {
			queue.failAll(reason);                                                       // RTN7d
		}
		Runnable retry = () -> {
			if (state == ConnectionState.DISCONNECTED) {
				startAttempt(null, false);
			}
		};
		if (immediately) {
			loop.execute(retry);
		}
		else {
			retryTimer = loop.schedule(retry, delay);
		}
	}

	private void stateTtlExpired() {
		if (state == ConnectionState.DISCONNECTED || state == ConnectionState.CONNECTING) {
			attempt++;                                                                   // abandon the attempt
			retryTimer.cancel();
			connectTimer.cancel();
			dropTransport();
			ErrorInfo cause = errorReason;
			suspended(cause != null ? cause
					: ErrorInfo.of(ErrorCodes.CONNECTION_DISCONNECTED, 503, "the connection was unavailable"));
		}
	}

	private void suspended(ErrorInfo cause) {
		ttlTimer.cancel();
		// RTN15g: too late to resume; the next connection starts afresh.
		id = null;
		key = null;
		ErrorInfo reason = ErrorInfo.of(ErrorCodes.CONNECTION_SUSPENDED, 503,
				"connection unavailable for longer than connectionStateTtl").withCause(cause);
		setState(ConnectionState.SUSPENDED, reason, realtime.suspendedRetryTimeout());
		// RTN15g, RTN15g2: past connectionStateTtl the server has discarded the connection; the next attempt is a
		// fresh connection, not a resume. RTN8c, RTN9c: no id or key while SUSPENDED.
		id = null;
		key = null;
		queue.failAll(reason);                                                           // RTN7e
		channels.onSuspended(reason);                                                    // RTL3c
		failPings(reason);
		failAuthWaiters(reason);                                                         // RTC8b1
		retryTimer = loop.schedule(() -> {
			if (state == ConnectionState.SUSPENDED) {
				startAttempt(null, false);                                               // RTN14f, RTN14h
			}
		}, realtime.suspendedRetryTimeout());
	}

	private void failed(ErrorInfo reason) {
		cancelTimers();
		dropTransport();
		resetRetries();
		setState(ConnectionState.FAILED, reason, null);
		id = null;                                                                       // RTN8c
		key = null;                                                                      // RTN9c
		queue.failAll(reason);                                                           // RTN7e
		channels.onFailed(reason);                                                       // RTL3a
		failPings(reason);
		failAuthWaiters(reason);
	}

	private void closed() {
		cancelTimers();
		dropTransport();
		resetRetries();
		ErrorInfo reason = ErrorInfo.of(ErrorCodes.CONNECTION_CLOSED, 400, "connection closed");
		setState(ConnectionState.CLOSED, null, null);
		id = null;
		key = null;
		queue.failAll(reason);                                                           // RTN7e
		channels.onClosed();                                                             // RTL3b
		failPings(reason);
		failAuthWaiters(reason);
	}

	// ---------------------------------------------------------------- from the transport (on the loop)

	private void onMessage(ProtocolMessage message) {
		lastActivity = loop.now();
		switch (message.action()) {
			case HEARTBEAT -> onHeartbeat(message);
			case CONNECTED -> onConnected(message);
			case DISCONNECTED -> onDisconnected(message);
			case ERROR -> {
				if (message.channel() != null) {
					channels.onChannelMessage(message);                                  // RTL14
				}
				else {
					onError(message);
				}
			}
			case CLOSED -> {
				if (state == ConnectionState.CLOSING) {
					closed();
				}
			}
			case ACK -> queue.ack(orZero(message.msgSerial()), count(message), message.res());
			case NACK -> queue.nack(orZero(message.msgSerial()), count(message), message.error() != null
					? message.error() : ErrorInfo.of(ErrorCodes.INTERNAL_ERROR, 500, "the server refused the message"));
			case AUTH -> onAuthRequest();
			case UNKNOWN -> logger.debug("ignored a protocol message with an unknown action (RTF1)");
			default -> {
				if (message.channel() != null) {
					channels.onChannelMessage(message);
				}
				else {
					logger.debug("ignored a " + message.action() + " without a channel");
				}
			}
		}
	}

	private void onConnected(ProtocolMessage message) {
		connectTimer.cancel();
		ConnectionDetails cd = message.connectionDetails();
		String newKey = cd != null && cd.connectionKey() != null ? cd.connectionKey() : message.connectionKey();
		if (state == ConnectionState.CONNECTED) {
			// RTN24: a CONNECTED while connected (after in-band auth, say) updates details and emits UPDATE.
			apply(cd, newKey, message.connectionId());
			emitUpdate(message.error());
			settleAuthWaiters(null);
			return;
		}
		if (state != ConnectionState.CONNECTING) {
			logger.debug("ignored a CONNECTED in state " + state);
			return;
		}
		String previousId = id;
		boolean recovering = previousId == null && recover != null;
		boolean continued = message.error() == null
				&& (previousId != null ? previousId.equals(message.connectionId()) : recovering);
		if (recovering) {
			recover = null;                                                              // RTN16k: once only
		}
		// Only the very first connection (or a recovered one) keeps msgSerial; any other new connection restarts at 0
		// (RTN15c7, RTN15g: also after SUSPENDED or CLOSED cleared the old connection).
		boolean keepSerials = continued || (previousId == null && !recovering && !everConnected);
		everConnected = true;
		if (!keepSerials) {
			logger.debug("connection not resumed: " + message.error());
		}
		apply(cd, newKey, message.connectionId());
		retryCount = 0;
		disconnectedAt = -1;
		ttlTimer.cancel();
		tokenRenewedThisAttempt = false;
		setState(ConnectionState.CONNECTED, message.error(), null);                      // RTN15c7: error as reason
		scheduleIdleCheck();
		channels.onConnected(continued);                                                 // RTL3d
		for (PendingPublish p : queue.onConnected(keepSerials)) {                        // RTN19a
			send(p.message());
		}
		for (Ping ping : pings.values()) {
			sendPing(ping);
		}
		settleAuthWaiters(null);
	}

	private void apply(@Nullable ConnectionDetails cd, @Nullable String newKey, @Nullable String connectionId) {
		if (connectionId != null) {
			id = connectionId;
		}
		if (newKey != null) {
			key = newKey;
		}
		if (cd != null) {
			details = cd;
			if (cd.maxIdleInterval() != null) {
				maxIdleInterval = cd.maxIdleInterval();                                  // RTN21
			}
			if (cd.connectionStateTtl() != null) {
				connectionStateTtl = cd.connectionStateTtl();
			}
			if (cd.maxMessageSize() != null && cd.maxMessageSize() > 0) {
				maxMessageSize = cd.maxMessageSize();
			}
		}
	}

	private void onDisconnected(ProtocolMessage message) {
		ErrorInfo error = message.error() != null ? message.error()
				: ErrorInfo.of(ErrorCodes.CONNECTION_DISCONNECTED, 503, "the server disconnected");
		if (isTokenError(error)) {
			renewAfterTokenError(error);                                                 // RTN15h1, RTN15h2
			return;
		}
		if (state == ConnectionState.CONNECTING) {
			attemptFailed(error, error.statusCode() >= 500 && error.statusCode() <= 504); // RTN14d, RTN17f1
		}
		else if (state == ConnectionState.CONNECTED) {
			disconnected(error, true);                                                   // RTN15h3
		}
	}

	private void onError(ProtocolMessage message) {
		ErrorInfo error = message.error() != null ? message.error()
				: ErrorInfo.of(ErrorCodes.INTERNAL_ERROR, 500, "the server sent an ERROR without details");
		if (isTokenError(error) && (state == ConnectionState.CONNECTING || state == ConnectionState.CONNECTED)) {
			renewAfterTokenError(error);                                                 // RTN14b, RTN15c5
			return;
		}
		if (state == ConnectionState.CONNECTED && !authWaiters.isEmpty()) {
			failAuthWaiters(error);
		}
		failed(error);                                                                   // RTN14g, RTN15j
	}

	/** RTN14b, RTN15h2: one new token and a new attempt; a second token error in a row means DISCONNECTED. */
	private void renewAfterTokenError(ErrorInfo error) {
		dropTransport();
		connectTimer.cancel();
		if (!auth.canRenewToken()) {
			if (state == ConnectionState.CONNECTING) {
				// RSA4a2: the token was refused and cannot be replaced.
				failed(ErrorInfo.of(ErrorCodes.TOKEN_RENEWAL_NOT_CONFIGURED, 401,
						"the token was rejected and there is no key, authCallback or authUrl to renew it")
					.withCause(error));
			}
			else {
				failed(error);                                                           // RTN15h1
			}
			return;
		}
		if (tokenRenewedThisAttempt) {
			tokenRenewedThisAttempt = false;
			if (state == ConnectionState.CONNECTING) {
				disconnected(error, false);
			}
			else {
				disconnected(error, true);
			}
			return;
		}
		tokenRenewedThisAttempt = true;
		if (state == ConnectionState.CONNECTED) {
			setState(ConnectionState.DISCONNECTED, error, Duration.ZERO);                // RTN15h2i
		}
		startAttempt(error, true);
	}

	/** RTN22: the server asks for a new token; send it in an AUTH message. */
	private void onAuthRequest() {
		if (!auth.canRenewToken()) {
			logger.warn("the server asked for re-authentication but there is no means to renew the token");
			return;
		}
		long now = loop.now();
		blocking.execute(() -> {
			try {
				TokenDetails token = auth.tokenForConnection(true, now);
				loop.execute(() -> sendIfConnected(
						ProtocolMessage.builder(ProtocolAction.AUTH).auth(new AuthDetails(token.token())).build()));
			}
			catch (RuntimeException ex) {
				ErrorInfo error = tokenRequestFailure(ex);
				loop.execute(() -> {
					if (error.statusCode() == 403) {
						failed(error);                                                   // RSA4d
					}
					else if (state == ConnectionState.CONNECTED) {
						errorReason = error;                                             // RSA4c1, RSA4c3
					}
				});
			}
		});
	}

	private void onHeartbeat(ProtocolMessage message) {
		if (message.id() != null) {
			Ping ping = pings.remove(message.id());                                      // RTN13e
			if (ping != null) {
				ping.timer.cancel();
				ping.future.complete(Duration.ofMillis(Math.max(0, loop.now() - ping.sentAt)));
			}
		}
	}

	private void onTransportClosed(@Nullable ErrorInfo reason) {
		transport = null;
		ErrorInfo error = reason != null ? reason
				: ErrorInfo.of(ErrorCodes.CONNECTION_DISCONNECTED, 503, "the connection was closed");
		switch (state) {
			case CONNECTING -> attemptFailed(error, true);
			case CONNECTED -> disconnected(error, true);                                  // RTN15a
			case CLOSING -> closed();
			default -> {
			}
		}
	}

	// ---------------------------------------------------------------- heartbeats (RTN23)

	private void scheduleIdleCheck() {
		idleTimer.cancel();
		lastActivity = loop.now();
		idleTimer = loop.schedule(this::checkIdle, idleLimit());
	}

	private Duration idleLimit() {
		return Duration.ofMillis(maxIdleInterval + realtime.realtimeRequestTimeout().toMillis());
	}

	/** RTN23a: nothing at all from the server for maxIdleInterval + realtimeRequestTimeout means a dead transport. */
	private void checkIdle() {
		if (state != ConnectionState.CONNECTED) {
			return;
		}
		long silent = loop.now() - lastActivity;
		long limit = idleLimit().toMillis();
		if (silent >= limit) {
			logger.debug("no activity for " + silent + " ms; disconnecting");
			disconnected(ErrorInfo.of(ErrorCodes.CONNECTION_DISCONNECTED, 503,
					"no activity from the server for " + silent + " ms"), true);
			return;
		}
		// Re-armed lazily: one timer per idle period instead of one per message.
		idleTimer = loop.schedule(this::checkIdle, Duration.ofMillis(limit - silent));
	}

	// ---------------------------------------------------------------- helpers

	private void send(ProtocolMessage message) {
		Transport current = transport;
		if (current != null) {
			current.send(message);
		}
	}

	private void sendPing(Ping ping) {
		ping.sentAt = loop.now();
		ping.timer.cancel();
		ping.timer = loop.schedule(() -> {
			if (pings.remove(ping.id) != null) {
				ping.future.completeExceptionally(new AblyException(ErrorInfo.of(ErrorCodes.TIMEOUT_ERROR, 504,
						"ping timeout: no answer within " + realtime.realtimeRequestTimeout())));   // RTN13c
			}
		}, realtime.realtimeRequestTimeout());
		send(ProtocolMessage.builder(ProtocolAction.HEARTBEAT).id(ping.id).build());
	}

	private void setState(ConnectionState next, @Nullable ErrorInfo reason, @Nullable Duration retryIn) {
		ConnectionState previous = state;
		state = next;
		if (reason != null) {
			errorReason = reason;                                                        // RTN25
		}
		else if (next == ConnectionState.CONNECTED || next == ConnectionState.CLOSED) {
			errorReason = null;
		}
		if (next != ConnectionState.CONNECTED) {
			idleTimer.cancel();
		}
		logger.debug("connection " + previous + " -> " + next + (reason != null ? " (" + reason + ")" : ""));
		listeners.emit(new ConnectionStateChange(previous, next, next.event(), reason, retryIn));
	}

	private void emitUpdate(@Nullable ErrorInfo reason) {
		if (reason != null) {
			errorReason = reason;
		}
		listeners.emit(new ConnectionStateChange(state, state, ConnectionEvent.UPDATE, reason, null));
	}

	private void dropTransport() {
		Transport current = transport;
		transport = null;
		if (current != null) {
			current.close();
		}
	}

	/** A later connect() starts a new sequence: no backoff carried over, connectionStateTtl counted afresh. */
	private void resetRetries() {
		retryCount = 0;
		disconnectedAt = -1;
		hostIndex = 0;
	}

	private void cancelTimers() {
		connectTimer.cancel();
		retryTimer.cancel();
		idleTimer.cancel();
		closeTimer.cancel();
		ttlTimer.cancel();
	}

	private void failPings(ErrorInfo reason) {
		for (Ping ping : pings.values()) {
			ping.timer.cancel();
			ping.future.completeExceptionally(new AblyException(reason));
		}
		pings.clear();
	}

	private void settleAuthWaiters(@Nullable ErrorInfo error) {
		List<CompletableFuture<Void>> waiting = new ArrayList<>(authWaiters);
		authWaiters.clear();
		for (CompletableFuture<Void> w : waiting) {
			if (error == null) {
				w.complete(null);
			}
			else {
				w.completeExceptionally(new AblyException(error));
			}
		}
	}

	private void failAuthWaiters(ErrorInfo error) {
		settleAuthWaiters(error);
	}

	private ErrorInfo stateError(String message) {
		int code = switch (state) {
			case SUSPENDED -> ErrorCodes.CONNECTION_SUSPENDED;
			case CLOSING, CLOSED -> ErrorCodes.CONNECTION_CLOSED;
			case FAILED -> ErrorCodes.CONNECTION_FAILED;
			default -> ErrorCodes.CONNECTION_DISCONNECTED;
		};
		ErrorInfo cause = errorReason;
		return ErrorInfo.of(code, 400, message).withCause(cause);
	}

	static boolean isTokenError(ErrorInfo error) {
		return error.statusCode() == 401 && error.code() >= 40140 && error.code() < 40150;
	}

	private static long orZero(@Nullable Long value) {
		return value != null ? value : 0;
	}

	private static int count(ProtocolMessage message) {
		return message.count() != null ? message.count() : 1;
	}

	private static final class Ping {

		final String id;

		final CompletableFuture<Duration> future;

		RealtimeScheduler.Timer timer = RealtimeScheduler.Timer.NONE;

		long sentAt;

		Ping(String id, CompletableFuture<Duration> future) {
			this.id = id;
			this.future = future;
		}
	}

	/** The listener of one transport: its events reach the loop only while it is the current transport. */
	private final class Bound implements TransportListener {

		@Override
		public void onOpen(Transport t) {
			// Nothing to do: the server speaks first (CONNECTED or ERROR).
		}

		@Override
		public void onMessage(Transport t, ProtocolMessage message) {
			loop.execute(() -> {
				if (t == transport) {
					ConnectionManager.this.onMessage(message);
				}
			});
		}

		@Override
		public void onClosed(Transport t, @Nullable ErrorInfo reason) {
			loop.execute(() -> {
				if (t == transport) {
					onTransportClosed(reason);
				}
			});
		}
	}

	/** Before the channels are wired in. */
	private static final class NoChannels implements ChannelHooks {

		@Override
		public void onConnected(boolean resumed) {
		}

		@Override
		public void onSuspended(ErrorInfo reason) {
		}

		@Override
		public void onClosed() {
		}

		@Override
		public void onFailed(ErrorInfo reason) {
		}

		@Override
		public void onChannelMessage(ProtocolMessage message) {
		}
	}

	PublishQueue publishQueue() {
		return queue;
	}

	static PublishResult emptyResult() {
		return new PublishResult(List.of());
	}
}
