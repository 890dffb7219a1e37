package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The one thread of a realtime client that owns its state: protocol messages, state changes, timers and API calls all
 * run here in order, so the state machines need no locks. A task that throws is logged and the loop goes on.
 */
final class EventLoop {

	private static final Log logger = LogFactory.getLog(EventLoop.class);

	private static final AtomicInteger COUNT = new AtomicInteger();

	private final ScheduledThreadPoolExecutor executor;

	private final @Nullable RealtimeScheduler scheduler;

	private volatile @Nullable Thread thread;

	EventLoop(@Nullable RealtimeScheduler scheduler) {
		this.scheduler = scheduler;
		this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread t = new Thread(runnable, "ably-realtime-" + COUNT.incrementAndGet());
			t.setDaemon(true);
			thread = t;
			return t;
		});
		this.executor.setRemoveOnCancelPolicy(true);
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	boolean inLoop() {
		return Thread.currentThread() == thread;
	}

	/** Queues {@code task}; after {@link #shutdown()} it is dropped. */
	void execute(Runnable task) {
		try {
			executor.execute(() -> run(task));
		}
		catch (RejectedExecutionException ex) {
			logger.debug("realtime client closed; dropped a task");
		}
	}

	/** Runs {@code task} on the loop and completes with its result (or its exception). */
	<T> CompletableFuture<T> call(Supplier<T> task) {
		CompletableFuture<T> result = new CompletableFuture<>();
		try {
			executor.execute(() -> {
				try {
					result.complete(task.get());
				}
				catch (RuntimeException ex) {
					result.completeExceptionally(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	/** Runs {@code task} on the loop after {@code delay}. */
	RealtimeScheduler.Timer schedule(Runnable task, Duration delay) {
		if (scheduler != null) {
			return scheduler.schedule(() -> execute(task), delay);
		}
		try {
			ScheduledFuture<?> future = executor.schedule(() -> run(task), Math.max(0, delay.toNanos()),
					TimeUnit.NANOSECONDS);
			return () -> future.cancel(false);
		}
		catch (RejectedExecutionException ex) {
			return RealtimeScheduler.Timer.NONE;
		}
	}

	long now() {
		return scheduler != null ? scheduler.currentTimeMillis() : System.currentTimeMillis();
	}

	void shutdown() {
		executor.shutdown();
	}

	private static void run(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException | Error ex) {
			logger.error("realtime event loop task failed", ex);
		}
	}
}
