package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** RTB1: the delay before the nth retry: the initial timeout × min((n + 2) / 3, 2) × a jitter in [0.8, 1]. */
final class Backoff {

	private Backoff() {
	}

	/** RTB1a; {@code attempt} counts from 1. */
	static double coefficient(int attempt) {
		return Math.min((attempt + 2) / 3.0, 2.0);
	}

	/** RTB1b. */
	static double jitter() {
		return 1 - ThreadLocalRandom.current().nextDouble() * 0.2;
	}

	static Duration delay(Duration initial, int attempt) {
		return Duration.ofMillis(Math.round(initial.toMillis() * coefficient(attempt) * jitter()));
	}
}
