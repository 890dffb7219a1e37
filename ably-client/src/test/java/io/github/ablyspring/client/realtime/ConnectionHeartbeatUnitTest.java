package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * uts/realtime/unit/connection/heartbeat_test.md, the RTN23a half: this client cannot see WebSocket ping frames, so
 * it asks for HEARTBEAT messages and treats silence of maxIdleInterval + realtimeRequestTimeout as a dead transport.
 */
class ConnectionHeartbeatUnitTest extends ConnectionUnitTestBase {

	final List<MockWebSocket.PendingConnection> attempts = new CopyOnWriteArrayList<>();

	final AtomicInteger count = new AtomicInteger();

	long maxIdleInterval = 2000;

	@BeforeEach
	void answerEveryAttempt() {
		mock.onConnectionAttempt(c -> {
			attempts.add(c);
			int n = count.incrementAndGet();
			c.respondWithSuccess(connected("connection-id-" + n, "connection-key-" + n, maxIdleInterval, 120_000L));
		});
	}

	private void start(long rrt) {
		newClient(b -> b.realtime(r -> r.realtimeRequestTimeout(Duration.ofMillis(rrt))
			.disconnectedRetryTimeout(Duration.ofMillis(500))));
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		assertThat(count).hasValue(1);
	}

	private long clientCloses() {
		return mock.events.stream().filter("CLIENT_CLOSE"::equals).count();
	}

	@Test
	void RTN23a_asksForHeartbeats() {
		start(10_000);
		assertThat(attempts.get(0).params()).containsEntry("heartbeats", "true");
	}

	@Test
	void RTN23a_silenceOfMaxIdlePlusRequestTimeoutReconnects() {
		maxIdleInterval = 5000;
		start(2000);
		clock.advance(Duration.ofMillis(6900));
		assertThat(count).hasValue(1);
		clock.advance(Duration.ofMillis(200));
		awaitState(ConnectionState.CONNECTED);
		assertThat(states()).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED,
				ConnectionState.CONNECTING, ConnectionState.CONNECTED);
		assertThat(count).hasValue(2);
		assertThat(client.connection().id()).isEqualTo("connection-id-2");
		assertThat(clientCloses()).isEqualTo(1);
	}

	@Test
	void RTN23a_heartbeatResetsTheIdleTimer() {
		maxIdleInterval = 3000;
		start(1000);
		clock.advance(Duration.ofMillis(2000));
		mock.active().sendToClient(ProtocolMessage.of(ProtocolAction.HEARTBEAT));
		clock.advance(Duration.ofMillis(2000));
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(count).hasValue(1);
		clock.advance(Duration.ofMillis(2100));
		awaitState(ConnectionState.CONNECTED);
		assertThat(count).hasValue(2);
		assertThat(clientCloses()).isEqualTo(1);
	}

	@Test
	void RTN23a_anyMessageResetsTheIdleTimer() {
		start(1000);
		clock.advance(Duration.ofMillis(1500));
		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.ACK).msgSerial(0L).count(1).build());
		clock.advance(Duration.ofMillis(1500));
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel("test-channel").build());
		clock.advance(Duration.ofMillis(1500));
		assertThat(count).hasValue(1);
		clock.advance(Duration.ofMillis(3100));
		awaitState(ConnectionState.CONNECTED);
		assertThat(states()).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED,
				ConnectionState.CONNECTING, ConnectionState.CONNECTED);
		assertThat(count).hasValue(2);
		assertThat(clientCloses()).isEqualTo(1);
	}

	@Test
	void RTN23a_RTN15a_heartbeatTimeoutReconnectsAtOnceWithResume() {
		start(1000);
		clock.advance(Duration.ofMillis(3100));
		awaitState(ConnectionState.CONNECTED);
		assertThat(states()).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED,
				ConnectionState.DISCONNECTED, ConnectionState.CONNECTING, ConnectionState.CONNECTED);
		// At once: no retry timer had to run for the second attempt.
		assertThat(changes.get(2).retryIn()).isEqualTo(Duration.ZERO);
		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(0).params()).doesNotContainKey("resume");
		assertThat(attempts.get(1).params()).containsEntry("resume", "connection-key-1");
		assertThat(client.connection().id()).isEqualTo("connection-id-2");
	}
}
