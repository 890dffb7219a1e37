package io.github.ablyspring.benchmarks.realtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Counts ACKs and NACKs of a batch of publishes and notes when the last one came back. */
final class PublishTally implements RealtimeSdk.PublishCallback {

	private final int expected;

	private final AtomicInteger acked = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	/** ACKs + NACKs; the one callback that brings it to {@code expected} stamps the end. */
	private final AtomicInteger settled = new AtomicInteger();

	private final AtomicReference<Object> firstFailure = new AtomicReference<>();

	private volatile long lastNanos;

	/** Written after {@link #lastNanos}, so a reader that sees it true also sees the end time. */
	private volatile boolean complete;

	PublishTally(int expected) {
		this.expected = expected;
		if (expected == 0) {
			lastNanos = System.nanoTime();
			complete = true;
		}
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
		if (settled.incrementAndGet() == expected) {
			lastNanos = System.nanoTime();
			complete = true;
		}
	}

	boolean complete() {
		return complete;
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
