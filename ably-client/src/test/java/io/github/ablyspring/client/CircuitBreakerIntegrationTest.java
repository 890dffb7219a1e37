package io.github.ablyspring.client;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.http.Resilience4jHostCircuitBreaker;
import io.github.ablyspring.client.rest.HistoryParams;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * RSC15 with a Resilience4j breaker per host: a primary answering 503 opens its breaker and is then skipped (straight
 * to the fallback, the embedded server on the same port) until the breaker's wait in the open state elapses.
 */
class CircuitBreakerIntegrationTest {

	private static final Duration OPEN_WAIT = Duration.ofMillis(700);

	private static Resilience4jHostCircuitBreaker breakers() {
		return Resilience4jHostCircuitBreaker.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(2)
			.minimumNumberOfCalls(2)
			.failureRateThreshold(50)
			.waitDurationInOpenState(OPEN_WAIT)
			.permittedNumberOfCallsInHalfOpenState(1)
			.build());
	}

	@Test
	void RSC15_openBreakerSkipsPrimaryUntilWaitElapses() throws Exception {
		Resilience4jHostCircuitBreaker breakers = breakers();
		try (EmbeddedAblyServer server = EmbeddedServer.start();
				ScriptedPeer primary = ScriptedPeer.start("127.0.0.2", server.port(), r -> Reply.of(503));
				AblyRest rest = new AblyRest(EmbeddedServer.options(server).endpoint("127.0.0.2")
					.fallbackHosts(List.of("127.0.0.1"))
					// RSC15f would also keep the primary out of the way; the breaker alone must do it here.
					.fallbackRetryTimeout(Duration.ofNanos(1))
					.circuitBreaker(breakers)
					.key(EmbeddedServer.KEY)
					.build())) {
			var channel = rest.channels().get("breaker");

			channel.publish("m", "1");
			channel.publish("m", "2");
			assertThat(primary.received()).hasSize(2);
			assertThat(breakers.breaker("127.0.0.2").getState()).isEqualTo(CircuitBreaker.State.OPEN);
			long opened = System.nanoTime();

			channel.publish("m", "3");
			channel.publish("m", "4");
			// Reading goes through the same hosts: also no call to the primary.
			List<Message> history = channel.history(HistoryParams.builder()
				.direction(HistoryParams.Direction.FORWARDS).build()).items();
			if (Duration.ofNanos(System.nanoTime() - opened).compareTo(OPEN_WAIT) < 0) {
				assertThat(primary.received()).hasSize(2);
			}
			assertThat(history).extracting(Message::data).containsExactly("1", "2", "3", "4");
			assertThat(breakers.breaker("127.0.0.1").getState()).isEqualTo(CircuitBreaker.State.CLOSED);

			// After the wait the breaker lets one trial call through to the primary (half-open).
			await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> {
				channel.publish("m", "probe-" + System.nanoTime());
				return primary.received().size() > 2;
			});
			assertThat(primary.received()).hasSize(3);
			// Every publish landed exactly once, via the fallback.
			List<Object> all = channel.history(HistoryParams.builder().limit(1000).build()).items().stream()
				.map(Message::data).map(Object.class::cast).toList();
			assertThat(all).doesNotHaveDuplicates().contains("1", "2", "3", "4");
		}
	}

	@Test
	void RSC15_clientErrorsAreNotFailuresOfTheHost() throws Exception {
		Resilience4jHostCircuitBreaker breakers = breakers();
		try (ScriptedPeer peer = ScriptedPeer.start("127.0.0.1", 0,
				r -> Reply.json(404, "{\"error\":{\"code\":40400,\"statusCode\":404,\"message\":\"nope\"}}"));
				AblyRest rest = new AblyRest(ClientOptions.builder().key(EmbeddedServer.KEY).endpoint("127.0.0.1")
					.tls(false).port(peer.port()).circuitBreaker(breakers).build())) {
			for (int i = 0; i < 5; i++) {
				AblyException ex = catchThrowableOfType(AblyException.class, () -> rest.channels().get("x").history());
				assertThat(ex.code()).isEqualTo(40400);
			}
			assertThat(peer.received()).hasSize(5);
			assertThat(breakers.breaker("127.0.0.1").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
			assertThat(breakers.breaker("127.0.0.1").getMetrics().getNumberOfFailedCalls()).isZero();
		}
	}

	@Test
	void RSC15_unreachableHostOpensItsBreakerAndFailsFast() throws Exception {
		Resilience4jHostCircuitBreaker breakers = breakers();
		// A port nothing listens on: connection refused, a qualifying failure.
		int closedPort;
		try (var socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (AblyRest rest = new AblyRest(ClientOptions.builder().key(EmbeddedServer.KEY).endpoint("127.0.0.1")
			.tls(false).port(closedPort).circuitBreaker(breakers).build())) {
			for (int i = 0; i < 2; i++) {
				assertThat(catchThrowableOfType(AblyException.class, rest::time).code()).isEqualTo(80000);
			}
			assertThat(breakers.breaker("127.0.0.1").getState()).isEqualTo(CircuitBreaker.State.OPEN);
			AblyException skipped = catchThrowableOfType(AblyException.class, rest::time);
			assertThat(skipped.code()).isEqualTo(80000);
			assertThat(skipped.getMessage()).contains("circuit breaker open");
		}
	}

	@Test
	void offByDefault() {
		assertThat(ClientOptions.ofKey(EmbeddedServer.KEY).circuitBreaker())
			.isSameAs(io.github.ablyspring.client.http.HostCircuitBreaker.NONE);
	}
}
