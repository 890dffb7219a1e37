package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.codec.TokenWireTypes;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** {@code POST /keys/{keyName}/revokeTokens} (RSA17): revoked tokens fail with 40141, over REST and realtime. */
class RevocationEndpointTest {

	private static EmbeddedAblyServer server;

	/** Added to the server's clock, so a test can move time on instead of sleeping. */
	private static final java.util.concurrent.atomic.AtomicLong clockOffset = new java.util.concurrent.atomic.AtomicLong();

	private static String revocableKey;

	private static String plainKey;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder()
			.clock(() -> System.currentTimeMillis() + clockOffset.get())
			.key("app.key:secret")
			.build()
			.start();
		JsonNode app = AppsEndpointTest.createTestApp(server, WireFormat.JSON);
		plainKey = AppsEndpointTest.keyStr(app, 0);
		revocableKey = AppsEndpointTest.keyStr(app, 4);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static String keyName(String key) {
		return key.substring(0, key.indexOf(':'));
	}

	private static TokenDetails token(String clientId) {
		return RestTestClient.of(server, WireFormat.JSON).withKey(revocableKey)
			.postJsonText("/keys/" + keyName(revocableKey) + "/requestToken", "{\"clientId\":\"" + clientId + "\"}")
			.assertStatus(200)
			.as(TokenWireTypes.TOKEN_DETAILS);
	}

	private static RestTestClient.Reply revoke(WireFormat format, String key, String body) {
		return RestTestClient.of(server, format).withKey(key).post("/keys/" + keyName(revocableKey) + "/revokeTokens",
				io.github.ablyspring.protocol.codec.Json.MAPPER.readTree(body));
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void revokedTokensFailWith40141AndTheirConnectionsAreDisconnected(WireFormat format) throws Exception {
		String revoked = "revoked-" + format;
		String spared = "spared-" + format;
		TokenDetails revokedToken = token(revoked);
		TokenDetails sparedToken = token(spared);
		try (RealtimeTestClient revokedConnection = RealtimeTestClient.connect(server,
				"access_token=" + revokedToken.token());
				RealtimeTestClient sparedConnection = RealtimeTestClient.connect(server,
						"access_token=" + sparedToken.token())) {

			JsonNode result = revoke(format, revocableKey, "{\"targets\":[\"clientId:" + revoked
					+ "\",\"invalidType:abc\",\"channel:x\"]}").assertStatus(200).json();

			assertThat(result.path("successCount").asInt()).isEqualTo(1);
			assertThat(result.path("failureCount").asInt()).isEqualTo(2);
			JsonNode ok = result.path("results").get(0);
			assertThat(ok.path("target").asString()).isEqualTo("clientId:" + revoked);
			assertThat(ok.path("issuedBefore").isNumber()).isTrue();
			assertThat(ok.path("appliesAt").isNumber()).isTrue();
			assertThat(ok.has("error")).isFalse();
			assertThat(result.path("results").get(1).path("target").asString()).isEqualTo("invalidType:abc");
			assertThat(result.path("results").get(1).path("error").path("statusCode").asInt()).isEqualTo(400);
			assertThat(result.path("results").get(2).path("error").path("code").asInt()).isEqualTo(40121);

			ProtocolMessage disconnected = revokedConnection.await(ProtocolAction.DISCONNECTED);
			assertThat(disconnected.error().code()).isEqualTo(40141);
			RestTestClient.anonymous(server, format).withToken(revokedToken.token()).get("/channels/x/messages")
				.assertError(401, 40141);
			RestTestClient.anonymous(server, format).withToken(sparedToken.token()).get("/channels/x/messages")
				.assertStatus(200);
			assertThat(sparedConnection.received()).noneMatch(m -> m.action() == ProtocolAction.DISCONNECTED);
		}
		clockOffset.addAndGet(1000);
		RestTestClient.anonymous(server, format).withToken(token(revoked).token()).get("/channels/x/messages")
			.assertStatus(200);
	}

	@Test
	void issuedBeforeSparesLaterTokensAndTheMarginDelaysEnforcement() {
		TokenDetails early = token("margin");
		long before = System.currentTimeMillis();
		JsonNode result = revoke(WireFormat.JSON, revocableKey, "{\"targets\":[\"clientId:margin\"],\"issuedBefore\":"
				+ (early.issued() - 1) + "}").assertStatus(200).json();
		assertThat(result.path("results").get(0).path("issuedBefore").asLong()).isEqualTo(early.issued() - 1);
		RestTestClient.anonymous(server, WireFormat.JSON).withToken(early.token()).get("/channels/x/messages")
			.assertStatus(200);

		try (RealtimeTestClient connection = RealtimeTestClient.connect(server, "access_token=" + early.token())) {
			JsonNode delayed = revoke(WireFormat.JSON, revocableKey,
					"{\"targets\":[\"clientId:margin\"],\"allowReauthMargin\":true}").assertStatus(200).json();
			assertThat(delayed.path("results").get(0).path("appliesAt").asLong()).isGreaterThanOrEqualTo(before + 30_000);
			// Asked to renew its token at once; still working until the margin is over.
			connection.await(ProtocolAction.AUTH);
			RestTestClient.anonymous(server, WireFormat.JSON).withToken(early.token()).get("/channels/x/messages")
				.assertStatus(200);
			assertThat(connection.received()).noneMatch(m -> m.action() == ProtocolAction.DISCONNECTED);
		}
	}

	@Test
	void onlyTheKeysHolderMayRevokeAndOnlyRevocableKeys() {
		revoke(WireFormat.JSON, plainKey, "{\"targets\":[\"clientId:x\"]}").assertError(401, 40160);
		RestTestClient.anonymous(server, WireFormat.JSON).withToken(token("someone").token())
			.postJsonText("/keys/" + keyName(revocableKey) + "/revokeTokens", "{\"targets\":[\"clientId:x\"]}")
			.assertError(401, 40162);
		RestTestClient.of(server, WireFormat.JSON).withKey(plainKey)
			.postJsonText("/keys/" + keyName(plainKey) + "/revokeTokens", "{\"targets\":[\"clientId:x\"]}")
			.assertError(401, 40163);
	}

	@Test
	void badRequestsAre40003() {
		long now = System.currentTimeMillis();
		revoke(WireFormat.JSON, revocableKey, "{\"targets\":[]}").assertError(400, 40003);
		revoke(WireFormat.JSON, revocableKey, "{}").assertError(400, 40003);
		revoke(WireFormat.JSON, revocableKey, "{\"targets\":[\"clientId:x\"],\"issuedBefore\":" + (now + 60_000) + "}")
			.assertError(400, 40003);
		revoke(WireFormat.JSON, revocableKey,
				"{\"targets\":[\"clientId:x\"],\"issuedBefore\":" + (now - 2 * 60 * 60 * 1000) + "}")
			.assertError(400, 40003);
	}
}
