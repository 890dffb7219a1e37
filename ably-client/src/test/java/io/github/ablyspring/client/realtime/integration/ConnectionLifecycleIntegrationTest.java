package io.github.ablyspring.client.realtime.integration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.ConnectionStateChange;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** UTS realtime/integration/connection_lifecycle_test.md against the embedded server. */
class ConnectionLifecycleIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void RTN4b_RTN21_successfulConnectionEstablishment() throws Exception {
		try (AblyRealtime client = new AblyRealtime(IntegrationSupport.options(server, "json").build())) {
			assertThat(client.connection().state()).isEqualTo(ConnectionState.INITIALIZED);
			List<ConnectionState> states = new CopyOnWriteArrayList<>();
			client.connection().on(change -> states.add(change.current()));
			client.connect();
			client.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);

			await().until(() -> states.contains(ConnectionState.CONNECTED));
			assertThat(states).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
			assertThat(client.connection().id()).matches("[a-zA-Z0-9_-]+");
			assertThat(client.connection().key()).matches("[a-zA-Z0-9_!-]+");
			assertThat(client.connection().errorReason()).isNull();
		}
	}

	@Test
	void RTN4c_RTN12_RTN12a_gracefulClose() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build())) {
			List<ConnectionStateChange> changes = new CopyOnWriteArrayList<>();
			client.connection().on(changes::add);
			client.connection().close();
			client.connection().whenState(ConnectionState.CLOSED).get(5, TimeUnit.SECONDS);

			await().until(() -> changes.size() == 2);
			assertThat(changes).extracting(ConnectionStateChange::current)
				.containsExactly(ConnectionState.CLOSING, ConnectionState.CLOSED);
			assertThat(client.connection().state()).isEqualTo(ConnectionState.CLOSED);
			assertThat(client.connection().errorReason()).isNull();
			assertThat(client.connection().id()).isNull();
			assertThat(client.connection().key()).isNull();
		}
	}

	@Test
	void RTN11_RTN4b_connectCloseAndReconnectCycle() throws Exception {
		try (AblyRealtime client = new AblyRealtime(IntegrationSupport.options(server, "json").build())) {
			assertThat(client.connection().state()).isEqualTo(ConnectionState.INITIALIZED);
			client.connect();
			client.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);
			String first = client.connection().id();
			client.connection().close();
			client.connection().whenState(ConnectionState.CLOSED).get(5, TimeUnit.SECONDS);
			client.connect();
			client.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);
			String second = client.connection().id();

			assertThat(second).isNotNull().isNotEqualTo(first);
			assertThat(client.connection().errorReason()).isNull();
		}
	}
}
