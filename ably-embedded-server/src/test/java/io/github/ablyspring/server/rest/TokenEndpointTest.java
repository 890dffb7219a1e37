package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.ablyspring.protocol.auth.Capability;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.auth.TokenRequest;
import io.github.ablyspring.protocol.auth.TokenRequestSigner;
import io.github.ablyspring.protocol.codec.TokenWireTypes;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code POST /keys/{keyName}/requestToken} (RSA8, RSA9): signed and unsigned requests, ttl, capability, clientId. */
class TokenEndpointTest {

	private static final String KEY = "app.key:secret";

	/** The capability of key 2 of ably-common's test app, for the intersection cases of ably-js's tests. */
	private static final String LIMITED = "app.limited:secret";

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder()
			.key(KEY)
			.key(LIMITED, "{\"channel0\":[\"publish\"],\"channel1\":[\"publish\"],\"channel2\":[\"publish\",\"subscribe\"],"
					+ "\"channel3\":[\"subscribe\"],\"channel4\":[\"presence\",\"publish\",\"subscribe\"],"
					+ "\"channel5\":[\"presence\"],\"channel6\":[\"*\"]}")
			.key("app.subscriber:secret", "{\"*\":[\"subscribe\"]}")
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static RestTestClient.Reply request(WireFormat format, String key, TokenRequest request) {
		String keyName = key.substring(0, key.indexOf(':'));
		return RestTestClient.anonymous(server, format).post("/keys/" + keyName + "/requestToken", request,
				TokenWireTypes.TOKEN_REQUEST);
	}

