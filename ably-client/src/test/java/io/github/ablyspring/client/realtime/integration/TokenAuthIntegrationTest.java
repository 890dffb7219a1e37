package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ConnectionEvent;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.ConnectionStateChange;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * UTS realtime/integration/auth/token_renewal_test.md and auth/token_request_test.md against the embedded server:
 * an expiring JWT from an authCallback is renewed, and TokenRequests made by another client are accepted.
 */
class TokenAuthIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		// No early AUTH before expiry (RTN22): the token runs out and the server disconnects with a token error.
		server = EmbeddedAblyServer.builder().key(EmbeddedServer.KEY).tokenExpiryWarning(Duration.ZERO).build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void RSA4b_RTN14b_expiringTokenIsRenewedThroughTheAuthCallback() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		try (AblyRealtime client = new AblyRealtime(EmbeddedServer.options(server).authCallback(params -> {
			// The first token lives 5 s, later ones an hour.
			return IntegrationSupport.jwt(calls.incrementAndGet() == 1 ? 5 : 3600, null);
		}).autoConnect(false).build())) {
			client.connect();
			client.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);
			assertThat(calls.get()).isEqualTo(1);
			List<ConnectionStateChange> disconnections = new CopyOnWriteArrayList<>();
			client.connection().on(ConnectionEvent.DISCONNECTED, disconnections::add);

			await().atMost(Duration.ofSeconds(30)).until(() -> calls.get() >= 2);
			await().atMost(Duration.ofSeconds(15)).until(() -> client.connection().state() == ConnectionState.CONNECTED);
			assertThat(calls.get()).isGreaterThanOrEqualTo(2);
			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
			assertThat(disconnections).singleElement()
				.satisfies(d -> assertThat(d.reason().code()).isBetween(40140, 40149));
		}
	}

	@Test
	void RSA9a_RSA9g_tokenRequestOfAnotherClientIsAccepted() throws Exception {
		try (AblyRest creator = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).build());
				AblyRealtime client = new AblyRealtime(EmbeddedServer.options(server)
					.authCallback(params -> creator.auth().createTokenRequest(null))
					.autoConnect(false)
					.build())) {
			client.connect();
			client.connection().whenState(ConnectionState.CONNECTED).get(15, TimeUnit.SECONDS);

			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
			assertThat(client.connection().id()).isNotNull();
			assertThat(client.connection().errorReason()).isNull();
		}
	}

	@Test
	void RSA9_tokenRequestWithAClientId() throws Exception {
		String clientId = IntegrationSupport.randomName("token-request-client");
		try (AblyRest creator = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).build());
				AblyRealtime client = new AblyRealtime(EmbeddedServer.options(server)
					.authCallback(params -> creator.auth()
						.createTokenRequest(TokenParams.builder().clientId(clientId).build()))
					.clientId(clientId)
					.autoConnect(false)
					.build())) {
			client.connect();
			client.connection().whenState(ConnectionState.CONNECTED).get(15, TimeUnit.SECONDS);

			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
			assertThat(client.auth().clientId()).isEqualTo(clientId);
		}
	}
}
