package io.github.ablyspring.client;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.auth.Auth;
import io.github.ablyspring.client.http.Credentials;
import io.github.ablyspring.client.http.HttpCore;
import io.github.ablyspring.client.http.RestRequest;
import io.github.ablyspring.client.http.RestResponse;
import io.github.ablyspring.client.push.Push;
import io.github.ablyspring.client.rest.BatchPresenceResult;
import io.github.ablyspring.client.rest.BatchPublishResult;
import io.github.ablyspring.client.rest.BatchPublishSpec;
import io.github.ablyspring.client.rest.BatchResult;
import io.github.ablyspring.client.rest.HttpPaginatedResponse;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.rest.RestBatch;
import io.github.ablyspring.client.rest.RestChannel;
import io.github.ablyspring.client.rest.RestChannels;
import io.github.ablyspring.client.rest.StatsParams;
import io.github.ablyspring.protocol.Stats;
import io.github.ablyspring.protocol.codec.StatsWireTypes;
import io.github.ablyspring.protocol.codec.WireTypes;

/**
 * The Ably REST client (RSC). Blocking methods run on the calling thread; {@code Async} methods run on a pool
 * of up to 64 daemon threads that this client owns and {@link #close()} shuts down, with its HTTP connection pool.
 * Thread-safe.
 *
 * <pre>
 * try (AblyRest ably = new AblyRest(ClientOptions.ofKey(key))) {
 *     ably.channels().get("orders").publish("created", "{...}");
 * }
 * </pre>
 */
public final class AblyRest implements AutoCloseable {

	/**
	 * Async calls block one of these threads each for a request's round trip, so this caps the requests in flight;
	 * idle threads go away after a while.
	 */
	private static final int ASYNC_THREADS = 64;

	private final ClientOptions options;

	private final ThreadPoolExecutor executor;

	private final HttpCore http;

	private final Auth auth;

	private final RestChannels channels;

	private final RestBatch batch;

	private final Push push;

	public AblyRest(ClientOptions options) {
		this.options = options;
		this.executor = new ThreadPoolExecutor(ASYNC_THREADS, ASYNC_THREADS, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), daemonThreads());
		this.executor.allowCoreThreadTimeOut(true);
		this.http = new HttpCore(options, executor);
		this.auth = new Auth(options, http);
		this.channels = new RestChannels(http, auth,
				new RestChannel.Settings(options.idempotentRestPublishing(), options.maxMessageSize()));
		this.batch = new RestBatch(http, auth, options.idempotentRestPublishing());
		this.push = new Push(http, auth);
	}

	/** RSC1: a client authenticating with an API key, otherwise on defaults. */
	public AblyRest(String key) {
		this(ClientOptions.ofKey(key));
	}

	public ClientOptions options() {
		return options;
	}

	/** RSC5: authentication, its tokens and client id. */
	public Auth auth() {
		return auth;
	}

	/** RSC17: the client id, the same as {@code auth().clientId()}. */
	public @Nullable String clientId() {
		return auth.clientId();
	}

	/** RSN1: the channels. */
	public RestChannels channels() {
		return channels;
	}

	/** RSH: push notifications; {@code push().admin()} administers them (RSH1). */
	public Push push() {
		return push;
	}

	/** RSC16: Ably's time in milliseconds since the epoch; needs no credentials. */
	public long time() {
		return http.send(RestRequest.get("/time").unauthenticated(), Credentials.NONE).decode(WireTypes.TIME);
	}

	public CompletableFuture<Long> timeAsync() {
		return http.async(this::time);
	}

	/** RSC6, TS12: the application's statistics, paginated. */
	public PaginatedResult<Stats> stats(StatsParams params) {
		return statsPage(RestRequest.get("/stats").withParams(params.toQuery()));
	}

	public PaginatedResult<Stats> stats() {
		return stats(StatsParams.DEFAULTS);
	}

	public CompletableFuture<PaginatedResult<Stats>> statsAsync(StatsParams params) {
		return http.async(() -> stats(params));
	}

	private PaginatedResult<Stats> statsPage(RestRequest request) {
		RestResponse response = http.send(request, auth);
		return new PaginatedResult<>(response.decode(StatsWireTypes.STATS.list()), response.links(), request.path(),
				path -> http.async(() -> statsPage(RestRequest.get(path))));
	}

	/**
	 * RSC19: any REST request to Ably, authenticated, with fallback (RSC19f, RSC19d). The body (a JSON value) is sent
	 * in the client's format. An error status does not throw: it is in the response (HP5&ndash;HP7).
	 *
	 * @param method the HTTP method
	 * @param path the path, e.g. {@code /channels/foo/messages}
	 * @param params query parameters, or null
	 * @param body the body, or null
	 * @param headers extra headers, or null
	 */
	public HttpPaginatedResponse request(String method, String path, @Nullable Map<String, String> params,
			@Nullable JsonNode body, @Nullable Map<String, String> headers) {
		byte[] encoded = body != null ? http.codec().encode(body, WireTypes.JSON) : null;
		Map<String, String> extra = new java.util.LinkedHashMap<>(headers != null ? headers : Map.of());
		extra.keySet().removeIf("Authorization"::equalsIgnoreCase);                   // RSC19b: the client's auth
		RestRequest request = new RestRequest(method.toUpperCase(Locale.ROOT), path.startsWith("/") ? path : "/" + path,
				params != null ? params : Map.of(), encoded, true, extra);
		return requestPage(request);
	}

	public CompletableFuture<HttpPaginatedResponse> requestAsync(String method, String path,
			@Nullable Map<String, String> params, @Nullable JsonNode body, @Nullable Map<String, String> headers) {
		return http.async(() -> request(method, path, params, body, headers));
	}

	private HttpPaginatedResponse requestPage(RestRequest request) {
		RestResponse response = http.sendForResponse(request, auth);
		return new HttpPaginatedResponse(response, request.path(), path -> http.async(
				() -> requestPage(new RestRequest("GET", path, Map.of(), null, true, request.headers()))));
	}

	/** RSC22: publishes each spec's messages to each of its channels in one request. */
	public List<BatchResult<BatchPublishResult>> batchPublish(List<BatchPublishSpec> specs) {
		return batch.publish(specs);
	}

	public BatchResult<BatchPublishResult> batchPublish(BatchPublishSpec spec) {
		return batch.publish(spec);
	}

	public CompletableFuture<List<BatchResult<BatchPublishResult>>> batchPublishAsync(List<BatchPublishSpec> specs) {
		return http.async(() -> batch.publish(specs));
	}

	/** RSC24: the members present on each of {@code channels}, in one request. */
	public BatchResult<BatchPresenceResult> batchPresence(List<String> channels) {
		return batch.presence(channels);
	}

	public CompletableFuture<BatchResult<BatchPresenceResult>> batchPresenceAsync(List<String> channels) {
		return http.async(() -> batch.presence(channels));
	}

	/** Stops the async threads; requests in flight finish, new async calls fail. */
	@Override
	public void close() {
		executor.shutdown();
		http.close();
	}

	@Override
	public String toString() {
		return "AblyRest[" + auth + "]";
	}

	private static ThreadFactory daemonThreads() {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, "ably-rest-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}
}
