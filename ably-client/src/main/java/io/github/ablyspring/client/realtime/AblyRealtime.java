package io.github.ablyspring.client.realtime;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.RealtimeOptions;
import io.github.ablyspring.client.auth.Auth;
import io.github.ablyspring.client.http.Hosts;
import io.github.ablyspring.client.realtime.transport.TransportFactory;
import io.github.ablyspring.client.realtime.transport.WebSocketTransportFactory;
import io.github.ablyspring.client.rest.HttpPaginatedResponse;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.rest.StatsParams;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Stats;

/**
 * The Ably realtime client (RTC): a connection kept open through network drops and token expiries, its channels and
 * presence, plus the REST operations ({@link #rest()}). All state lives on one event-loop thread per client;
 * listeners run on {@link RealtimeOptions#listenerExecutor()} (default: a small daemon pool), in order per channel.
 *
 * <pre>
 * try (AblyRealtime ably = new AblyRealtime(ClientOptions.ofKey(key))) {
 *     ably.channels().get("orders").subscribe(m -&gt; System.out.println(m.data()));
 *     ably.channels().get("orders").publish("created", "{...}").join();
 * }
 * </pre>
 */
public final class AblyRealtime implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(AblyRealtime.class);

	private static final AtomicInteger COUNT = new AtomicInteger();

	private static final TransportFactory WEBSOCKETS = new WebSocketTransportFactory();

	private final ClientOptions options;

	private final AblyRest rest;

	private final EventLoop loop;

	private final ExecutorService blocking;

	private final ExecutorService ownListenerPool;

	private final ConnectionManager manager;

	private final Connection connection;

	private final RealtimeChannels channels;

	public AblyRealtime(ClientOptions options) {
		this.options = options;
		this.rest = new AblyRest(options);
		RealtimeOptions realtime = options.realtime();
		int id = COUNT.incrementAndGet();
		this.loop = new EventLoop(realtime.scheduler());
		this.blocking = Executors.newCachedThreadPool(daemon("ably-realtime-" + id + "-blocking-"));
		this.ownListenerPool = realtime.listenerExecutor() == null
				? Executors.newFixedThreadPool(2, daemon("ably-realtime-" + id + "-listener-")) : null;
		Executor listenerExecutor = realtime.listenerExecutor() != null ? realtime.listenerExecutor() : ownListenerPool;
		Listeners<ConnectionStateChange> connectionListeners = new Listeners<>(new SerialExecutor(listenerExecutor));
		Hosts hosts = Hosts.of(options);
		String primary = realtimeHost(options, hosts);
		List<String> all = new java.util.ArrayList<>();
		all.add(primary);
		List<String> fallbacks = new java.util.ArrayList<>(hosts.fallbacks());
		java.util.Collections.shuffle(fallbacks);                                        // RTN17c-style: random order
		all.addAll(fallbacks);
		TransportFactory transports = realtime.transportFactory() != null ? realtime.transportFactory() : WEBSOCKETS;
		this.manager = new ConnectionManager(options, loop, rest.auth(), blocking, transports, connectionListeners, all);
		this.channels = new RealtimeChannels(manager, rest.channels(), listenerExecutor);
		this.manager.channels(channels);
		this.connection = new Connection(manager, connectionListeners, channels);
		rest.auth().authorizeHook(token -> loop.call(() -> manager.reauthorize(token)).thenCompose(f -> f));
		if (rest.auth().method() == Auth.AuthMethod.TOKEN && !rest.auth().canRenewToken()) {
			// RSA4a1: say so up front; the connection will fail once the token is refused.
			logger.info(ErrorInfo.of(ErrorCodes.TOKEN_RENEWAL_NOT_CONFIGURED, 401,
					"no key, authCallback or authUrl was given, so the token cannot be renewed when it expires"));
		}
		// RTN16j: the channels of a recovery key exist from the start, with their serials.
		manager.recoveredChannelSerials().keySet().forEach(channels::get);
		if (realtime.autoConnect()) {
			loop.execute(manager::connect);                                              // RTN3
		}
	}

	/**
	 * RTC1, RTC12: a client with an API key (a string with a colon) or a token (any other string), and every other
	 * option at its default.
	 */
	public AblyRealtime(String keyOrToken) {
		this(optionsFor(keyOrToken));
	}

	public ClientOptions options() {
		return options;
	}

	public Connection connection() {
		return connection;
	}

	public RealtimeChannels channels() {
		return channels;
	}

	/** RTC4: the client's auth; {@code authorize()} while connected re-authenticates in band (RTC8). */
	public Auth auth() {
		return rest.auth();
	}

	/** RTC5, RTC6, RTC9: the REST operations (time, stats, request, batch, push) of the same app and credentials. */
	public AblyRest rest() {
		return rest;
	}

	/** RTC6a: Ably's time. */
	public long time() {
		return rest.time();
	}

	/** RTC6a. */
	public CompletableFuture<Long> timeAsync() {
		return rest.timeAsync();
	}

	/** RTC5a, RTC5b: the app's statistics, as {@link AblyRest#stats(StatsParams)}. */
	public PaginatedResult<Stats> stats(StatsParams params) {
		return rest.stats(params);
	}

	/** RTC5a. */
	public CompletableFuture<PaginatedResult<Stats>> statsAsync(StatsParams params) {
		return rest.statsAsync(params);
	}

	/** RTC9: a raw REST request, as {@link AblyRest#request}. */
	public HttpPaginatedResponse request(String method, String path, @Nullable Map<String, String> params,
			@Nullable JsonNode body, @Nullable Map<String, String> headers) {
		return rest.request(method, path, params, body, headers);
	}

	/** RTC9. */
	public CompletableFuture<HttpPaginatedResponse> requestAsync(String method, String path,
			@Nullable Map<String, String> params, @Nullable JsonNode body, @Nullable Map<String, String> headers) {
		return rest.requestAsync(method, path, params, body, headers);
	}

	/** RTC17: the client id of the auth (RSA7). */
	public @Nullable String clientId() {
		return rest.auth().clientId();
	}

	/** RTN11, RTC1b. */
	public void connect() {
		connection.connect();
	}

	/**
	 * Closes the connection (RTN12), waits up to {@code realtimeRequestTimeout} for CLOSED, then stops the client's
	 * threads. Use {@code connection().close()} to close and keep the client for a later connect().
	 */
	@Override
	public void close() {
		connection.close();
		try {
			connection.whenState(ConnectionState.CLOSED)
				.applyToEither(connection.whenState(ConnectionState.FAILED), s -> s)
				.get(options.realtime().realtimeRequestTimeout().toMillis() + 500, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// Closing anyway: the server did not answer in time.
		}
		rest.auth().authorizeHook(null);
		loop.shutdown();
		blocking.shutdown();
		if (ownListenerPool != null) {
			// Let listener calls already queued run out.
			ownListenerPool.shutdown();
		}
		rest.close();
	}

	/** For tests in this package: run on the event loop and wait (a barrier after injected events). */
	EventLoop loop() {
		return loop;
	}

	@Override
	public String toString() {
		return "AblyRealtime[" + connection + "]";
	}

	@SuppressWarnings("deprecation")
	private static String realtimeHost(ClientOptions options, Hosts hosts) {
		// REC1d2: the deprecated realtimeHost names the realtime host when no endpoint or environment does.
		if (options.endpoint() == null && options.environment() == null && options.realtimeHost() != null) {
			return options.realtimeHost();
		}
		return hosts.primary();
	}

	/** RTC12: the options of the string constructor. */
	static ClientOptions optionsFor(String keyOrToken) {
		return keyOrToken.contains(":") ? ClientOptions.ofKey(keyOrToken)
				: ClientOptions.builder().token(keyOrToken).build();
	}

	private static ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}
}
