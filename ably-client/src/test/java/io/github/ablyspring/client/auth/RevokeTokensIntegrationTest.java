package io.github.ablyspring.client.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.ConnectionStateChange;
import io.github.ablyspring.client.rest.BatchResult;
import io.github.ablyspring.client.rest.HttpPaginatedResponse;
import io.github.ablyspring.client.rest.TokenRevocationResult;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.client.support.Jwts;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/integration/revoke_tokens.md} (RSA17, TRS2, TRF2), line by line against the embedded server; the
 * revocable key comes from an app created with {@code POST /apps}, as the sandbox setup does. Targets are
 * {@code type:value} strings here (no specifier type). The realtime client holds a bare token it cannot renew, so
 * RTN15h1 takes it from the revocation to FAILED rather than DISCONNECTED; either carries the 40141.
 */
class RevokeTokensIntegrationTest {

	private final List<AutoCloseable> resources = new ArrayList<>();

	private EmbeddedAblyServer server;

	private String revocableKey;

	@BeforeEach
	void start() {
		server = EmbeddedServer.start();
		resources.add(server);
		AblyRest admin = rest(EmbeddedServer.KEY);
		ObjectNode spec = Json.NODES.objectNode();
		spec.putArray("keys").addObject().put("revocableTokens", true);
		HttpPaginatedResponse app = admin.request("POST", "/apps", null, spec, null);
		revocableKey = app.items().get(0).path("keys").path(0).path("keyStr").asString();
	}

	@AfterEach
	void close() throws Exception {
		for (int i = resources.size() - 1; i >= 0; i--) {
			resources.get(i).close();
		}
	}

	private AblyRest rest(String key) {
		AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(key).build());
		resources.add(rest);
		return rest;
	}

	/** A connected realtime client on {@code token}, and the future of its first DISCONNECTED or FAILED change. */
	private CompletableFuture<ConnectionStateChange> connectedAndWatched(TokenDetails token) throws Exception {
		AblyRealtime realtime = new AblyRealtime(EmbeddedServer.options(server).tokenDetails(token).build());
		resources.add(realtime);
		realtime.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);
		CompletableFuture<ConnectionStateChange> lost = new CompletableFuture<>();
		realtime.connection().on(change -> {
			if (change.current() == ConnectionState.DISCONNECTED || change.current() == ConnectionState.FAILED) {
				lost.complete(change);
			}
		});
		return lost;
	}

	@Test
	void RSA17g_RSA17b_RSA17c_TRS2_revocationStopsTheToken() throws Exception {
		String clientId = "revoke-client-" + UUID.randomUUID();
		AblyRest keyClient = rest(revocableKey);
		TokenDetails token = keyClient.auth().requestToken(TokenParams.builder().clientId(clientId).build());
		CompletableFuture<ConnectionStateChange> lost = connectedAndWatched(token);

		BatchResult<TokenRevocationResult> result = keyClient.auth().revokeTokens(List.of("clientId:" + clientId),
				null, false);

		assertThat(result.successCount()).isEqualTo(1);
		assertThat(result.failureCount()).isZero();
		assertThat(result.results()).hasSize(1);
		TokenRevocationResult success = result.results().get(0);
		assertThat(success.isSuccess()).isTrue();
		assertThat(success.target()).isEqualTo("clientId:" + clientId);
		assertThat(success.issuedBefore()).isNotNull();
		assertThat(success.appliesAt()).isNotNull();
		assertThat(lost.get(10, TimeUnit.SECONDS).reason().code()).isEqualTo(40141);
	}

	@Test
	void RSA17d_aTokenAuthClientIsRefused() {
		AblyRest tokenRest = new AblyRest(EmbeddedServer.options(server)
			.token(Jwts.of(revocableKey, System.currentTimeMillis() + 3_600_000L, null)).useBinaryProtocol(false)
			.build());
		resources.add(tokenRest);

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> tokenRest.auth().revokeTokens(List.of("clientId:anyone"), null, false));

		assertThat(error.code()).isEqualTo(40162);
		assertThat(error.errorInfo().statusCode()).isEqualTo(401);
	}

	@Test
	void RSA17e_RSA17f_issuedBeforeAndAllowReauthMargin() {
		String clientId = "revoke-margin-client-" + UUID.randomUUID();
		AblyRest keyClient = rest(revocableKey);
		long serverTime = keyClient.time();
		long issuedBefore = serverTime - 20 * 60 * 1000;

		BatchResult<TokenRevocationResult> result = keyClient.auth().revokeTokens(List.of("clientId:" + clientId),
				issuedBefore, true);

		assertThat(result.successCount()).isEqualTo(1);
		assertThat(result.results()).hasSize(1);
		assertThat(result.results().get(0).issuedBefore()).isEqualTo(issuedBefore);
		assertThat(result.results().get(0).appliesAt()).isGreaterThan(serverTime + 30_000 - 1000);
	}

	@Test
	void RSA17c_TRF2_mixedSuccessAndFailure() throws Exception {
		String clientId = "revoke-mixed-client-" + UUID.randomUUID();
		AblyRest keyClient = rest(revocableKey);
		TokenDetails token = keyClient.auth().requestToken(TokenParams.builder().clientId(clientId).build());
		CompletableFuture<ConnectionStateChange> lost = connectedAndWatched(token);

		BatchResult<TokenRevocationResult> result = keyClient.auth()
			.revokeTokens(List.of("clientId:" + clientId, "invalidType:abc"), null, false);

		assertThat(result.successCount()).isEqualTo(1);
		assertThat(result.failureCount()).isEqualTo(1);
		assertThat(result.results()).hasSize(2);
		TokenRevocationResult success = result.results().get(0);
		assertThat(success.isSuccess()).isTrue();
		assertThat(success.target()).isEqualTo("clientId:" + clientId);
		assertThat(success.issuedBefore()).isNotNull();
		assertThat(success.appliesAt()).isNotNull();
		TokenRevocationResult failure = result.results().get(1);
		assertThat(failure.isSuccess()).isFalse();
		assertThat(failure.target()).isEqualTo("invalidType:abc");
		assertThat(failure.error()).isNotNull();
		assertThat(failure.error().statusCode()).isEqualTo(400);
		assertThat(lost.get(10, TimeUnit.SECONDS).reason().code()).isEqualTo(40141);
	}
}
