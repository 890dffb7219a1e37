package io.github.ablyspring.benchmarks.realtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.ably.lib.realtime.AblyRealtime;
import io.ably.lib.realtime.CompletionListener;
import io.ably.lib.realtime.ConnectionState;
import io.ably.lib.types.AblyException;
import io.ably.lib.types.ClientOptions;
import io.ably.lib.types.ErrorInfo;
import io.ably.lib.util.Log;

/** ably-java 1.5.0 ({@code io.ably.lib.realtime.AblyRealtime}) behind {@link RealtimeSdk}. */
final class AblyJavaSdk implements RealtimeSdk {

	@Override
	public String name() {
		return "ably-java";
	}

	@Override
	public Client connect(DriverOptions o) {
		try {
			ClientOptions options = new ClientOptions(o.key());
			options.realtimeHost = o.host();
			options.restHost = o.host();
			options.port = o.port();
			options.tls = false;
			options.useBinaryProtocol = o.binary();
			// No fallback hosts: a failure against the embedded server must show, not be retried elsewhere.
			options.fallbackHosts = new String[0];
			// The listener must be on before the first state change, so connect() is called after it is.
			options.autoConnect = false;
			// ably-java logs to stdout by default, which would corrupt the one JSON line.
			options.logLevel = Log.ERROR;
			options.logHandler = (severity, tag, msg, tr) -> System.err.println("ably-java " + tag + ": " + msg
					+ (tr == null ? "" : " " + tr));
			return new JavaClient(new AblyRealtime(options));
		}
		catch (AblyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static final class JavaClient implements Client {

		private final AblyRealtime realtime;

		private final CompletableFuture<Void> connected = new CompletableFuture<>();

		private final CountDownLatch closed = new CountDownLatch(1);

		JavaClient(AblyRealtime realtime) {
			this.realtime = realtime;
			realtime.connection.on(change -> {
				switch (change.current) {
					case connected -> connected.complete(null);
					case failed, suspended -> connected.completeExceptionally(
							new IllegalStateException("connection " + change.current + ": " + change.reason));
					case closed -> {
						connected.completeExceptionally(new IllegalStateException("closed before CONNECTED"));
						closed.countDown();
					}
					default -> {
					}
				}
			});
			realtime.connect();
		}

		@Override
		public CompletableFuture<Void> connected() {
			return connected;
		}

		@Override
		public Channel channel(String name) {
			return new JavaChannel(realtime.channels.get(name));
		}

		@Override
		public void close() {
			ConnectionState state = realtime.connection.state;
			realtime.close();
			if (state != ConnectionState.closed && state != ConnectionState.failed) {
				try {
					closed.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

	private record JavaChannel(io.ably.lib.realtime.Channel channel) implements Channel {

		@Override
		public CompletableFuture<Void> attach() {
			CompletableFuture<Void> attached = new CompletableFuture<>();
			try {
				channel.attach(listener(() -> attached.complete(null),
						reason -> attached.completeExceptionally(new IllegalStateException("attach: " + reason))));
			}
			catch (AblyException ex) {
				attached.completeExceptionally(ex);
			}
			return attached;
		}

		@Override
		public void publish(String name, String data, PublishCallback callback) {
			try {
				channel.publish(name, data, listener(callback::acked, callback::failed));
			}
			catch (AblyException ex) {
				callback.failed(ex.errorInfo);
			}
		}

		@Override
		public void subscribe(Consumer<String> onMessageName) {
			try {
				channel.subscribe(message -> onMessageName.accept(message.name));
			}
			catch (AblyException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static CompletionListener listener(Runnable success, Consumer<ErrorInfo> error) {
			return new CompletionListener() {
				@Override
				public void onSuccess() {
					success.run();
				}

				@Override
				public void onError(ErrorInfo reason) {
					error.accept(reason);
				}
			};
		}

	}

}
