package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * uts/realtime/unit/connection/when_state_test.md: Connection#whenState (RTN26). Here whenState returns a future
 * of the state rather than taking a listener, so "called with null" reads "already complete" and "fires once" is a
 * property of the future.
 */
class ConnectionWhenStateUnitTest extends ConnectionUnitTestBase {

	private CompletableFuture<ConnectionState> whenState(ConnectionState state) {
		CompletableFuture<ConnectionState> f = client.connection().whenState(state);
		clock.settle();
		return f;
	}

	@Test
	void RTN26a_completesAtOnceWhenAlreadyInTheState() {
		newClient();
		connect("connection-id", "connection-key");
		assertThat(whenState(ConnectionState.CONNECTED)).isCompletedWithValue(ConnectionState.CONNECTED);
	}

	@Test
	void RTN26b_waitsForTheState() {
		newClient();
		CompletableFuture<ConnectionState> connected = whenState(ConnectionState.CONNECTED);
		assertThat(connected).isNotDone();
		connect("connection-id", "connection-key");
		assertThat(connected).isCompletedWithValue(ConnectionState.CONNECTED);
	}

	@Test
	void RTN26b_onceOnly() {
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofMillis(100))));
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connected("connection-" + attempts.incrementAndGet(),
				"key")));
		client.connection().whenState(ConnectionState.CONNECTED).thenRun(calls::incrementAndGet);
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().simulateDisconnect(null);
		clock.advance(Duration.ofMillis(150));
		awaitState(ConnectionState.CONNECTED);
		assertThat(attempts).hasValue(2);
		assertThat(calls).hasValue(1);
	}

	@Test
	void RTN26a_severalWaitersAreIndependent() {
		newClient();
		CompletableFuture<ConnectionState> one = whenState(ConnectionState.CONNECTED);
		CompletableFuture<ConnectionState> two = whenState(ConnectionState.CONNECTED);
		CompletableFuture<ConnectionState> connecting = whenState(ConnectionState.CONNECTING);
		connect("connection-id", "connection-key");
		assertThat(one).isCompletedWithValue(ConnectionState.CONNECTED);
		assertThat(two).isCompletedWithValue(ConnectionState.CONNECTED);
		assertThat(connecting).isCompletedWithValue(ConnectionState.CONNECTING);
	}

	@Test
	void RTN26a_aPassedStateIsNotTheCurrentOne() {
		newClient();
		connect("connection-id", "connection-key");
		assertThat(whenState(ConnectionState.CONNECTING)).isNotDone();
	}

	@Test
	void RTN26_worksForEveryState() {
		newClient();
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithRefused);
		CompletableFuture<ConnectionState> disconnected = whenState(ConnectionState.DISCONNECTED);
		CompletableFuture<ConnectionState> suspended = whenState(ConnectionState.SUSPENDED);
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(disconnected).isCompletedWithValue(ConnectionState.DISCONNECTED);
		assertThat(suspended).isNotDone();
		clock.advance(Duration.ofSeconds(121));
		assertThat(suspended).isCompletedWithValue(ConnectionState.SUSPENDED);
		CompletableFuture<ConnectionState> closed = whenState(ConnectionState.CLOSED);
		client.connection().close();
		awaitState(ConnectionState.CLOSED);
		assertThat(closed).isCompletedWithValue(ConnectionState.CLOSED);
	}
}
