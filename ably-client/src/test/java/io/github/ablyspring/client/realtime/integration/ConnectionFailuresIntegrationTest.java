package io.github.ablyspring.client.realtime.integration;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;

/** UTS realtime/integration/connection/connection_failures_test.md against the embedded server. */
class ConnectionFailuresIntegrationTest {

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
	void RTN14a_invalidKeyFails() throws Exception {
		try (AblyRealtime client = new AblyRealtime(
				EmbeddedServer.options(server).key("invalid.key:secret").autoConnect(false).build())) {
			client.connect();
			client.connection().whenState(ConnectionState.FAILED).get(15, TimeUnit.SECONDS);

			ErrorInfo reason = client.connection().errorReason();
			assertThat(client.connection().state()).isEqualTo(ConnectionState.FAILED);
			assertThat(reason).isNotNull();
			assertThat(reason.code()).isIn(40005, 40101);
			assertThat(reason.statusCode()).isIn(401, 404);
		}
	}

	@Test
	void RTN14g_keyOfAnUnknownAppFailsWithANonTokenError() throws Exception {
		try (AblyRealtime client = new AblyRealtime(
				EmbeddedServer.options(server).key("nonexistent.keyname:keysecret").autoConnect(false).build())) {
			client.connect();
			client.connection().whenState(ConnectionState.FAILED).get(15, TimeUnit.SECONDS);

			ErrorInfo reason = client.connection().errorReason();
			assertThat(client.connection().state()).isEqualTo(ConnectionState.FAILED);
			assertThat(reason).isNotNull();
			assertThat(reason.code() < 40140 || reason.code() >= 40150).as("not a token error: " + reason).isTrue();
		}
	}
}
