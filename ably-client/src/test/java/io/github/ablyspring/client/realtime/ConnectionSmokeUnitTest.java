package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.ablyspring.client.realtime.RealtimeUnitSupport.connected;
import static org.assertj.core.api.Assertions.assertThat;

/** The scripted peer and manual clock drive the connection through connect, drop and resume. */
class ConnectionSmokeUnitTest {

	final MockWebSocket mock = new MockWebSocket();

	final ManualScheduler clock = new ManualScheduler();

	AblyRealtime client;

	@AfterEach
	void close() {
		if (client != null) {
			client.loop().shutdown();
		}
	}

	@Test
	void RTN2_RTN15a_RTN15b1_connectsDropsAndResumesWithTheConnectionKey() {
		client = RealtimeUnitSupport.client(RealtimeUnitSupport.options(mock, clock).build(), clock);
		List<ConnectionStateChange> changes = new CopyOnWriteArrayList<>();
		client.connection().on(changes::add);
		client.connect();
		MockWebSocket.PendingConnection first = mock.awaitConnectionAttempt();
		assertThat(first.params()).containsEntry("key", RealtimeUnitSupport.KEY).containsEntry("v", "6")
			.containsEntry("format", "msgpack").doesNotContainKey("resume");
		first.respondWithSuccess(connected("conn-1", "key-1"));
		clock.settle();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(client.connection().id()).isEqualTo("conn-1");

		first.simulateDisconnect(null);
		MockWebSocket.PendingConnection second = mock.awaitConnectionAttempt();
		assertThat(second.params()).containsEntry("resume", "key-1");
		second.respondWithSuccess(connected("conn-1", "key-2"));
		clock.settle();
		assertThat(changes).extracting(ConnectionStateChange::current).containsExactly(ConnectionState.CONNECTING,
				ConnectionState.CONNECTED, ConnectionState.DISCONNECTED, ConnectionState.CONNECTING,
				ConnectionState.CONNECTED);
		assertThat(client.connection().key()).isEqualTo("key-2");
	}

	@Test
	void RTN14d_RTN14e_retriesWithBackoffThenSuspends() {
		client = RealtimeUnitSupport.client(RealtimeUnitSupport.options(mock, clock).build(), clock);
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithRefused);
		client.connect();
		clock.settle();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.DISCONNECTED);
		for (int i = 0; i < 20 && client.connection().state() != ConnectionState.SUSPENDED; i++) {
			clock.advance(Duration.ofSeconds(31));
		}
		assertThat(client.connection().state()).isEqualTo(ConnectionState.SUSPENDED);
		assertThat(client.connection().errorReason().code()).isEqualTo(80002);
		assertThat(mock.events).contains("CONNECTION_FAILURE");
	}
}
