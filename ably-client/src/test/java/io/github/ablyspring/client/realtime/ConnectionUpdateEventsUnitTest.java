package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ConnectionDetails;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/connection/update_events_test.md: a CONNECTED while connected is an UPDATE (RTN24). */
class ConnectionUpdateEventsUnitTest extends ConnectionUnitTestBase {

	final List<ConnectionStateChange> connectedEvents = new CopyOnWriteArrayList<>();

	final List<ConnectionStateChange> updates = new CopyOnWriteArrayList<>();

	private MockWebSocket.PendingConnection start() {
		newClient();
		client.connection().on(ConnectionEvent.CONNECTED, connectedEvents::add);
		client.connection().on(ConnectionEvent.UPDATE, updates::add);
		return connect("connection-id-1", "connection-key-1");
	}

	private static ProtocolMessage connectedWith(long maxIdle, long ttl, long maxMessageSize, String serverId,
			String clientId) {
		return ProtocolMessage.builder(ProtocolAction.CONNECTED).connectionId("connection-id-1")
			.connectionDetails(new ConnectionDetails(clientId, "connection-key-1", maxMessageSize, 524288L, null, ttl,
					serverId, maxIdle, null, null))
			.build();
	}

	@Test
	void RTN24_connectedWhileConnectedEmitsUpdateNotConnected() {
		MockWebSocket.PendingConnection c = start();
		assertThat(connectedEvents).hasSize(1);
		assertThat(updates).isEmpty();
		c.sendToClient(connected("connection-id-1", "connection-key-1"));
		clock.settle();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(connectedEvents).hasSize(1);
		assertThat(updates).hasSize(1);
		assertThat(updates.get(0).previous()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(updates.get(0).current()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(updates.get(0).reason()).isNull();
		assertThat(client.connection().id()).isEqualTo("connection-id-1");
		assertThat(client.connection().key()).isEqualTo("connection-key-1");
	}

	@Test
	void RTN24_updateCarriesTheErrorOfTheConnected() {
		MockWebSocket.PendingConnection c = start();
		c.sendToClient(connected("connection-id-1", "connection-key-1").toBuilder()
			.error(ErrorInfo.of(40142, 401, "Token expired")).build());
		clock.settle();
		assertThat(updates).hasSize(1);
		assertThat(updates.get(0).reason().code()).isEqualTo(40142);
		assertThat(updates.get(0).reason().statusCode()).isEqualTo(401);
		assertThat(updates.get(0).reason().message()).contains("Token expired");
	}

	@Test
	void RTN24_RTN21_newConnectionDetailsOverrideTheOldOnes() {
		newClient();
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connectedWith(10_000, 60_000, 16384, "server-1",
				"client-original")));
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().sendToClient(connectedWith(20_000, 120_000, 32768, "server-2", "client-updated"));
		clock.settle();
		assertThat(client.connection().id()).isEqualTo("connection-id-1");
		assertThat(client.connection().key()).isEqualTo("connection-key-1");
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		ConnectionDetails details = client.connection().details();
		assertThat(details.maxIdleInterval()).isEqualTo(20_000L);
		assertThat(details.connectionStateTtl()).isEqualTo(120_000L);
		assertThat(details.maxMessageSize()).isEqualTo(32768L);
		assertThat(details.serverId()).isEqualTo("server-2");
		assertThat(details.clientId()).isEqualTo("client-updated");
		// The heartbeat window follows the new maxIdleInterval: 20 s + 10 s, not 10 s + 10 s.
		clock.advance(Duration.ofSeconds(25));
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void RTN24_RTN4h_repeatedConnectedMessagesAreAllUpdates() {
		MockWebSocket.PendingConnection c = start();
		for (int i = 0; i < 3; i++) {
			c.sendToClient(connected("connection-id-1", "connection-key-1"));
		}
		clock.settle();
		assertThat(updates).hasSize(3).allMatch(u -> u.previous() == ConnectionState.CONNECTED
				&& u.current() == ConnectionState.CONNECTED);
		assertThat(connectedEvents).hasSize(1);
	}
}
