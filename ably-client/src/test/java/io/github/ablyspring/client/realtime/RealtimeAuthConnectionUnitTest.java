package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * uts/realtime/unit/auth/connection_auth_test.md and auth_callback_errors_test.md: how the connection gets its token
 * and what a failing authCallback does to it (RTN2e, RTN27b, RSA4c, RSA4d, RSA4f).
 */
class RealtimeAuthConnectionUnitTest extends ConnectionUnitTestBase {

	final CountDownLatch never = new CountDownLatch(1);

	@AfterEach
	void releaseCallbacks() {
		never.countDown();
	}

	private void connectOnEveryAttempt() {
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connected("connection-id", "connection-key")));
	}

	private List<ConnectionStateChange> changesTo(ConnectionState state) {
		return changes.stream().filter(c -> c.current() == state && c.event() != ConnectionEvent.UPDATE).toList();
	}

	@Test
	void RTN2e_RTN27b_tokenIsObtainedBeforeTheWebSocketOpens() {
		AtomicLong calledAt = new AtomicLong();
		AtomicBoolean attemptedBeforeToken = new AtomicBoolean();
		newTokenClient(p -> {
			calledAt.set(System.nanoTime());
			return token("callback-provided-token");
		}, b -> b);
		List<MockWebSocket.PendingConnection> attempts = new CopyOnWriteArrayList<>();
		mock.onConnectionAttempt(c -> {
			attemptedBeforeToken.set(calledAt.get() == 0);
			attempts.add(c);
			c.respondWithSuccess(connected("connection-id", "connection-key"));
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		assertThat(calledAt.get()).isNotZero();
		assertThat(attemptedBeforeToken).isFalse();
		assertThat(attempts.get(0).params()).containsEntry("accessToken", "callback-provided-token")
			.doesNotContainKey("key");
	}

	@Test
	void RTN2e_failingAuthCallbackOpensNoWebSocket() {
		newTokenClient(p -> {
			throw new AblyException(ErrorInfo.of(40100, 401, "Unauthorized"));
		}, b -> b);
		connectOnEveryAttempt();
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(mock.events).doesNotContain("CONNECTION_ATTEMPT");
		assertThat(client.connection().errorReason().statusCode()).isEqualTo(401);
	}

	@Test
	void RTN2e_authCallbackGetsTheClientId() {
		AtomicReference<TokenParams> received = new AtomicReference<>();
		newTokenClient(p -> {
			received.set(p);
			return new io.github.ablyspring.protocol.auth.TokenDetails("token",
					clock.currentTimeMillis() + 3_600_000L, clock.currentTimeMillis(), null, "my-client-id");
		}, b -> b.clientId("my-client-id"));
		connectOnEveryAttempt();
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		assertThat(received.get().clientId()).isEqualTo("my-client-id");
	}

	@Test
	void RTN2e_aValidTokenIsReusedForTheNextConnection() {
		AtomicInteger calls = new AtomicInteger();
		newTokenClient(p -> token("token-" + calls.incrementAndGet()), b -> b);
		connectOnEveryAttempt();
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.CLOSE) {
				c.sendToClient(ProtocolMessage.of(ProtocolAction.CLOSED));
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		client.connection().close();
		awaitState(ConnectionState.CLOSED);
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		assertThat(calls).hasValue(1);
	}

	@Test
	void RSA4c1_RSA4c2_authCallbackErrorWhileConnectingDisconnectsWith80019() {
		AtomicInteger calls = new AtomicInteger();
		newTokenClient(p -> {
			if (calls.incrementAndGet() == 1) {
				throw new AblyException(ErrorInfo.of(50000, 500, "Auth server unavailable"));
			}
			return token("valid-token-" + calls.get());
		}, b -> b);
		connectOnEveryAttempt();
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		ErrorInfo reason = client.connection().errorReason();
		assertThat(reason.code()).isEqualTo(80019);
		assertThat(reason.statusCode()).isEqualTo(401);
		assertThat(reason.cause().code()).isEqualTo(50000);
		assertThat(changesTo(ConnectionState.DISCONNECTED).get(0).reason().code()).isEqualTo(80019);
		// RTN14d: the next attempt gets a token and connects.
		clock.advance(Duration.ofSeconds(16));
		awaitState(ConnectionState.CONNECTED);
	}

	@Test
	void RSA4c2_authCallbackTimeoutWhileConnectingDisconnectsWith80019() {
		newTokenClient(p -> {
			never.await();
			return token("too-late");
		}, b -> b);
		connectOnEveryAttempt();
		client.connect();
		awaitState(ConnectionState.CONNECTING);
		clock.advance(Duration.ofSeconds(11));
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(client.connection().errorReason().code()).isEqualTo(80019);
		assertThat(client.connection().errorReason().statusCode()).isEqualTo(401);
		assertThat(mock.events).doesNotContain("CONNECTION_ATTEMPT");
	}

	@Test
	void RSA4c3_authCallbackErrorOnServerReauthKeepsTheConnection() {
		AtomicInteger calls = new AtomicInteger();
		newTokenClient(p -> {
			if (calls.incrementAndGet() == 1) {
				return token("initial-token");
			}
			throw new AblyException(ErrorInfo.of(50000, 500, "Auth server unavailable"));
		}, b -> b);
		connectOnEveryAttempt();
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		List<ConnectionStateChange> after = new CopyOnWriteArrayList<>();
		client.connection().on(after::add);
		mock.active().sendToClient(ProtocolMessage.of(ProtocolAction.AUTH));
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			clock.settle();
			return client.connection().errorReason() != null;
		});
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(after).isEmpty();
		ErrorInfo reason = client.connection().errorReason();
		assertThat(reason.code()).isEqualTo(80019);
		assertThat(reason.statusCode()).isEqualTo(401);
		assertThat(reason.cause().code()).isEqualTo(50000);
	}

	@Test
	void RSA4d_authCallback403WhileConnectingFails() {
		newTokenClient(p -> {
			throw new AblyException(ErrorInfo.of(40300, 403, "Account disabled"));
		}, b -> b);
		connectOnEveryAttempt();
		client.connect();
		awaitState(ConnectionState.FAILED);
		assertThat(mock.events).doesNotContain("CONNECTION_ATTEMPT");
		ErrorInfo reason = client.connection().errorReason();
		assertThat(reason.code()).isEqualTo(80019);
		assertThat(reason.statusCode()).isEqualTo(403);
		assertThat(reason.cause().code()).isEqualTo(40300);
		assertThat(reason.cause().statusCode()).isEqualTo(403);
		assertThat(changesTo(ConnectionState.FAILED)).hasSize(1);
		assertThat(changesTo(ConnectionState.FAILED).get(0).reason().code()).isEqualTo(80019);
		assertThat(changesTo(ConnectionState.DISCONNECTED)).isEmpty();
	}

	@Test
	void RSA4d_authCallback403OnServerReauthFails() {
		AtomicInteger calls = new AtomicInteger();
		newTokenClient(p -> {
			if (calls.incrementAndGet() == 1) {
				return token("initial-token");
			}
			throw new AblyException(ErrorInfo.of(40300, 403, "Account suspended"));
		}, b -> b);
		connectOnEveryAttempt();
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().sendToClient(ProtocolMessage.of(ProtocolAction.AUTH));
		awaitState(ConnectionState.FAILED);
		ErrorInfo reason = client.connection().errorReason();
		assertThat(reason.code()).isEqualTo(80019);
		assertThat(reason.statusCode()).isEqualTo(403);
		assertThat(reason.cause().code()).isEqualTo(40300);
	}

	@Test
	void RSA4f_authCallbackReturningAnInvalidTypeDisconnects() {
		newTokenClient(p -> 12345, b -> b);
		connectOnEveryAttempt();
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(client.connection().errorReason().code()).isEqualTo(80019);
		assertThat(client.connection().errorReason().statusCode()).isEqualTo(401);
	}

	@Test
	void RSA4f_authCallbackReturningAnOversizedTokenDisconnects() {
		String oversized = "x".repeat(128 * 1024 + 1);
		newTokenClient(p -> oversized, b -> b);
		connectOnEveryAttempt();
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(mock.events).doesNotContain("CONNECTION_ATTEMPT");
		assertThat(client.connection().errorReason().code()).isEqualTo(80019);
		assertThat(client.connection().errorReason().statusCode()).isEqualTo(401);
	}

	@Test
	void RSA4a2_tokenErrorWithAnUnrenewableTokenFailsOnceWith40171() {
		newClient(b -> b.key(null).token("non-renewable-token"));
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			attempts.incrementAndGet();
			c.respondWithError(error(40140, 401, "Token error"));
		});
		client.connect();
		awaitState(ConnectionState.FAILED);
		clock.advance(Duration.ofSeconds(30));
		assertThat(attempts).hasValue(1);
		assertThat(client.connection().errorReason().code()).isEqualTo(40171);
		assertThat(changesTo(ConnectionState.FAILED)).hasSize(1);
		assertThat(changesTo(ConnectionState.FAILED).get(0).reason().code()).isEqualTo(40171);
	}
}
