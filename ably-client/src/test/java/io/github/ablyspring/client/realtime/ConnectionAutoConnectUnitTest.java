package io.github.ablyspring.client.realtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/connection/auto_connect_test.md: the autoConnect option (RTN3). */
class ConnectionAutoConnectUnitTest extends ConnectionUnitTestBase {

	@Test
	void RTN3_autoConnectConnectsOnConstruction() {
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connected("connection-id", "connection-key")));
		newClient(b -> b.realtime(r -> r.autoConnect(true)));
		awaitState(ConnectionState.CONNECTED);
		assertThat(client.connection().id()).isEqualTo("connection-id");
	}

	@Test
	void RTN3_withoutAutoConnectNothingHappens() {
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connected("connection-id", "connection-key")));
		newClient(b -> b.realtime(r -> r.autoConnect(false)));
		clock.settle();
		assertThat(mock.events).doesNotContain("CONNECTION_ATTEMPT");
		assertThat(client.connection().state()).isEqualTo(ConnectionState.INITIALIZED);
	}

	@Test
	void RTN3_withoutAutoConnectAnExplicitConnectConnects() {
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connected("connection-id", "connection-key")));
		newClient(b -> b.realtime(r -> r.autoConnect(false)));
		clock.settle();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.INITIALIZED);
		assertThat(mock.events).doesNotContain("CONNECTION_ATTEMPT");
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		assertThat(mock.events).contains("CONNECTION_ATTEMPT");
	}
}
