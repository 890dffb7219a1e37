package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.DoubleStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** uts/realtime/unit/connection/backoff_jitter_test.md: retry backoff and jitter (RTB1). */
class ConnectionBackoffJitterUnitTest extends ConnectionUnitTestBase {

	@Test
	void RTB1a_backoffCoefficientIsMinOfNPlus2Over3And2() {
		assertThat(Backoff.coefficient(1)).isEqualTo(1.0);
		assertThat(Backoff.coefficient(2)).isCloseTo(4.0 / 3.0, within(1e-12));
		assertThat(Backoff.coefficient(3)).isCloseTo(5.0 / 3.0, within(1e-12));
		for (int n = 4; n <= 10; n++) {
			assertThat(Backoff.coefficient(n)).isEqualTo(2.0);
		}
	}

	@Test
	void RTB1b_jitterIsBetween08And1AndRoughlyUniform() {
		double[] values = DoubleStream.generate(Backoff::jitter).limit(1000).toArray();
		assertThat(DoubleStream.of(values).allMatch(v -> v >= 0.8 && v <= 1.0)).isTrue();
		double mean = DoubleStream.of(values).average().orElseThrow();
		assertThat(mean).isBetween(0.85, 0.95);
		double spread = DoubleStream.of(values).max().orElseThrow() - DoubleStream.of(values).min().orElseThrow();
		assertThat(spread).isGreaterThan(0.05);
	}

	@Test
	void RTB1_retryInOfSuccessiveDisconnectedRetriesFollowsTheBackoff() {
		long timeout = 1000;
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofMillis(timeout))));
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			if (attempts.incrementAndGet() == 1) {
				c.respondWithSuccess(connected("connection-id", "connection-key"));
			}
			else {
				c.respondWithRefused();
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().simulateDisconnect(null);
		clock.settle();
		for (int i = 0; i < 30 && retries().size() < 5; i++) {
			clock.advance(Duration.ofMillis(5000));
		}
		// RTN15a: the drop itself is retried at once; the backoff counts the retries after that.
		List<ConnectionStateChange> disconnected = changes.stream()
			.filter(c -> c.current() == ConnectionState.DISCONNECTED).toList();
		assertThat(disconnected.get(0).retryIn()).isEqualTo(Duration.ZERO);
		List<Duration> delays = retries();
		assertThat(delays).hasSizeGreaterThanOrEqualTo(5);
		double[] coefficients = { 1.0, 4.0 / 3.0, 5.0 / 3.0, 2.0, 2.0 };
		for (int n = 0; n < 5; n++) {
			assertThat((double) delays.get(n).toMillis()).as("retry %d", n + 1)
				.isBetween(Math.floor(timeout * coefficients[n] * 0.8), Math.ceil(timeout * coefficients[n]));
		}
	}

	private List<Duration> retries() {
		return changes.stream().filter(c -> c.current() == ConnectionState.DISCONNECTED)
			.map(ConnectionStateChange::retryIn).filter(d -> d != null && !d.isZero()).toList();
	}
}
