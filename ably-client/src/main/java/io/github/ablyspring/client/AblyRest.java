package io.github.ablyspring.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ablyspring.client.auth.Auth;
import io.github.ablyspring.client.http.Credentials;
import io.github.ablyspring.client.http.HttpCore;
import io.github.ablyspring.client.http.RestRequest;
import io.github.ablyspring.client.rest.RestChannel;
import io.github.ablyspring.client.rest.RestChannels;
import io.github.ablyspring.protocol.codec.WireTypes;

/**
 * The Ably REST client (RSC). Blocking methods run on the calling thread; {@code Async} methods run on a small pool
 * of daemon threads that this client owns and {@link #close()} shuts down. Thread-safe.
 *
 * <pre>
 * try (AblyRest ably = new AblyRest(ClientOptions.ofKey(key))) {
 *     ably.channels().get("orders").publish("created", "{...}");
 * }
 * </pre>
 */
public final class AblyRest implements AutoCloseable {

	/** Enough for a burst of concurrent publishes; idle threads go away after a while. */
	private static final int ASYNC_THREADS = 16;

	private final ClientOptions options;

	private final ThreadPoolExecutor executor;

	private final HttpCore http;

	private final Auth auth;

	private final RestChannels channels;

	public AblyRest(ClientOptions options) {
		this.options = options;
		this.executor = new ThreadPoolExecutor(ASYNC_THREADS, ASYNC_THREADS, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), daemonThreads());
		this.executor.allowCoreThreadTimeOut(true);
		this.http = new HttpCore(options, executor);
		this.auth = new Auth(options, http);
		this.channels = new RestChannels(http, auth,
				new RestChannel.Settings(options.idempotentRestPublishing(), options.maxMessageSize()));
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

	/** RSN1: the channels. */
	public RestChannels channels() {
		return channels;
	}

	/** RSC16: Ably's time in milliseconds since the epoch; needs no credentials. */
	public long time() {
		return http.send(RestRequest.get("/time").unauthenticated(), Credentials.NONE).decode(WireTypes.TIME);
	}

	public CompletableFuture<Long> timeAsync() {
		return http.async(this::time);
	}

	/** Stops the async threads; requests in flight finish, new async calls fail. */
	@Override
	public void close() {
		executor.shutdown();
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
