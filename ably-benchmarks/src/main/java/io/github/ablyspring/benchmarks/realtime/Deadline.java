package io.github.ablyspring.benchmarks.realtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** The one {@code --timeout} budget of a scenario; every wait in the driver is bounded by it. */
final class Deadline {

	private final long at;

	Deadline(long at) {
		this.at = at;
	}

	long remainingNanos() {
		return Math.max(0, at - System.nanoTime());
	}

	boolean passed() {
		return System.nanoTime() >= at;
	}

	/** Waits for {@code future}; a timeout names {@code what} so the JSON line says where it got stuck. */
	<T> T await(CompletableFuture<T> future, String what) throws Exception {
		try {
			return future.get(remainingNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new TimeoutException("timed out waiting for " + what);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw cause instanceof Exception e ? e : ex;
		}
	}

	/**
	 * Polls {@code condition} until true or the deadline; returns whether it became true. Polling (1 ms) keeps the
	 * SDK callbacks free of any signalling, so it adds nothing to the measured per-message path.
	 */
	boolean until(BooleanSupplier condition) throws InterruptedException {
		while (!condition.getAsBoolean()) {
			if (passed()) {
				return false;
			}
			Thread.sleep(1);
		}
		return true;
	}

}
