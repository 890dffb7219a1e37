package io.github.ablyspring.client.auth;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.auth.TokenRequest;
import io.github.ablyspring.protocol.codec.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code uts/rest/unit/types/token_types.md} (TD, TK, TE), line by line. The types live in {@code ably-protocol};
 * this class sits here for TK's query form, which is the authUrl's ({@code AuthUrl.query}).
 */
class TokenTypesTest {

	private static final long EXPIRES = 1_234_567_890_000L;

	private static TokenRequest request(Long ttl, String capability, String clientId, String nonce, String mac) {
		return new TokenRequest("appId.keyId", ttl, capability, clientId, EXPIRES, nonce, mac);
	}

	@Test
	void TD1_TD5_tokenDetailsAttributes() {
		TokenDetails details = new TokenDetails("test-token", EXPIRES, null, null, null);
		assertThat(details.token()).isEqualTo("test-token");
		assertThat(details.expires()).isEqualTo(EXPIRES);
		assertThat(new TokenDetails("test-token", EXPIRES, 1_234_567_800_000L, null, null).issued())
			.isEqualTo(1_234_567_800_000L);
		assertThat(new TokenDetails("test-token", EXPIRES, null, "{\"*\":[\"*\"]}", null).capability())
			.isEqualTo("{\"*\":[\"*\"]}");
		assertThat(new TokenDetails("test-token", EXPIRES, null, null, "my-client").clientId()).isEqualTo("my-client");
	}

	@Test
	void TD_tokenDetailsFromJson() {
		TokenDetails details = TokenDetails.fromJson("{\"token\":\"deserialized-token\",\"expires\":1234567890000,"
				+ "\"issued\":1234567800000,\"capability\":\"{\\\"channel-1\\\":[\\\"publish\\\"]}\","
				+ "\"clientId\":\"json-client\",\"keyName\":\"appId.keyId\"}");

		assertThat(details.token()).isEqualTo("deserialized-token");
		assertThat(details.expires()).isEqualTo(EXPIRES);
		assertThat(details.issued()).isEqualTo(1_234_567_800_000L);
		assertThat(details.capability()).isEqualTo("{\"channel-1\":[\"publish\"]}");
		assertThat(details.clientId()).isEqualTo("json-client");
	}

	@Test
	void TK1_TK6_tokenParamsAttributes() {
		assertThat(TokenParams.builder().ttl(3_600_000L).build().ttl()).isEqualTo(3_600_000L);
		assertThat(TokenParams.builder().build().ttl()).isNull();
		assertThat(TokenParams.builder().capability("{\"*\":[\"subscribe\"]}").build().capability())
			.isEqualTo("{\"*\":[\"subscribe\"]}");
		assertThat(TokenParams.builder().build().capability()).isNull();
		assertThat(TokenParams.builder().clientId("param-client").build().clientId()).isEqualTo("param-client");
		assertThat(TokenParams.builder().timestamp(EXPIRES).build().timestamp()).isEqualTo(EXPIRES);
		assertThat(TokenParams.builder().nonce("unique-nonce-value").build().nonce()).isEqualTo("unique-nonce-value");

		TokenParams all = TokenParams.builder().ttl(7_200_000L).capability("{\"*\":[\"*\"]}").clientId("full-client")
			.timestamp(EXPIRES).nonce("full-nonce").build();
		assertThat(all.ttl()).isEqualTo(7_200_000L);
		assertThat(all.capability()).isEqualTo("{\"*\":[\"*\"]}");
		assertThat(all.clientId()).isEqualTo("full-client");
		assertThat(all.timestamp()).isEqualTo(EXPIRES);
		assertThat(all.nonce()).isEqualTo("full-nonce");
	}

	@Test
	void TK_tokenParamsAsQueryParams() {
		TokenParams params = TokenParams.builder().ttl(3_600_000L).clientId("query-client")
			.capability("{\"ch\":[\"pub\"]}").build();

		assertThat(AuthUrl.query(params)).containsEntry("ttl", "3600000").containsEntry("clientId", "query-client")
			.containsEntry("capability", "{\"ch\":[\"pub\"]}");
	}

	@Test
	void TE1_TE6_tokenRequestAttributes() {
		assertThat(request(null, null, null, "nonce-1", null).keyName()).isEqualTo("appId.keyId");
		assertThat(request(3_600_000L, null, null, "nonce-2", null).ttl()).isEqualTo(3_600_000L);
		assertThat(request(null, null, null, "nonce-2b", null).ttl()).isNull();
		assertThat(request(null, "{\"*\":[\"*\"]}", null, "nonce-3", null).capability()).isEqualTo("{\"*\":[\"*\"]}");
		assertThat(request(null, null, null, "nonce-3b", null).capability()).isNull();
		assertThat(request(null, null, "request-client", "nonce-4", null).clientId()).isEqualTo("request-client");
		assertThat(request(null, null, null, "nonce-5", null).timestamp()).isEqualTo(EXPIRES);
		assertThat(request(null, null, null, "unique-nonce", null).nonce()).isEqualTo("unique-nonce");
	}

	@Test
	void TE_tokenRequestMac() {
		assertThat(request(null, null, null, "nonce-value", "signature-base64").mac()).isEqualTo("signature-base64");
	}

	@Test
	void TE_tokenRequestToJson() {
		JsonNode json = Json.MAPPER.readTree(
				request(3_600_000L, "{\"*\":[\"*\"]}", "json-client", "json-nonce", "json-mac").toJson());

		assertThat(json.get("keyName").asString()).isEqualTo("appId.keyId");
		assertThat(json.get("ttl").asLong()).isEqualTo(3_600_000L);
		assertThat(json.get("capability").asString()).isEqualTo("{\"*\":[\"*\"]}");
		assertThat(json.get("clientId").asString()).isEqualTo("json-client");
		assertThat(json.get("timestamp").asLong()).isEqualTo(EXPIRES);
		assertThat(json.get("nonce").asString()).isEqualTo("json-nonce");
		assertThat(json.get("mac").asString()).isEqualTo("json-mac");
	}

	@Test
	void TE_tokenRequestFromJson() {
		TokenRequest request = TokenRequest.fromJson("{\"keyName\":\"appId.keyId\",\"ttl\":7200000,"
				+ "\"capability\":\"{\\\"ch\\\":[\\\"sub\\\"]}\",\"clientId\":\"from-json-client\","
				+ "\"timestamp\":1234567899999,\"nonce\":\"from-json-nonce\",\"mac\":\"from-json-mac\"}");

		assertThat(request.keyName()).isEqualTo("appId.keyId");
		assertThat(request.ttl()).isEqualTo(7_200_000L);
		assertThat(request.capability()).isEqualTo("{\"ch\":[\"sub\"]}");
		assertThat(request.clientId()).isEqualTo("from-json-client");
		assertThat(request.timestamp()).isEqualTo(1_234_567_899_999L);
		assertThat(request.nonce()).isEqualTo("from-json-nonce");
		assertThat(request.mac()).isEqualTo("from-json-mac");
	}
}
