package io.github.ablyspring.protocol.auth;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.protocol.codec.CodecException;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.TokenWireTypes;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenWireTypesTest {

	private static final String MAC = "paX54/wKXEWJ6vJUgJFqP94w6ckDWylXwoxSgMQoNzA=";

	private static final String TOKEN = "xVLyHw.Dq8bX2CrPkSbCJqG0wYpyfwQ-7vMkzn1OvAX4nfHxEGeC2rTdt0";

	private static final TokenParams FULL_PARAMS = new TokenParams(3_600_000L, "{\"*\":[\"*\"]}", "alice",
			1_700_000_000_000L, "0123456789abcdef");

	private static final TokenRequest FULL_REQUEST = new TokenRequest("xVLyHw.LMJZxw", 3_600_000L,
			"{\"*\":[\"*\"]}", "alice", 1_700_000_000_000L, "0123456789abcdef", MAC);

	private static final TokenDetails FULL_DETAILS = new TokenDetails(TOKEN, 1_700_003_600_000L, 1_700_000_000_000L,
			"{\"*\":[\"*\"]}", "alice");

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void TK2_tokenParamsRoundTrip(WireFormat format) {
		assertRoundTrip(format, FULL_PARAMS, TokenWireTypes.TOKEN_PARAMS);
		assertRoundTrip(format, TokenParams.EMPTY, TokenWireTypes.TOKEN_PARAMS);
		assertRoundTrip(format, TokenParams.builder().clientId("*").build(), TokenWireTypes.TOKEN_PARAMS);
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void TE1_tokenRequestRoundTrip(WireFormat format) {
		assertRoundTrip(format, FULL_REQUEST, TokenWireTypes.TOKEN_REQUEST);
		assertRoundTrip(format, new TokenRequest("a.b", null, null, null, 1L, "n", "m"), TokenWireTypes.TOKEN_REQUEST);
		assertRoundTrip(format, new TokenRequest("a.b", null, null, null, null, null, null),
				TokenWireTypes.TOKEN_REQUEST);
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void TD1_tokenDetailsRoundTrip(WireFormat format) {
		assertRoundTrip(format, FULL_DETAILS, TokenWireTypes.TOKEN_DETAILS);
		assertRoundTrip(format, TokenDetails.ofToken(TOKEN), TokenWireTypes.TOKEN_DETAILS);
	}

	@Test
	void TE1_writesOnlyPresentFieldsUnderAblyNames() {
		assertThat(FULL_REQUEST.toJson()).isEqualTo("{\"keyName\":\"xVLyHw.LMJZxw\",\"ttl\":3600000,"
				+ "\"capability\":\"{\\\"*\\\":[\\\"*\\\"]}\",\"clientId\":\"alice\",\"timestamp\":1700000000000,"
				+ "\"nonce\":\"0123456789abcdef\",\"mac\":\"" + MAC + "\"}");
		assertThat(new TokenRequest("a.b", null, null, null, 5L, null, null).toJson())
			.isEqualTo("{\"keyName\":\"a.b\",\"timestamp\":5}");
		assertThat(TokenDetails.ofToken("tok").toJson()).isEqualTo("{\"token\":\"tok\"}");
		assertThat(json(TokenParams.EMPTY, TokenWireTypes.TOKEN_PARAMS)).isEqualTo("{}");
	}

	@Test
	void TE6_fromJsonStringAndObject() {
		String text = "{\"keyName\":\"xVLyHw.LMJZxw\",\"ttl\":\"3600000\",\"capability\":\"{\\\"*\\\":[\\\"*\\\"]}\","
				+ "\"clientId\":\"alice\",\"timestamp\":\"1700000000000\",\"nonce\":\"0123456789abcdef\",\"mac\":\""
				+ MAC + "\",\"unknown\":{\"nested\":[1,2]},\"other\":null}";
		JsonNode node = Json.MAPPER.readTree(text);

		assertThat(TokenRequest.fromJson(text)).isEqualTo(FULL_REQUEST);
		assertThat(TokenRequest.fromJson(node)).isEqualTo(FULL_REQUEST);
	}

	@Test
	void TD7_fromJsonStringAndObject() {
		String text = "{\"token\":\"" + TOKEN + "\",\"keyName\":\"xVLyHw.LMJZxw\",\"issued\":1700000000000,"
				+ "\"expires\":\"1700003600000\",\"capability\":\"{\\\"*\\\":[\\\"*\\\"]}\",\"clientId\":\"alice\"}";

		assertThat(TokenDetails.fromJson(text)).isEqualTo(FULL_DETAILS);
		assertThat(TokenDetails.fromJson(Json.MAPPER.readTree(text))).isEqualTo(FULL_DETAILS);
	}

	@Test
	void TK2b_capabilityGivenAsObjectIsKeptAsItsJsonText() {
		TokenParams params = WireCodec.of(WireFormat.JSON)
			.decode("{\"capability\":{\"*\":[\"subscribe\"]},\"ttl\":60000.0}".getBytes(StandardCharsets.UTF_8),
					TokenWireTypes.TOKEN_PARAMS);

		assertThat(params.capability()).isEqualTo("{\"*\":[\"subscribe\"]}");
		assertThat(params.ttl()).isEqualTo(60_000L);
	}

	@Test
	void malformedTokenJsonFailsWithCodecException() {
		assertThatThrownBy(() -> TokenDetails.fromJson("{\"expires\":1}")).isInstanceOf(CodecException.class)
			.hasMessageContaining("without a token");
		assertThatThrownBy(() -> TokenRequest.fromJson("{\"mac\":\"x\"}")).isInstanceOf(CodecException.class)
			.hasMessageContaining("without a keyName");
		assertThatThrownBy(() -> TokenRequest.fromJson("{\"keyName\":\"a.b\",\"ttl\":\"soon\"}"))
			.isInstanceOf(CodecException.class)
			.hasMessageContaining("'ttl' is not an integer");
		assertThatThrownBy(() -> TokenRequest.fromJson("{\"keyName\":\"a.b\",\"capability\":[\"*\"]}"))
			.isInstanceOf(CodecException.class);
		assertThatThrownBy(() -> TokenDetails.fromJson("[]")).isInstanceOf(CodecException.class);
		assertThatThrownBy(() -> TokenDetails.fromJson("{\"token\":")).isInstanceOf(CodecException.class);
	}

	@Test
	void TD2_ofTokenAcceptsJwtAndPlainTokens() {
		String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

		assertThat(TokenDetails.ofToken(jwt)).isEqualTo(new TokenDetails(jwt, null, null, null, null));
		assertThat(TokenDetails.ofToken(TOKEN).token()).isEqualTo(TOKEN);
		assertThatThrownBy(() -> TokenDetails.ofToken(" ")).isInstanceOf(RuntimeException.class);
	}

	@Test
	void toStringNeverRevealsTokenOrMac() {
		assertThat(FULL_DETAILS.toString()).doesNotContain(TOKEN).contains("<redacted>").contains("alice");
		assertThat(FULL_REQUEST.toString()).doesNotContain(MAC).contains("<redacted>").contains("xVLyHw.LMJZxw");
		assertThat(new TokenRequest("a.b", null, null, null, null, null, null).toString()).contains("mac=null");
	}

	private static <T> void assertRoundTrip(WireFormat format, T value, WireType<T> type) {
		WireCodec codec = WireCodec.of(format);
		assertThat(codec.decode(codec.encode(value, type), type)).isEqualTo(value);
	}

	private static <T> String json(T value, WireType<T> type) {
		return new String(WireCodec.of(WireFormat.JSON).encode(value, type), StandardCharsets.UTF_8);
	}
}
