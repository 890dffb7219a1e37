package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/connection/connection_failures_test.md: failures of an established connection (RTN15). */
class ConnectionFailuresUnitTest extends ConnectionUnitTestBase {

	@Test
	void RTN15h1_tokenErrorWithoutMeansToRenewFails() {
		newClient(b -> b.key(null).token("some_token_string"));
		MockWebSocket.PendingConnection c = connect("connection-id", "connection-key");
		c.sendToClientAndClose(disconnected(40142, 401, "Token expired"));
		awaitState(ConnectionState.FAILED);
		assertThat(client.connection().errorReason().code()).isEqualTo(40142);
		assertThat(client.connection().errorReason().statusCode()).isEqualTo(401);
	}

	@Test
	void RTN15h2_tokenErrorRenewsTheTokenAndResumes() {
		AtomicInteger tokens = new AtomicInteger();
		newTokenClient(p -> token("renewed_token_" + tokens.incrementAndGet()), b -> b);
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> c.respondWithSuccess(attempts.incrementAndGet() == 1
				? connected("connection-1", "key-1") : connected("connection-1", "key-1-renewed")));
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().sendToClientAndClose(disconnected(40142, 401, "Token expired"));
		awaitState(ConnectionState.CONNECTED);
		assertThat(states()).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED,
				ConnectionState.CONNECTING, ConnectionState.CONNECTED);
		assertThat(tokens).hasValue(2);
		assertThat(attempts).hasValue(2);
		assertThat(client.connection().id()).isEqualTo("connection-1");
		assertThat(client.connection().key()).isEqualTo("key-1-renewed");
	}

	@Test
	void RTN15h2_failedRenewalEndsDisconnected() {
		AtomicInteger calls = new AtomicInteger();
		newTokenClient(p -> {
			if (calls.incrementAndGet() == 1) {
				return token("valid-token-1");
			}
			throw new AblyException(ErrorInfo.of(40171, 401, "Token renewal failed"));
		}, b -> b);
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connected("connection-1", "key-1")));
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().sendToClientAndClose(disconnected(40142, 401, "Token expired"));
		awaitState(ConnectionState.DISCONNECTED);
		// The final DISCONNECTED comes after the renewal attempt, not the transient one of RTN15h2i.
		assertThat(states()).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED,
				ConnectionState.CONNECTING, ConnectionState.DISCONNECTED);
		assertThat(calls).hasValue(2);
		assertThat(client.connection().errorReason()).isNotNull();
	}

	@Test
	void RTN15h3_nonTokenDisconnectResumesAtOnce() {
		newClient();
		AtomicInteger attempts = new AtomicInteger();
		List<MockWebSocket.PendingConnection> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		mock.onConnectionAttempt(c -> {
			attempts.incrementAndGet();
			seen.add(c);
			c.respondWithSuccess(connected("connection-1", "key-1"));
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().sendToClientAndClose(disconnected(80003, 503, "Service unavailable"));
		clock.settle();
		awaitState(ConnectionState.CONNECTED);
		assertThat(states()).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED,
				ConnectionState.DISCONNECTED, ConnectionState.CONNECTING, ConnectionState.CONNECTED);
		assertThat(client.connection().id()).isEqualTo("connection-1");
		assertThat(attempts).hasValue(2);
		assertThat(seen.get(1).params()).containsEntry("resume", "key-1");
	}

	@Test
	void RTN15j_connectionErrorWhileConnectedFails() {
		newClient();
		MockWebSocket.PendingConnection c = connect("connection-id", "connection-key");
		c.sendToClientAndClose(error(50000, 500, "Internal error"));
		awaitState(ConnectionState.FAILED);
		assertThat(client.connection().errorReason().code()).isEqualTo(50000);
		assertThat(client.connection().errorReason().statusCode()).isEqualTo(500);
	}

	@Test
	void RTN15a_unexpectedTransportCloseResumes() {
		newClient();
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			attempts.incrementAndGet();
			c.respondWithSuccess(connected("connection-1", "key-1"));
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().simulateDisconnect(null);
		clock.settle();
		awaitState(ConnectionState.CONNECTED);
		assertThat(states()).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED,
				ConnectionState.CONNECTED);
		assertThat(client.connection().id()).isEqualTo("connection-1");
		assertThat(attempts).hasValue(2);
	}

	@Test
	void RTN15b_RTN15c6_RTN15e_resumeSendsTheKeyAndTakesTheNewOne() {
		newClient();
		List<MockWebSocket.PendingConnection> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		mock.onConnectionAttempt(c -> {
			seen.add(c);
			c.respondWithSuccess(seen.size() == 1 ? connected("connection-1", "key-1")
					: connected("connection-1", "key-1-updated"));
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		assertThat(client.connection().id()).isEqualTo("connection-1");
		mock.active().simulateDisconnect(null);
		clock.settle();
		awaitState(ConnectionState.CONNECTED);
		assertThat(client.connection().id()).isEqualTo("connection-1");
		assertThat(client.connection().key()).isEqualTo("key-1-updated");
		assertThat(seen).hasSize(2);
		assertThat(seen.get(0).params()).doesNotContainKey("resume");
		assertThat(seen.get(1).params()).containsEntry("resume", "key-1");
	}

	@Test
	void RTN15c7_failedResumeKeepsTheNewConnectionAndItsError() {
		newClient();
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			if (attempts.incrementAndGet() == 1) {
				c.respondWithSuccess(connected("connection-1", "key-1"));
			}
			else {
				c.respondWithSuccess(connected("connection-2", "key-2").toBuilder()
					.error(ErrorInfo.of(80008, 400, "Unable to recover connection")).build());
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().simulateDisconnect(null);
		clock.settle();
		awaitState(ConnectionState.CONNECTED);
		assertThat(attempts).hasValue(2);
		assertThat(client.connection().id()).isEqualTo("connection-2");
		assertThat(client.connection().key()).isEqualTo("key-2");
		assertThat(client.connection().errorReason().code()).isEqualTo(80008);
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void RTN15g_afterConnectionStateTtlTheClientConnectsAfresh() {
		newClient(b -> b.fallbackHosts(List.of()).realtime(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1))
			.suspendedRetryTimeout(Duration.ofSeconds(2))));
		List<MockWebSocket.PendingConnection> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
		mock.onConnectionAttempt(c -> {
			seen.add(c);
			int n = seen.size();
			if (n == 1) {
				c.respondWithSuccess(connected("connection-1", "key-1", 15_000L, 5_000L));
			}
			else if (n < 6) {
				c.respondWithRefused();
			}
			else {
				c.respondWithSuccess(connected("connection-2", "key-2"));
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().simulateDisconnect(null);
		clock.settle();
		for (int i = 0; i < 15 && !(client.connection().state() == ConnectionState.CONNECTED
				&& seen.size() >= 6); i++) {
			clock.advance(Duration.ofMillis(2500));
		}
		awaitState(ConnectionState.CONNECTED);
		assertThat(states()).containsSubsequence(ConnectionState.CONNECTING, ConnectionState.CONNECTED,
				ConnectionState.DISCONNECTED, ConnectionState.SUSPENDED, ConnectionState.CONNECTING,
				ConnectionState.CONNECTED);
		assertThat(client.connection().id()).isEqualTo("connection-2");
		assertThat(client.connection().key()).isEqualTo("key-2");
		assertThat(seen.get(seen.size() - 1).params()).doesNotContainKey("resume");
	}

	@Test
	void RTN15c5_tokenErrorOnResumeRenewsTheToken() {
		AtomicInteger tokens = new AtomicInteger();
		newTokenClient(p -> token("token-" + tokens.incrementAndGet()), b -> b);
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			int n = attempts.incrementAndGet();
			if (n == 1) {
				c.respondWithSuccess(connected("connection-1", "key-1"));
			}
			else if (n == 2) {
				c.respondWithError(error(40142, 401, "Token expired"));
			}
			else {
				c.respondWithSuccess(connected("connection-2", "key-2"));
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().simulateDisconnect(null);
		clock.settle();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
			clock.settle();
			return attempts.get() == 3 && client.connection().state() == ConnectionState.CONNECTED;
		});
		assertThat(tokens).hasValue(2);
		assertThat(attempts).hasValue(3);
	}

	@Test
	void RTN15c4_fatalErrorOnResumeFails() {
		newClient();
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			if (attempts.incrementAndGet() == 1) {
				c.respondWithSuccess(connected("connection-1", "key-1"));
			}
			else {
				c.respondWithError(error(50000, 500, "Internal server error"));
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().simulateDisconnect(null);
		clock.settle();
		awaitState(ConnectionState.FAILED);
		assertThat(client.connection().errorReason().code()).isEqualTo(50000);
		assertThat(attempts).hasValue(2);
	}


	@Test
	void RTN15g_RTN15c7_aFreshConnectionAfterSuspendRestartsMsgSerial() throws Exception {
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1))
			.suspendedRetryTimeout(Duration.ofSeconds(2))));
		AtomicInteger attempts = new AtomicInteger();
		java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean(true);
		mock.onConnectionAttempt(c -> {
			int n = attempts.incrementAndGet();
			if (up.get()) {
				c.respondWithSuccess(connected("connection-" + n, "key-" + n, 15_000L, 5_000L));
			}
			else {
				c.respondWithRefused();
			}
		});
		List<ProtocolMessage> published = new java.util.concurrent.CopyOnWriteArrayList<>();
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.ATTACHED).channel(m.channel()).build());
			}
			else if (m.action() == ProtocolAction.MESSAGE) {
				published.add(m);
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.ACK).msgSerial(m.msgSerial()).count(1).build());
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		RealtimeChannel channel = client.channels().get("test-RTN15g");
		channel.attach().get(5, java.util.concurrent.TimeUnit.SECONDS);
		channel.publish("one", "1").get(5, java.util.concurrent.TimeUnit.SECONDS);
		channel.publish("two", "2").get(5, java.util.concurrent.TimeUnit.SECONDS);
		up.set(false);
		mock.active().simulateDisconnect(null);
		clock.advance(Duration.ofSeconds(6));
		awaitState(ConnectionState.SUSPENDED);
		up.set(true);
		clock.advance(Duration.ofSeconds(3));
		awaitState(ConnectionState.CONNECTED);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
			clock.settle();
			return channel.state() == ChannelState.ATTACHED;
		});
		channel.publish("three", "3").get(5, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(published).extracting(ProtocolMessage::msgSerial).containsExactly(0L, 1L, 0L);
	}
}
