package io.github.ablyspring.benchmarks.realtime;

import java.util.Arrays;

/**
 * Subscriber side of the latency scenario: parses {@code L:<seq>:<nanoTime at publish>} names, keeps one latency per
 * sequence number and counts duplicates. Warm-up messages ({@code W:<seq>}) are only counted.
 */
final class LatencyReceiver {

	private final long[] latencyNanos;

	private final boolean[] seen;

	private int received;

	private int dupes;

	private int warmupReceived;

	private int foreign;

	LatencyReceiver(int messages) {
		this.latencyNanos = new long[messages];
		this.seen = new boolean[messages];
	}

	/** Called on the SDK's delivery thread; the lock is uncontended apart from the occasional progress check. */
	synchronized void onMessage(String name) {
		long now = System.nanoTime();
		if (name != null && name.startsWith("L:")) {
			int colon = name.indexOf(':', 2);
			int seq = Integer.parseInt(name, 2, colon, 10);
			long sent = Long.parseLong(name, colon + 1, name.length(), 10);
			if (seq < 0 || seq >= seen.length) {
				foreign++;
			}
			else if (seen[seq]) {
				dupes++;
			}
			else {
				seen[seq] = true;
				latencyNanos[seq] = now - sent;
				received++;
			}
		}
		else if (name != null && name.startsWith("W:")) {
			warmupReceived++;
		}
		else {
			foreign++;
		}
	}

	synchronized int received() {
		return received;
	}

	synchronized int dupes() {
		return dupes;
	}

	synchronized int warmupReceived() {
		return warmupReceived;
	}

	synchronized int foreign() {
		return foreign;
	}

	/** Latencies of the messages received so far, in milliseconds. */
	synchronized double[] latenciesMs() {
		double[] out = new double[received];
		int j = 0;
		for (int i = 0; i < seen.length; i++) {
			if (seen[i]) {
				out[j++] = latencyNanos[i] / 1e6;
			}
		}
		return Arrays.copyOf(out, j);
	}

}
