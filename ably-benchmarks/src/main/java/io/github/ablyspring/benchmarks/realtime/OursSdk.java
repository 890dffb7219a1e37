package io.github.ablyspring.benchmarks.realtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.RealtimeChannel;

/** Our realtime client ({@code io.github.ablyspring.client.realtime.AblyRealtime}) behind {@link RealtimeSdk}. */
final class OursSdk implements RealtimeSdk {

	@Override
	public String name() {
		return "ours";
	}

	@Override
	public Client connect(DriverOptions o) {
		ClientOptions options = ClientOptions.builder()
			.key(o.key())
			.endpoint(o.host())
			.port(o.port())
			.tls(false)
			.useBinaryProtocol(o.binary())
			// As for the other SDKs: a failure against the embedded server must show, not be retried elsewhere.
			.fallbackHosts(List.of())
			// The listener must be on before the first state change, so connect() is called after it is.
			.autoConnect(false)
			.build();
		return new OursClient(new AblyRealtime(options));
	}

	private static final class OursClient implements Client {

		private final AblyRealtime realtime;

		private final CompletableFuture<Void> connected = new CompletableFuture<>();

		OursClient(AblyRealtime realtime) {
			this.realtime = realtime;
			realtime.connection().on(change -> {
				switch (change.current()) {
					case CONNECTED -> connected.complete(null);
					case FAILED, SUSPENDED, CLOSED -> connected.completeExceptionally(
							new IllegalStateException("connection " + change.current() + ": " + change.reason()));
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
			return new OursChannel(realtime.channels().get(name));
		}

		/** {@link AblyRealtime#close()} itself waits (bounded) for CLOSED. */
		@Override
		public void close() {
			realtime.close();
		}

	}

	private record OursChannel(RealtimeChannel channel) implements Channel {

		@Override
		public CompletableFuture<Void> attach() {
			return channel.attach();
		}

		@Override
		public void publish(String name, String data, PublishCallback callback) {
			channel.publish(name, data).whenComplete((result, error) -> {
				if (error == null) {
					callback.acked();
				}
				else {
					callback.failed(error);
				}
			});
		}

		@Override
		public void subscribe(Consumer<String> onMessageName) {
			channel.subscribe(message -> onMessageName.accept(message.name()));
		}

	}

}
