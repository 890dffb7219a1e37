package io.github.ablyspring.benchmarks.realtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Counts ACKs and NACKs of a batch of publishes and notes when the last one came back. */
final class PublishTally implements RealtimeSdk.PublishCallback {

	private final int expected;

	private final AtomicInteger acked = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicReference<Object> firstFailure = new AtomicReference<>();

	private volatile long lastNanos;

	PublishTally(int expected) {
		this.expected = expected;
	}

	@Override
	public void acked() {
		acked.incrementAndGet();
		counted();
	}

	@Override
	public void failed(Object reason) {
		firstFailure.compareAndSet(null, reason);
		failed.incrementAndGet();
		counted();
	}

	private void counted() {
		if (acked.get() + failed.get() == expected) {
			lastNanos = System.nanoTime();
		}
	}

	boolean complete() {
		return acked.get() + failed.get() >= expected;
	}

	int ackedCount() {
		return acked.get();
	}

	int failedCount() {
		return failed.get();
	}

	Object firstFailure() {
		return firstFailure.get();
	}

	/** {@link System#nanoTime()} when the last expected ACK/NACK arrived, 0 before that. */
	long lastNanos() {
		return lastNanos;
	}

}
