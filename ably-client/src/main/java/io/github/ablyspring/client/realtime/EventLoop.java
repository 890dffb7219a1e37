package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
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

	/**
	 * Timers of every client share one thread; a timer only posts its task to its loop. Kept apart from the loop's
	 * FIFO queue so an immediate task never pays for a time-ordered heap (one task per frame and per publish).
	 */
	private static final ScheduledThreadPoolExecutor TIMERS = timers();

	private final ThreadPoolExecutor executor;

	private final @Nullable RealtimeScheduler scheduler;

	private volatile @Nullable Thread thread;

	EventLoop(@Nullable RealtimeScheduler scheduler) {
		this.scheduler = scheduler;
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
			Thread t = new Thread(runnable, "ably-realtime-" + COUNT.incrementAndGet());
			t.setDaemon(true);
			thread = t;
			return t;
		});
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

	/** Queues {@code task}; false when the loop is shut down (the task will never run). */
	boolean tryExecute(Runnable task) {
		try {
			executor.execute(() -> run(task));
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
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
			ScheduledFuture<?> future = TIMERS.schedule(() -> execute(task), Math.max(0, delay.toNanos()),
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

	private static ScheduledThreadPoolExecutor timers() {
		ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread t = new Thread(runnable, "ably-realtime-timers");
			t.setDaemon(true);
			return t;
		});
		timers.setRemoveOnCancelPolicy(true);
		return timers;
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
