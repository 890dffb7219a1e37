package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/connection/connection_ping_test.md: Connection#ping (RTN13). */
class ConnectionPingUnitTest extends ConnectionUnitTestBase {

	/** The server answers each HEARTBEAT with one carrying the same id. */
	private void echoHeartbeats() {
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.HEARTBEAT) {
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.HEARTBEAT).id(m.id()).build());
			}
		});
	}

	private List<ProtocolMessage> heartbeatsSent() {
		List<ProtocolMessage> sent = new java.util.ArrayList<>();
		ProtocolMessage m;
		while ((m = mock.pollMessageFromClient()) != null) {
			if (m.action() == ProtocolAction.HEARTBEAT) {
				sent.add(m);
			}
		}
		return sent;
	}

	private static Duration await(CompletableFuture<Duration> ping) {
		try {
			return ping.get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void RTN13a_pingSendsAHeartbeatAndReturnsTheRoundTrip() {
		newClient();
		echoHeartbeats();
		connect("connection-id", "connection-key");
		Duration rtt = await(client.connection().ping());
		assertThat(rtt).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
		assertThat(heartbeatsSent()).hasSize(1);
	}

	@Test
	void RTN13e_heartbeatCarriesARandomIdAndOnlyTheMatchingAnswerCounts() {
		newClient();
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.HEARTBEAT) {
				c.sendToClient(ProtocolMessage.of(ProtocolAction.HEARTBEAT));                    // no id: ignored
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.HEARTBEAT).id("other").build());
			}
		});
		connect("connection-id", "connection-key");
		CompletableFuture<Duration> ping = client.connection().ping();
		clock.settle();
		List<ProtocolMessage> sent = heartbeatsSent();
		assertThat(sent).hasSize(1);
		assertThat(sent.get(0).id()).isNotBlank();
		assertThat(ping).isNotDone();
		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.HEARTBEAT).id(sent.get(0).id()).build());
		assertThat(await(ping)).isGreaterThanOrEqualTo(Duration.ZERO);
	}

	@Test
	void RTN13e_concurrentPingsEachGetTheirOwnAnswer() {
		newClient();
		echoHeartbeats();
		connect("connection-id", "connection-key");
		CompletableFuture<Duration> one = client.connection().ping();
		CompletableFuture<Duration> two = client.connection().ping();
		assertThat(await(one)).isNotNull();
		assertThat(await(two)).isNotNull();
		List<ProtocolMessage> sent = heartbeatsSent();
		assertThat(sent).hasSize(2);
		assertThat(sent.get(0).id()).isNotEqualTo(sent.get(1).id());
	}

	@Test
	void RTN13c_pingTimesOut() {
		newClient(b -> b.realtime(r -> r.realtimeRequestTimeout(Duration.ofSeconds(2))));
		connect("connection-id", "connection-key");
		CompletableFuture<Duration> ping = client.connection().ping();
		clock.settle();
		clock.advance(Duration.ofMillis(2100));
		Throwable error = failure(ping);
		assertThat(error).isInstanceOf(AblyException.class);
		assertThat(error.getMessage()).containsIgnoringCase("timeout");
	}

	@Test
	void RTN13b_pingFailsWhenInitialized() {
		newClient();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.INITIALIZED);
		assertThat(failure(client.connection().ping())).isInstanceOf(AblyException.class);
	}

	@Test
	void RTN13b_pingFailsWhenSuspended() {
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1))
			.suspendedRetryTimeout(Duration.ofMillis(100))));
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithRefused);
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		clock.advance(Duration.ofSeconds(120).plusMillis(50));
		awaitState(ConnectionState.SUSPENDED);
		assertThat(failure(client.connection().ping())).isInstanceOf(AblyException.class);
	}

	@Test
	void RTN13b_pingFailsWhenClosed() {
		newClient();
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.CLOSE) {
				c.sendToClient(ProtocolMessage.of(ProtocolAction.CLOSED));
			}
		});
		connect("connection-id", "connection-key");
		client.connection().close();
		awaitState(ConnectionState.CLOSED);
		assertThat(failure(client.connection().ping())).isInstanceOf(AblyException.class);
	}

	@Test
	void RTN13b_pingFailsWhenFailed() {
		newClient();
		mock.onConnectionAttempt(c -> c.respondWithError(error(80000, 400, "Fatal error")));
		client.connect();
		awaitState(ConnectionState.FAILED);
		assertThat(failure(client.connection().ping())).isInstanceOf(AblyException.class);
	}

	@Test
	void RTN13d_pingWhileConnectingWaitsForConnected() {
		newClient();
		echoHeartbeats();
		client.connect();
		MockWebSocket.PendingConnection c = mock.awaitConnectionAttempt();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTING);
		CompletableFuture<Duration> ping = client.connection().ping();
		clock.advance(Duration.ofMillis(200));
		assertThat(heartbeatsSent()).isEmpty();
		c.respondWithSuccess(connected("connection-id", "connection-key"));
		awaitState(ConnectionState.CONNECTED);
		assertThat(await(ping)).isGreaterThanOrEqualTo(Duration.ZERO);
		assertThat(mock.events.stream().filter("MESSAGE_FROM_CLIENT HEARTBEAT"::equals).count()).isEqualTo(1);
	}

	@Test
	void RTN13d_pingWhileDisconnectedWaitsForTheReconnection() {
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofMillis(500))));
		echoHeartbeats();
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			int n = attempts.incrementAndGet();
			if (n == 2) {
				c.respondWithRefused();                                                          // stay DISCONNECTED
			}
			else {
				c.respondWithSuccess(connected("connection-" + n, "key-" + n));
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().simulateDisconnect(null);
		awaitState(ConnectionState.DISCONNECTED);
		CompletableFuture<Duration> ping = client.connection().ping();
		clock.settle();
		assertThat(ping).isNotDone();
		clock.advance(Duration.ofMillis(600));
		awaitState(ConnectionState.CONNECTED);
		assertThat(await(ping)).isGreaterThanOrEqualTo(Duration.ZERO);
		assertThat(mock.events.stream().filter("MESSAGE_FROM_CLIENT HEARTBEAT"::equals).count()).isEqualTo(1);
	}

	@Test
	void RTN13b_deferredPingFailsWhenTheConnectionFails() {
		newClient();
		client.connect();
		MockWebSocket.PendingConnection c = mock.awaitConnectionAttempt();
		CompletableFuture<Duration> ping = client.connection().ping();
		clock.advance(Duration.ofMillis(200));
		c.respondWithError(error(80000, 400, "Fatal error"));
		awaitState(ConnectionState.FAILED);
		assertThat(failure(ping)).isInstanceOf(AblyException.class);
	}

	@Test
	void RTN13b_deferredPingFailsWhenTheConnectionSuspends() {
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1))
			.suspendedRetryTimeout(Duration.ofMillis(100))));
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithRefused);
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		CompletableFuture<Duration> ping = client.connection().ping();
		clock.advance(Duration.ofSeconds(121));
		assertThat(changes).extracting(ConnectionStateChange::current).contains(ConnectionState.SUSPENDED);
		assertThat(failure(ping)).isInstanceOf(AblyException.class);
	}

	@Test
	void RTN13c_deferredPingTimesOutFromWhenItIsSent() {
		newClient(b -> b.realtime(r -> r.realtimeRequestTimeout(Duration.ofSeconds(2))));
		client.connect();
		MockWebSocket.PendingConnection c = mock.awaitConnectionAttempt();
		CompletableFuture<Duration> ping = client.connection().ping();
		clock.advance(Duration.ofMillis(200));
		c.respondWithSuccess(connected("connection-id", "connection-key"));
		awaitState(ConnectionState.CONNECTED);
		clock.advance(Duration.ofMillis(1900));
		assertThat(ping).isNotDone();
		clock.advance(Duration.ofMillis(200));
		Throwable error = failure(ping);
		assertThat(error.getMessage()).containsIgnoringCase("timeout");
	}
}