	private static TokenRequest signed(String key, TokenParams params) {
		return new TokenRequestSigner(key).sign(params);
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void aSignedRequestGetsATokenThatAuthenticates(WireFormat format) {
		TokenDetails token = request(format, KEY, signed(KEY, TokenParams.builder().clientId("tok").build()))
			.assertStatus(200)
			.as(TokenWireTypes.TOKEN_DETAILS);
		assertThat(token.clientId()).isEqualTo("tok");
		assertThat(token.expires() - token.issued()).isEqualTo(TokenEndpoint.DEFAULT_TTL);
		assertThat(token.capability()).isEqualTo(Capability.ALL.toJson());
		RestTestClient.anonymous(server, format).withToken(token.token()).get("/channels/t/messages").assertStatus(200);
		try (RealtimeTestClient realtime = RealtimeTestClient.connect(server, "access_token=" + token.token())) {
			assertThat(realtime.connectionId()).isNotBlank();
		}
	}

	@Test
	void ttlIsKeptWithinADay() {
		TokenDetails token = request(WireFormat.JSON, KEY, signed(KEY, TokenParams.builder().ttl(60_000L).build()))
			.as(TokenWireTypes.TOKEN_DETAILS);
		assertThat(token.expires() - token.issued()).isEqualTo(60_000);
		request(WireFormat.JSON, KEY, signed(KEY, TokenParams.builder().ttl(TokenEndpoint.MAX_TTL + 1).build()))
			.assertError(400, 40003);
	}

	@Test
	void aTamperedSignatureIs40101() {
		TokenRequest good = signed(KEY, TokenParams.builder().clientId("alice").build());
		TokenRequest tampered = new TokenRequest(good.keyName(), good.ttl(), good.capability(), "mallory",
				good.timestamp(), good.nonce(), good.mac());
		request(WireFormat.JSON, KEY, tampered).assertError(401, 40101);
		request(WireFormat.JSON, KEY, signed("app.key:wrong", TokenParams.EMPTY)).assertError(401, 40101);
	}

	@Test
	void aTimestampOutsideTheWindowIs40104() {
		long stale = System.currentTimeMillis() - TokenEndpoint.TIMESTAMP_WINDOW_MILLIS - 60_000;
		request(WireFormat.JSON, KEY, signed(KEY, TokenParams.builder().timestamp(stale).build()))
			.assertError(401, 40104);
	}

	@Test
	void aNonceIsUsedOnlyOnce() {
		TokenRequest once = signed(KEY, TokenParams.EMPTY);
		request(WireFormat.JSON, KEY, once).assertStatus(200);
		request(WireFormat.MSGPACK, KEY, once).assertError(401, 40105);
	}

	@ParameterizedTest(name = "{0} with key {1} gives {2}")
	@CsvSource(delimiter = '|', value = {
			"{\"channel2\":[\"presence\",\"subscribe\"]}|LIMITED|{\"channel2\":[\"subscribe\"]}",
			"{\"channel2\":[\"presence\",\"subscribe\"],\"channelx\":[\"presence\",\"subscribe\"]}"
					+ "|LIMITED|{\"channel2\":[\"subscribe\"]}",
			"{\"channel2\":[\"*\"]}|LIMITED|{\"channel2\":[\"publish\",\"subscribe\"]}",
			"{\"channel6\":[\"publish\",\"subscribe\"]}|LIMITED|{\"channel6\":[\"publish\",\"subscribe\"]}",
			"{\"*\":[\"publish\"]}|LIMITED|{\"channel0\":[\"publish\"],\"channel1\":[\"publish\"],"
					+ "\"channel2\":[\"publish\"],\"channel4\":[\"publish\"],\"channel6\":[\"publish\"]}",
			"{\"cansubscribe\":[\"subscribe\"]}|SUBSCRIBER|{\"cansubscribe\":[\"subscribe\"]}",
			"{\"cansubscribe:*\":[\"subscribe\"]}|SUBSCRIBER|{\"cansubscribe:*\":[\"subscribe\"]}" })
	void capabilityIsTheIntersectionWithTheKeys(String requested, String keyLabel, String expected) {
		String key = keyLabel.equals("LIMITED") ? LIMITED : "app.subscriber:secret";
		TokenDetails token = request(WireFormat.JSON, key, signed(key, TokenParams.builder().capability(requested)
			.build())).assertStatus(200).as(TokenWireTypes.TOKEN_DETAILS);
		assertThat(token.capability()).isEqualTo(Capability.parse(expected).toJson());
	}

	@Test
	void anEmptyIntersectionIs40160AndABadCapability400() {
		request(WireFormat.JSON, LIMITED, signed(LIMITED, TokenParams.builder().capability("{\"channelx\":[\"publish\"]}")
			.build())).assertError(401, 40160);
		request(WireFormat.JSON, LIMITED, signed(LIMITED, TokenParams.builder().capability("{\"channel3\":[\"publish\"]}")
			.build())).assertError(401, 40160);
		request(WireFormat.JSON, KEY, signed(KEY, TokenParams.builder().capability("{\"channel0\":[\"publish_\"]}")
			.build())).assertError(400, 40000);
		request(WireFormat.JSON, KEY, signed(KEY, TokenParams.builder().capability("{\"channel0\":[\"*\",\"publish\"]}")
			.build())).assertError(400, 40000);
	}

	@Test
	void anUnsignedRequestNeedsBasicAuthWithThatKey() {
		String params = "{\"clientId\":\"plain\",\"ttl\":30000}";
		RestTestClient anonymous = RestTestClient.anonymous(server, WireFormat.JSON);
		anonymous.postJsonText("/keys/app.key/requestToken", params).assertError(401, 40106);
		anonymous.withKey(LIMITED).postJsonText("/keys/app.key/requestToken", params).assertError(401, 40101);
		TokenDetails token = anonymous.withKey(KEY).postJsonText("/keys/app.key/requestToken", params)
			.assertStatus(200)
			.as(TokenWireTypes.TOKEN_DETAILS);
		assertThat(token.clientId()).isEqualTo("plain");
		assertThat(token.expires() - token.issued()).isEqualTo(30_000);
		anonymous.withToken(token.token()).postJsonText("/keys/app.key/requestToken", params).assertError(401, 40101);
	}

	@Test
	void clientIdMustBeNonEmptyAndMatchTheCallers() {
		RestTestClient basic = RestTestClient.of(server, WireFormat.JSON);
		basic.postJsonText("/keys/app.key/requestToken", "{\"clientId\":\"\"}").assertError(400, 40012);
		request(WireFormat.JSON, KEY, signed(KEY, TokenParams.builder().clientId("").build())).assertError(400, 40012);
		RestTestClient claimed = basic.withHeader("X-Ably-ClientId",
				Base64.getEncoder().encodeToString("carol".getBytes(StandardCharsets.UTF_8)));
		claimed.postJsonText("/keys/app.key/requestToken", "{\"clientId\":\"dave\"}").assertError(401, 40102);
		assertThat(claimed.postJsonText("/keys/app.key/requestToken", "{}").as(TokenWireTypes.TOKEN_DETAILS).clientId())
			.isEqualTo("carol");
		assertThat(request(WireFormat.JSON, KEY, signed(KEY, TokenParams.builder().clientId("*").build()))
			.as(TokenWireTypes.TOKEN_DETAILS)
			.clientId()).isEqualTo("*");
	}

	@Test
	void anUnknownKeyIs40101() {
		request(WireFormat.JSON, "app.nokey:secret", signed("app.nokey:secret", TokenParams.EMPTY))
			.assertError(401, 40101);
	}
}
