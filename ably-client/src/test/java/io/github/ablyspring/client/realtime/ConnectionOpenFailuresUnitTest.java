package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/connection/connection_open_failures_test.md: failures while opening a connection (RTN14). */
class ConnectionOpenFailuresUnitTest extends ConnectionUnitTestBase {

	@Test
	void RTN14a_invalidKeyFails() {
		newClient();
		mock.onConnectionAttempt(c -> c.respondWithError(error(40005, 400, "Invalid key")));
		client.connect();
		awaitState(ConnectionState.FAILED);
		assertThat(states()).containsExactly(ConnectionState.CONNECTING, ConnectionState.FAILED);
		assertThat(client.connection().errorReason().code()).isEqualTo(40005);
		assertThat(client.connection().errorReason().statusCode()).isEqualTo(400);
		assertThat(client.connection().id()).isNull();
		assertThat(client.connection().key()).isNull();
	}

	@Test
	void RTN14b_tokenErrorRenewsTheTokenAndRetries() {
		AtomicInteger tokens = new AtomicInteger();
		newTokenClient(p -> token("token-" + tokens.incrementAndGet()), b -> b);
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			if (attempts.incrementAndGet() == 1) {
				c.respondWithError(error(40142, 401, "Token expired"));
			}
			else {
				c.respondWithSuccess(connected("connection-id", "connection-key"));
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		assertThat(tokens).hasValue(2);
		assertThat(attempts).hasValue(2);
	}

	@Test
	void RTN14b_tokenErrorWithFailedRenewalIsDisconnected() {
		AtomicInteger calls = new AtomicInteger();
		newTokenClient(p -> {
			if (calls.incrementAndGet() == 1) {
				return token("token-1");
			}
			throw new AblyException(ErrorInfo.of(40171, 401, "Unable to renew token"));
		}, b -> b);
		mock.onConnectionAttempt(c -> c.respondWithError(error(40142, 401, "Token expired")));
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(calls).hasValue(2);
		assertThat(client.connection().errorReason()).isNotNull();
	}

	@Test
	void RSA4a2_tokenErrorWithoutMeansToRenewFailsWith40171() {
		newClient(b -> b.key(null).token("expired_token_string"));
		mock.onConnectionAttempt(c -> c.respondWithError(error(40142, 401, "Token expired")));
		client.connect();
		awaitState(ConnectionState.FAILED);
		assertThat(client.connection().errorReason().code()).isEqualTo(40171);
	}

	@Test
	void RTN14c_noConnectedWithinRealtimeRequestTimeoutDisconnects() {
		newClient(b -> b.realtime(r -> r.realtimeRequestTimeout(Duration.ofSeconds(1))));
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithTimeout);
		client.connect();
		awaitState(ConnectionState.CONNECTING);
		clock.advance(Duration.ofMillis(999));
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTING);
		clock.advance(Duration.ofMillis(101));
		assertThat(client.connection().state()).isEqualTo(ConnectionState.DISCONNECTED);
		assertThat(client.connection().errorReason().code()).isEqualTo(50003);
	}

	@Test
	void RTN14d_retriesAfterDisconnectedRetryTimeout() {
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1))));
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			if (attempts.incrementAndGet() == 1) {
				c.respondWithRefused();
			}
			else {
				c.respondWithSuccess(connected("connection-id", "connection-key"));
			}
		});
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(changes.get(changes.size() - 1).retryIn()).isLessThanOrEqualTo(Duration.ofSeconds(1));
		clock.advance(Duration.ofMillis(1100));
		awaitState(ConnectionState.CONNECTED);
		assertThat(attempts).hasValue(2);
	}

	@Test
	void RTN14e_disconnectedLongerThanConnectionStateTtlSuspends() {
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1))));
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithRefused);
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		clock.advance(Duration.ofMillis(120_000 - 100));
		assertThat(client.connection().state()).isNotEqualTo(ConnectionState.SUSPENDED);
		clock.advance(Duration.ofMillis(200));
		awaitState(ConnectionState.SUSPENDED);
		assertThat(client.connection().errorReason()).isNotNull();
		assertThat(client.connection().errorReason().code()).isEqualTo(80002);
	}

	@Test
	void RTN14f_suspendedRetriesEverySuspendedRetryTimeout() {
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofMillis(500))
			.suspendedRetryTimeout(Duration.ofSeconds(1))));
		AtomicInteger attempts = new AtomicInteger();
		AtomicBoolean up = new AtomicBoolean();
		mock.onConnectionAttempt(c -> {
			attempts.incrementAndGet();
			if (up.get()) {
				c.respondWithSuccess(connected("connection-id", "connection-key"));
			}
			else {
				c.respondWithRefused();
			}
		});
		client.connect();
		clock.advance(Duration.ofSeconds(121));
		awaitState(ConnectionState.SUSPENDED);
		int before = attempts.get();
		clock.advance(Duration.ofMillis(1100));
		assertThat(attempts).hasValue(before + 1);
		assertThat(client.connection().state()).isEqualTo(ConnectionState.SUSPENDED);
		up.set(true);
		clock.advance(Duration.ofMillis(1100));
		awaitState(ConnectionState.CONNECTED);
		assertThat(attempts).hasValue(before + 2);
	}

	@Test
	void RTN14g_connectionErrorWhileConnectingFails() {
		newClient();
		mock.onConnectionAttempt(c -> c.respondWithError(error(50000, 500, "Internal server error")));
		client.connect();
		awaitState(ConnectionState.FAILED);
		assertThat(client.connection().errorReason().code()).isEqualTo(50000);
		assertThat(client.connection().errorReason().statusCode()).isEqualTo(500);
		assertThat(client.connection().errorReason().message()).isEqualTo("Internal server error");
	}

	@Test
	void RTN14e_connectionStateTtlCountsAfreshAfterClose() {
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1))));
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithRefused);
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		client.connection().close();
		awaitState(ConnectionState.CLOSED);
		clock.advance(Duration.ofMinutes(3));
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(changes.get(changes.size() - 1).retryIn()).isLessThanOrEqualTo(Duration.ofSeconds(1));
		clock.advance(Duration.ofSeconds(60));
		assertThat(client.connection().state()).isNotEqualTo(ConnectionState.SUSPENDED);
	}

	@Test
	void RTN14b_aSecondTokenErrorInARowDisconnectsInsteadOfLooping() {
		AtomicInteger tokens = new AtomicInteger();
		newTokenClient(p -> token("token-" + tokens.incrementAndGet()), b -> b);
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			attempts.incrementAndGet();
			c.respondWithError(error(40142, 401, "Token expired"));
		});
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(attempts).hasValue(2);
		assertThat(tokens).hasValue(2);
		assertThat(client.connection().errorReason().code()).isEqualTo(40142);
	}
}
