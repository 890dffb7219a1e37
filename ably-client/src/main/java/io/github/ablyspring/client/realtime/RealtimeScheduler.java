package io.github.ablyspring.client.realtime;

import java.time.Duration;

/**
 * The clock and timers of a realtime client. The default is the wall clock; tests supply a manual one to step through
 * retries and timeouts without waiting. Scheduled tasks only post work to the client's event loop, so an
 * implementation may run them on any thread.
 */
public interface RealtimeScheduler {

	/** Milliseconds since the epoch. */
	long currentTimeMillis();

	/** Runs {@code task} once after {@code delay}, unless cancelled first. */
	Timer schedule(Runnable task, Duration delay);

	/** A scheduled task. */
	@FunctionalInterface
	interface Timer {

		Timer NONE = () -> {
		};

		/** Stops the task if it has not run; harmless afterwards. */
		void cancel();
	}
}
