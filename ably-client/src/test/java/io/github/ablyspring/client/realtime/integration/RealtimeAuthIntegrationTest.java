package io.github.ablyspring.client.realtime.integration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.ConnectionStateChange;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;

/** UTS realtime/integration/auth.md against the embedded server: JWTs from an authCallback. */
class RealtimeAuthIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static ClientOptions.Builder jwtOptions(String tokenClientId) {
		return EmbeddedServer.options(server)
			.authCallback(params -> IntegrationSupport.jwt(3600, tokenClientId))
			.autoConnect(false);
	}

	@Test
	void RTC8a_authorizeWhileConnectedReauthenticatesInBand() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(jwtOptions(null).build())) {
			String before = client.connection().id();
			List<ConnectionStateChange> changes = new CopyOnWriteArrayList<>();
			client.connection().on(changes::add);
			TokenDetails token = client.auth().authorizeAsync(null).get(10, TimeUnit.SECONDS);

			assertThat(token).isNotNull();
			assertThat(token.token()).isNotBlank();
			assertThat(client.connection().id()).isEqualTo(before);
			assertThat(changes).filteredOn(c -> c.current() != c.previous()).isEmpty();
		}
	}

	@Test
	void RTC8c_authorizeFromInitializedConnects() throws Exception {
		try (AblyRealtime client = new AblyRealtime(jwtOptions(null).build())) {
			assertThat(client.connection().state()).isEqualTo(ConnectionState.INITIALIZED);
			TokenDetails token = client.auth().authorizeAsync(null).get(10, TimeUnit.SECONDS);
			client.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);

			assertThat(token).isNotNull();
			assertThat(client.connection().id()).isNotNull();
		}
	}

	@Test
	void RSA8_jwtFromAnAuthCallbackConnects() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(jwtOptions(null).build())) {
			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
			assertThat(client.connection().id()).isNotNull();
			assertThat(client.connection().errorReason()).isNull();
		}
	}

	@Test
	void RSA7_matchingClientIdConnects() throws Exception {
		String clientId = IntegrationSupport.randomName("test-client");
		try (AblyRealtime client = IntegrationSupport.connected(jwtOptions(clientId).clientId(clientId).build())) {
			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
			assertThat(client.auth().clientId()).isEqualTo(clientId);
		}
	}

	@Test
	void RSA7_mismatchedClientIdFails() throws Exception {
		try (AblyRealtime client = new AblyRealtime(jwtOptions("token-client-id").clientId("wrong-client-id").build())) {
			client.connect();
			client.connection().whenState(ConnectionState.FAILED).get(10, TimeUnit.SECONDS);

			assertThat(client.connection().errorReason()).isNotNull();
			assertThat(client.connection().errorReason().code()).isEqualTo(40102);
		}
	}
}
