package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/connection/connection_id_key_test.md: Connection#id and #key (RTN8, RTN9). */
class ConnectionIdKeyUnitTest extends ConnectionUnitTestBase {

	private void closeOnRequest() {
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.CLOSE) {
				c.sendToClient(ProtocolMessage.of(ProtocolAction.CLOSED));
			}
		});
	}

	@Test
	void RTN8a_RTN9a_unsetUntilConnected() {
		newClient();
		assertThat(client.connection().id()).isNull();
		assertThat(client.connection().key()).isNull();
		connect("unique-conn-id-1", "conn-key-1");
		assertThat(client.connection().id()).isEqualTo("unique-conn-id-1");
		assertThat(client.connection().key()).isEqualTo("conn-key-1");
	}

	@Test
	void RTN8b_RTN9b_eachConnectionHasItsOwnIdAndKey() {
		AtomicInteger n = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			int i = n.incrementAndGet();
			c.respondWithSuccess(connected("conn-id-" + i, "conn-key-" + i));
		});
		AblyRealtime first = newClient();
		first.connect();
		awaitState(ConnectionState.CONNECTED);
		AblyRealtime second = RealtimeUnitSupport.client(RealtimeUnitSupport.options(mock, clock).build(), clock);
		try {
			second.connect();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
				clock.settle();
				return second.connection().state() == ConnectionState.CONNECTED;
			});
			assertThat(first.connection().id()).isEqualTo("conn-id-1");
			assertThat(second.connection().id()).isEqualTo("conn-id-2");
			assertThat(first.connection().key()).isEqualTo("conn-key-1");
			assertThat(second.connection().key()).isEqualTo("conn-key-2");
		}
		finally {
			second.loop().shutdown();
		}
	}

	@Test
	void RTN8c_RTN9c_clearedWhenClosed() {
		newClient();
		closeOnRequest();
		connect("conn-id-1", "conn-key-1");
		client.connection().close();
		awaitState(ConnectionState.CLOSED);
		assertThat(client.connection().id()).isNull();
		assertThat(client.connection().key()).isNull();
	}

	@Test
	void RTN8c_RTN9c_clearedWhenFailed() {
		newClient();
		MockWebSocket.PendingConnection c = connect("conn-id-1", "conn-key-1");
		c.sendToClientAndClose(error(80000, 400, "Fatal error"));
		awaitState(ConnectionState.FAILED);
		assertThat(client.connection().id()).isNull();
		assertThat(client.connection().key()).isNull();
	}

	@Test
	void RTN8c_RTN9c_clearedWhenSuspended() {
		newClient();
		AtomicInteger n = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			if (n.incrementAndGet() == 1) {
				c.respondWithSuccess(connected("conn-id-1", "conn-key-1"));
			}
			else {
				c.respondWithRefused();
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().simulateDisconnect(null);
		clock.settle();
		clock.advance(Duration.ofSeconds(121));
		awaitState(ConnectionState.SUSPENDED);
		assertThat(client.connection().id()).isNull();
		assertThat(client.connection().key()).isNull();
	}
}
