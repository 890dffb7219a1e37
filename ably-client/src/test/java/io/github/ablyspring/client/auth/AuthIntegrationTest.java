package io.github.ablyspring.client.auth;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.auth.TokenRequest;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** RSA against the embedded server. Each test gets its own server, as some expire every token. */
class AuthIntegrationTest {

	private EmbeddedAblyServer server;

	private AblyRest keyClient;

	@BeforeEach
	void start() {
		server = EmbeddedServer.start();
		keyClient = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).build());
	}

	@AfterEach
	void stop() {
		keyClient.close();
		server.close();
	}

	private static String channel() {
		return "auth-" + UUID.randomUUID();
	}

	@Test
	void RSA1_basicAuthWithAKey() {
		assertThat(keyClient.auth().method()).isEqualTo(Auth.AuthMethod.BASIC);
		String name = channel();
		keyClient.channels().get(name).publish("n", "d");
		assertThat(keyClient.channels().get(name).history().items()).hasSize(1);
	}

	@Test
	void RSA7e2_basicAuthWithClientIdPublishesAsThatClient() {
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).clientId("alice")
			.build())) {
			String name = channel();
			rest.channels().get(name).publish("n", "d");
			assertThat(rest.channels().get(name).history().items().get(0).clientId()).isEqualTo("alice");
		}
	}

	@Test
	void RSA4_useTokenAuthRequestsATokenWithTheKey() {
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).useTokenAuth(true)
			.clientId("bob").build())) {
			String name = channel();
			rest.channels().get(name).publish("n", "d");
			assertThat(rest.auth().method()).isEqualTo(Auth.AuthMethod.TOKEN);
			assertThat(rest.auth().tokenDetails()).isNotNull();
			assertThat(rest.auth().tokenDetails().clientId()).isEqualTo("bob");
			assertThat(rest.auth().toString()).doesNotContain(rest.auth().tokenDetails().token());
			assertThat(rest.channels().get(name).history().items().get(0).clientId()).isEqualTo("bob");
		}
	}

	@Test
	void RSA8a_RSA9_requestTokenAndCreateTokenRequest() {
		TokenRequest request = keyClient.auth().createTokenRequest(TokenParams.builder().ttl(60_000L).build());
		assertThat(request.keyName()).isEqualTo("app.key");
		assertThat(request.mac()).isNotBlank();

		TokenDetails token = keyClient.auth().requestToken(TokenParams.builder().clientId("carol").build());
		assertThat(token.token()).isNotBlank();
		assertThat(token.clientId()).isEqualTo("carol");
		assertThat(token.expires()).isGreaterThan(System.currentTimeMillis() - 60_000);
	}

	@Test
	void RSA9d_queryTimeUsesTheServerClock() {
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).queryTime(true)
			.build())) {
			long before = rest.time();
			TokenRequest request = rest.auth().createTokenRequest(null);
			assertThat(request.timestamp()).isGreaterThanOrEqualTo(before);
		}
	}

	@Test
	void RSA10_authorizeSwitchesToTokenAuth() {
		TokenDetails token = keyClient.auth().authorize(TokenParams.builder().clientId("dave").build());
		assertThat(keyClient.auth().method()).isEqualTo(Auth.AuthMethod.TOKEN);
		assertThat(keyClient.auth().tokenDetails()).isEqualTo(token);
		String name = channel();
		keyClient.channels().get(name).publish("n", "d");
		assertThat(keyClient.channels().get(name).history().items().get(0).clientId()).isEqualTo("dave");
	}

	@Test
	void RSA8d_authCallbackReturningTokenRequest() {
		AtomicInteger calls = new AtomicInteger();
		AuthCallback callback = params -> {
			calls.incrementAndGet();
			return keyClient.auth().createTokenRequest(params);
		};
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).authCallback(callback).build())) {
			String name = channel();
			rest.channels().get(name).publish(Message.of("n", "d"));
			assertThat(rest.channels().get(name).history().items()).hasSize(1);
			assertThat(calls).hasValue(1);
		}
	}

	@Test
	void RSA8d_authCallbackReturningATokenString() {
		AuthCallback callback = params -> keyClient.auth().requestToken(params).token();
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).authCallback(callback).build())) {
			rest.channels().get(channel()).publish("n", "d");
			assertThat(rest.auth().tokenDetails()).isNotNull();
		}
	}

	@Test
	void RSA4b_renewsOnceAfterTheServerExpiresTheToken() {
		AtomicInteger calls = new AtomicInteger();
		AuthCallback callback = params -> {
			calls.incrementAndGet();
			return keyClient.auth().requestToken(params);
		};
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).authCallback(callback).build())) {
			String name = channel();
			rest.channels().get(name).publish("n", "1");
			server.faults().expireTokens();

			rest.channels().get(name).publish("n", "2");

			assertThat(calls).hasValue(2);
			assertThat(rest.channels().get(name).history().items()).hasSize(2);
		}
	}

	@Test
	void RSA4b_renewsWithTheKeyAfterExpireTokens() {
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).useTokenAuth(true)
			.build())) {
			rest.channels().get(channel()).publish("n", "1");
			String first = rest.auth().tokenDetails().token();
			server.faults().expireTokens();

			rest.channels().get(channel()).publish("n", "2");

			assertThat(rest.auth().tokenDetails().token()).isNotEqualTo(first);
		}
	}

	@Test
	void RSA4b_renewsAfterAShortTtl() {
		AtomicInteger calls = new AtomicInteger();
		AuthCallback callback = params -> {
			// The first token lives 1 ms; the renewal gets Ably's default ttl.
			TokenParams p = calls.incrementAndGet() == 1 ? params.toBuilder().ttl(1L).build() : params;
			return keyClient.auth().requestToken(p);
		};
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).authCallback(callback).build())) {
			TokenDetails shortLived = rest.auth().authorize(null);
			await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > shortLived.expires());

			String name = channel();
			rest.channels().get(name).publish("n", "d");

			assertThat(calls).hasValue(2);
			assertThat(rest.channels().get(name).history().items()).hasSize(1);
		}
	}

	@Test
	void RSA4a2_tokenWithoutRenewalMeansIs40171() {
		TokenDetails token = keyClient.auth().requestToken(null);
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).tokenDetails(token).build())) {
			rest.channels().get(channel()).publish("n", "d");
			server.faults().expireTokens();

			AblyException ex = catchThrowableOfType(AblyException.class,
					() -> rest.channels().get(channel()).publish("n", "d"));

			assertThat(ex.code()).isEqualTo(40171);
			assertThat(ex.statusCode()).isEqualTo(401);
			assertThat(ex.errorInfo().cause().code()).isBetween(40140, 40149);
		}
	}

	@Test
	void RSA4e_failingCallbackIs40170() {
		AuthCallback callback = params -> {
			throw new IllegalStateException("token service down");
		};
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).authCallback(callback).build())) {
			AblyException ex = catchThrowableOfType(AblyException.class,
					() -> rest.channels().get(channel()).publish("n", "d"));

			assertThat(ex.code()).isEqualTo(40170);
			assertThat(ex.statusCode()).isEqualTo(401);
		}
	}

	@Test
	void RSA15c_tokenForAnotherClientIdIs40102() {
		AuthCallback callback = params -> keyClient.auth()
			.requestToken(TokenParams.builder().clientId("mallory").build());
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).authCallback(callback).clientId("alice")
			.build())) {
			AblyException ex = catchThrowableOfType(AblyException.class,
					() -> rest.channels().get(channel()).publish("n", "d"));

			assertThat(ex.code()).isEqualTo(40102);
		}
	}

	@Test
	void RSA_wrongSecretIs40101FromTheServer() {
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).key("app.key:wrong").build())) {
			AblyException ex = catchThrowableOfType(AblyException.class,
					() -> rest.channels().get(channel()).history());

			assertThat(ex.code()).isEqualTo(40101);
			assertThat(ex.statusCode()).isEqualTo(401);
		}
	}
}
