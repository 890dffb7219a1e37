package io.github.ablyspring.benchmarks.realtime;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The few realtime operations the scenarios need, so one scenario implementation measures every Java SDK the same
 * way. Adapters stay thin: each call maps to one SDK call, with no extra queueing or threads.
 */
public interface RealtimeSdk {

	/** The {@code sdk} field of the JSON line. */
	String name();

	/** Creates a client and starts connecting; {@link Client#connected()} completes on CONNECTED. */
	Client connect(DriverOptions options);

	interface Client extends AutoCloseable {

		/** Completes on CONNECTED; fails when the connection ends up FAILED, SUSPENDED or CLOSED first. */
		CompletableFuture<Void> connected();

		Channel channel(String name);

		/** Closes and waits (bounded) for CLOSED, so sequential connects do not overlap. */
		@Override
		void close();

	}

	interface Channel {

		CompletableFuture<Void> attach();

		/** Publishes one message; exactly one of the callbacks runs when the server ACKs or NACKs it. */
		void publish(String name, String data, PublishCallback callback);

		/** Registers a listener that gets the name of every message received on the channel. */
		void subscribe(Consumer<String> onMessageName);

	}

	interface PublishCallback {

		void acked();

		void failed(Object reason);

	}

}
