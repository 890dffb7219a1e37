package io.github.ablyspring.protocol.types;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.protocol.payload.PayloadDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code uts/rest/unit/types/presence_message_types.md} (TP2-TP4), line by line. Adapted: the action travels as its
 * numeric code (as Ably's wire has it), not the UTS's {@code "enter"}. Not translated: the TP3a/TP3d/TP3g defaults
 * from the enclosing ProtocolMessage (the realtime client fills them, see the realtime presence tests) and TP5 size
 * (this client publishes no presence over REST).
 */
class PresenceMessageTypesTest {

	private static final WireCodec JSON = WireCodec.of(WireFormat.JSON);

	private static JsonNode json(String text) {
		return Json.MAPPER.readTree(text);
	}

	private static PresenceMessage fromEncoded(String text) {
		PresenceMessage wire = JSON.decode(text.getBytes(StandardCharsets.UTF_8), WireTypes.PRESENCE_MESSAGE);
		return PayloadDecoder.plain().decode(wire).value();
	}

	private static JsonNode toJson(PresenceMessage message) {
		return Json.MAPPER.readTree(JSON.encode(message, WireTypes.PRESENCE_MESSAGE));
	}

	@Test
	void TP2_presenceActionCodes() {
		assertThat(PresenceAction.ABSENT.code()).isZero();
		assertThat(PresenceAction.PRESENT.code()).isEqualTo(1);
		assertThat(PresenceAction.ENTER.code()).isEqualTo(2);
		assertThat(PresenceAction.LEAVE.code()).isEqualTo(3);
		assertThat(PresenceAction.UPDATE.code()).isEqualTo(4);
	}

	@Test
	void TP3a_TP3i_attributes() {
		assertThat(PresenceMessage.builder().id("presence-123").build().id()).isEqualTo("presence-123");
		assertThat(PresenceMessage.builder().action(PresenceAction.ENTER).build().action())
			.isEqualTo(PresenceAction.ENTER);
		assertThat(PresenceMessage.builder().clientId("user-1").build().clientId()).isEqualTo("user-1");
		assertThat(PresenceMessage.builder().connectionId("conn-1").build().connectionId()).isEqualTo("conn-1");
		assertThat(PresenceMessage.builder().data("hello").build().data()).isEqualTo("hello");
		assertThat(PresenceMessage.builder().data(json("{\"status\":\"online\"}")).build().data())
			.isEqualTo(json("{\"status\":\"online\"}"));
		assertThat(PresenceMessage.builder().encoding("json").build().encoding()).isEqualTo("json");
		assertThat(PresenceMessage.builder().timestamp(1_234_567_890_000L).build().timestamp())
			.isEqualTo(1_234_567_890_000L);
		assertThat(PresenceMessage.builder().extras(json("{\"headers\":{\"x-custom\":\"value\"}}")).build().extras()
			.at("/headers/x-custom").asString()).isEqualTo("value");
	}

	@Test
	void TP3h_memberKey() {
		PresenceMessage msg = PresenceMessage.builder().connectionId("conn-1").clientId("user-1").build();
		PresenceMessage msg2 = PresenceMessage.builder().connectionId("conn-2").clientId("user-1").build();

		assertThat(msg.memberKey()).isEqualTo("conn-1:user-1");
		assertThat(msg2.memberKey()).isEqualTo("conn-2:user-1");
		assertThat(msg.memberKey()).isNotEqualTo(msg2.memberKey());
	}

	@Test
	void TP3_fromJson() {
		PresenceMessage msg = fromEncoded("{\"id\":\"pm-123\",\"action\":2,\"clientId\":\"user-1\","
				+ "\"connectionId\":\"conn-1\",\"data\":\"hello\",\"encoding\":null,\"timestamp\":1234567890000,"
				+ "\"extras\":{\"headers\":{\"x-key\":\"x-value\"}}}");

		assertThat(msg.id()).isEqualTo("pm-123");
		assertThat(msg.action()).isEqualTo(PresenceAction.ENTER);
		assertThat(msg.clientId()).isEqualTo("user-1");
		assertThat(msg.connectionId()).isEqualTo("conn-1");
		assertThat(msg.data()).isEqualTo("hello");
		assertThat(msg.timestamp()).isEqualTo(1_234_567_890_000L);
		assertThat(msg.extras().at("/headers/x-key").asString()).isEqualTo("x-value");
	}

	@Test
	void TP3_encodedDataFromJson() {
		PresenceMessage plain = fromEncoded("{\"action\":2,\"clientId\":\"user-1\",\"data\":\"plain text\"}");
		PresenceMessage json = fromEncoded("{\"action\":2,\"clientId\":\"user-1\","
				+ "\"data\":\"{\\\"status\\\":\\\"online\\\"}\",\"encoding\":\"json\"}");
		PresenceMessage base64 = fromEncoded("{\"action\":2,\"clientId\":\"user-1\",\"data\":\"SGVsbG8=\","
				+ "\"encoding\":\"base64\"}");

		assertThat(plain.data()).isEqualTo("plain text");
		assertThat(json.data()).isEqualTo(json("{\"status\":\"online\"}"));
		assertThat((byte[]) base64.data()).isEqualTo("Hello".getBytes(StandardCharsets.UTF_8));
		assertThat(List.of(plain, json, base64)).allSatisfy(m -> assertThat(m.encoding()).isNull());
	}

	@Test
	void TP3_toJson() {
		JsonNode out = toJson(PresenceMessage.builder().action(PresenceAction.ENTER).clientId("user-1").data("hello")
			.extras(json("{\"headers\":{\"x-key\":\"x-value\"}}")).build());

		assertThat(out.get("action").asInt()).isEqualTo(PresenceAction.ENTER.code());
		assertThat(out.get("clientId").asString()).isEqualTo("user-1");
		assertThat(out.get("data").asString()).isEqualTo("hello");
		assertThat(out.at("/extras/headers/x-key").asString()).isEqualTo("x-value");
	}

	@Test
	void TP3_nullAttributesAreOmitted() {
		JsonNode out = toJson(PresenceMessage.builder().action(PresenceAction.ENTER).clientId("user-1").build());

		assertThat(out.get("action").asInt()).isEqualTo(PresenceAction.ENTER.code());
		assertThat(out.get("clientId").asString()).isEqualTo("user-1");
		assertThat(out.has("data")).isFalse();
		assertThat(out.has("encoding")).isFalse();
		assertThat(out.has("extras")).isFalse();
		assertThat(out.has("id")).isFalse();
	}

	@Test
	void TP4_fromEncodedAndFromEncodedArray() {
		PresenceMessage msg = fromEncoded("{\"action\":2,\"clientId\":\"user-1\","
				+ "\"data\":\"{\\\"status\\\":\\\"online\\\"}\",\"encoding\":\"json\"}");
		assertThat(msg.action()).isEqualTo(PresenceAction.ENTER);
		assertThat(msg.clientId()).isEqualTo("user-1");
		assertThat(msg.data()).isEqualTo(json("{\"status\":\"online\"}"));
		assertThat(msg.encoding()).isNull();

		List<PresenceMessage> messages = JSON.decode(("[{\"action\":2,\"clientId\":\"alice\",\"data\":\"hello\"},"
				+ "{\"action\":2,\"clientId\":\"bob\",\"data\":\"world\"}]").getBytes(StandardCharsets.UTF_8),
				WireTypes.PRESENCE_MESSAGES).stream().map(m -> PayloadDecoder.plain().decode(m).value()).toList();
		assertThat(messages).extracting(PresenceMessage::clientId).containsExactly("alice", "bob");
		assertThat(messages).extracting(PresenceMessage::data).containsExactly("hello", "world");
	}
}
