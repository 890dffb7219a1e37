package io.github.ablyspring.client.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.rest.BatchResult;
import io.github.ablyspring.client.rest.TokenRevocationResult;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.client.support.UtsPeer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.codec.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/auth/revoke_tokens.md} (RSA17, BAR2, TRS2, TRF2), line by line, against a scripted peer.
 * Adapted: every success answer is the {@code BatchResult} envelope of protocol version 2 and later (the UTS's
 * all-success mocks use the legacy bare array, which the UTS itself says current SDKs do not get).
 */
class RevokeTokensUnitTest {

	private static final String KEY = "appId.keyName:keySecret";

	private static final String ALICE = "{\"target\":\"clientId:alice\",\"issuedBefore\":1700000000000,"
			+ "\"appliesAt\":1700000001000}";

	private static final String INVALID = "{\"target\":\"invalidType:abc\",\"error\":{\"code\":40000,"
			+ "\"statusCode\":400,\"message\":\"Invalid target type: invalidType\"}}";

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	private ScriptedPeer peer(Function<Received, Reply> script) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start("127.0.0.1", 0, script);
		resources.add(peer);
		return peer;
	}

	private ScriptedPeer envelope(int success, int failure, String... results) throws Exception {
		return peer(r -> Reply.json(201, "{\"successCount\":" + success + ",\"failureCount\":" + failure
				+ ",\"results\":[" + String.join(",", results) + "]}"));
	}

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private AblyRest client(ScriptedPeer peer) {
		return client(UtsPeer.options(peer).key(KEY));
	}

	private static List<TokenRevocationTargetSpecifier> alice() {
		return List.of(TokenRevocationTargetSpecifier.clientId("alice"));
	}

	private static JsonNode body(ScriptedPeer peer) {
		return Json.MAPPER.readTree(peer.received().get(0).body());
	}

	@Test
	void RSA17g_1_postToTheKeysRevokeTokensPath() throws Exception {
		ScriptedPeer peer = envelope(1, 0, ALICE);

		client(peer).auth().revokeTokens(alice(), null, false);

		assertThat(peer.received()).hasSize(1);
		assertThat(peer.received().get(0).method()).isEqualTo("POST");
		assertThat(peer.received().get(0).path()).isEqualTo("/keys/appId.keyName/revokeTokens");
	}

	@Test
	void RSA17b_1_aSingleSpecifier() throws Exception {
		ScriptedPeer peer = envelope(1, 0, ALICE);

		client(peer).auth().revokeTokens(alice(), null, false);

		assertThat(body(peer).get("targets")).extracting(JsonNode::asString).containsExactly("clientId:alice");
	}

	@Test
	void RSA17b_2_specifiersOfSeveralTypes() throws Exception {
		ScriptedPeer peer = envelope(3, 0, ALICE, ALICE, ALICE);

		client(peer).auth().revokeTokens(List.of(TokenRevocationTargetSpecifier.clientId("alice"),
				new TokenRevocationTargetSpecifier("revocationKey", "group-1"),
				new TokenRevocationTargetSpecifier("channel", "secret")), null, false);

		assertThat(body(peer).get("targets")).extracting(JsonNode::asString).containsExactly("clientId:alice",
				"revocationKey:group-1", "channel:secret");
	}

	@Test
	void RSA17c_1_allSuccess() throws Exception {
		BatchResult<TokenRevocationResult> result = client(envelope(2, 0, ALICE, ALICE.replace("alice", "bob")))
			.auth().revokeTokens(List.of(TokenRevocationTargetSpecifier.clientId("alice"),
					TokenRevocationTargetSpecifier.clientId("bob")), null, false);

		assertThat(result.successCount()).isEqualTo(2);
		assertThat(result.failureCount()).isZero();
		assertThat(result.results()).hasSize(2);
	}

	@Test
	void RSA17c_2_mixedSuccessAndFailure() throws Exception {
		BatchResult<TokenRevocationResult> result = client(envelope(1, 1, ALICE, INVALID)).auth().revokeTokens(
				List.of(TokenRevocationTargetSpecifier.clientId("alice"),
						new TokenRevocationTargetSpecifier("invalidType", "abc")), null, false);

		assertThat(result.successCount()).isEqualTo(1);
		assertThat(result.failureCount()).isEqualTo(1);
		assertThat(result.results()).hasSize(2);
	}

	@Test
	void RSA17c_3_allFailure() throws Exception {
		BatchResult<TokenRevocationResult> result = client(envelope(0, 2, INVALID.replace("abc", "foo"),
				INVALID.replace("abc", "bar"))).auth().revokeTokens(List.of(
						new TokenRevocationTargetSpecifier("invalidType", "foo"),
						new TokenRevocationTargetSpecifier("invalidType", "bar")), null, false);

		assertThat(result.successCount()).isZero();
		assertThat(result.failureCount()).isEqualTo(2);
		assertThat(result.results()).hasSize(2);
	}

	@Test
	void TRS2_1_successResult() throws Exception {
		TokenRevocationResult success = client(envelope(1, 0, ALICE)).auth().revokeTokens(alice(), null, false)
			.results().get(0);

		assertThat(success.isSuccess()).isTrue();
		assertThat(success.target()).isEqualTo("clientId:alice");
		assertThat(success.issuedBefore()).isEqualTo(1_700_000_000_000L);
		assertThat(success.appliesAt()).isEqualTo(1_700_000_001_000L);
	}

	@Test
	void TRF2_1_failureResult() throws Exception {
		TokenRevocationResult failure = client(envelope(0, 1, INVALID)).auth()
			.revokeTokens(List.of(new TokenRevocationTargetSpecifier("invalidType", "abc")), null, false).results()
			.get(0);

		assertThat(failure.isSuccess()).isFalse();
		assertThat(failure.target()).isEqualTo("invalidType:abc");
		assertThat(failure.error().code()).isEqualTo(40000);
		assertThat(failure.error().statusCode()).isEqualTo(400);
		assertThat(failure.error().message()).contains("Invalid target type");
	}

	@Test
	void RSA17d_1_aTokenClientIsRefused() throws Exception {
		ScriptedPeer peer = envelope(0, 0);

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> client(UtsPeer.options(peer).token("a.token.string")).auth().revokeTokens(alice(), null, false));

		assertThat(error.code()).isEqualTo(40162);
		assertThat(error.errorInfo().statusCode()).isEqualTo(401);
		assertThat(peer.received()).isEmpty();
	}

	@Test
	void RSA17d_2_useTokenAuthIsRefused() throws Exception {
		ScriptedPeer peer = envelope(0, 0);

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> client(UtsPeer.options(peer).key(KEY).useTokenAuth(true)).auth().revokeTokens(alice(), null,
						false));

		assertThat(error.code()).isEqualTo(40162);
		assertThat(error.errorInfo().statusCode()).isEqualTo(401);
		assertThat(peer.received()).isEmpty();
	}

	@Test
	void RSA17e_issuedBefore() throws Exception {
		ScriptedPeer with = envelope(1, 0, ALICE);
		ScriptedPeer without = envelope(1, 0, ALICE);

		client(with).auth().revokeTokens(alice(), 1_699_999_000_000L, false);
		client(without).auth().revokeTokens(alice(), null, false);

		assertThat(body(with).get("issuedBefore").asLong()).isEqualTo(1_699_999_000_000L);
		assertThat(body(without).has("issuedBefore")).isFalse();
	}

	@Test
	void RSA17f_allowReauthMargin() throws Exception {
		ScriptedPeer with = envelope(1, 0, ALICE);
		ScriptedPeer without = envelope(1, 0, ALICE);
		ScriptedPeer both = envelope(1, 0, ALICE);

		client(with).auth().revokeTokens(alice(), null, true);
		client(without).auth().revokeTokens(alice(), null, false);
		client(both).auth().revokeTokens(alice(), 1_699_999_000_000L, true);

		assertThat(body(with).get("allowReauthMargin").asBoolean()).isTrue();
		assertThat(body(without).has("allowReauthMargin")).isFalse();
		assertThat(body(both).get("targets")).extracting(JsonNode::asString).containsExactly("clientId:alice");
		assertThat(body(both).get("issuedBefore").asLong()).isEqualTo(1_699_999_000_000L);
		assertThat(body(both).get("allowReauthMargin").asBoolean()).isTrue();
	}

	@Test
	void RSA17_Error_1_serverErrorIsThrown() throws Exception {
		ScriptedPeer peer = peer(r -> UtsPeer.error(500, 50000, "Internal error"));

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> client(peer).auth().revokeTokens(alice(), null, false));

		assertThat(error.code()).isEqualTo(50000);
		assertThat(error.errorInfo().statusCode()).isEqualTo(500);
	}

	@Test
	void RSA17_Auth_1_basicAuthentication() throws Exception {
		ScriptedPeer peer = envelope(1, 0, ALICE);

		client(peer).auth().revokeTokens(alice(), null, false);

		assertThat(UtsPeer.basic(peer.received().get(0).header("Authorization"))).isEqualTo(KEY);
	}
}
