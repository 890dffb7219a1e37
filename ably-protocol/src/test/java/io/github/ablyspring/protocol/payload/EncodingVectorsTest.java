package io.github.ablyspring.protocol.payload;

import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.Vectors;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import static org.assertj.core.api.Assertions.assertThat;

/** RSL6a1: Ably's shared encoding fixtures, as received over the JSON transport, and the way back (RSL4). */
class EncodingVectorsTest {

	private static final WireCodec JSON = WireCodec.of(WireFormat.JSON);

	@Test
	void RSL6a1_messagesEncodingVectors_decodeToExpectedTypeAndValue() {
		int count = 0;
		for (JsonNode item : Vectors.json("messages-encoding.json").get("messages")) {
			Message direct = Message.builder().data(item.get("data").asString()).encoding(encoding(item)).build();
			Message received = JSON.decode(Json.MAPPER.writeValueAsBytes(wireShape(item)), WireTypes.MESSAGE);

			for (Message message : new Message[] { direct, received }) {
				DecodeResult<Message> result = PayloadDecoder.plain().decode(message);

				assertThat(result.error()).isNull();
				assertThat(result.value().encoding()).isNull();
				assertExpected(item, result.value().data());
			}
			Message sent = PayloadEncoder.plain().encode(Message.of(null, expected(item)));
			assertEncodesBack(item, sent.data(), sent.encoding());
			count++;
		}
		assertThat(count).isEqualTo(5);
		System.out.println("messages-encoding: " + count + " items decoded to their expected type and value");
	}

	@Test
	void RSL6a1_presenceMessagesEncodingVectors_decodeToExpectedTypeAndValue() {
		int count = 0;
		for (JsonNode item : Vectors.json("presence-messages-encoding.json").get("messages")) {
			PresenceAction action = PresenceAction.fromCode(item.get("action").asInt());
			PresenceMessage direct = PresenceMessage.builder()
				.action(action)
				.data(item.get("data").asString())
				.encoding(encoding(item))
				.build();
			ObjectNode shape = wireShape(item).put("action", action.code());
			PresenceMessage received = JSON.decode(Json.MAPPER.writeValueAsBytes(shape), WireTypes.PRESENCE_MESSAGE);

			for (PresenceMessage message : new PresenceMessage[] { direct, received }) {
				DecodeResult<PresenceMessage> result = PayloadDecoder.plain().decode(message);

				assertThat(result.error()).isNull();
				assertThat(result.value().encoding()).isNull();
				assertThat(result.value().action()).isEqualTo(action);
				assertExpected(item, result.value().data());
			}
			PresenceMessage sent = PayloadEncoder.plain().encode(PresenceMessage.of(action, "client", expected(item)));
			assertEncodesBack(item, sent.data(), sent.encoding());
			count++;
		}
		assertThat(count).isEqualTo(5);
		System.out.println("presence-messages-encoding: " + count + " items decoded to their expected type and value");
	}

	private static void assertExpected(JsonNode item, Object data) {
		switch (item.get("expectedType").asString()) {
			case "string" -> assertThat(data).isEqualTo(item.get("expectedValue").asString());
			case "jsonObject" -> assertThat(data).isInstanceOf(JsonNode.class)
				.matches(d -> ((JsonNode) d).isObject())
				.isEqualTo(item.get("expectedValue"));
			case "jsonArray" -> assertThat(data).isInstanceOf(JsonNode.class)
				.matches(d -> ((JsonNode) d).isArray())
				.isEqualTo(item.get("expectedValue"));
			case "binary" -> assertThat(data).isInstanceOf(byte[].class)
				.isEqualTo(HexFormat.of().parseHex(item.get("expectedHexValue").asString()));
			default -> throw new AssertionError("unknown expectedType in " + item);
		}
	}

	/** RSL4: encoding the expected value and applying the JSON transport's base64 step gives the fixture back. */
	private static void assertEncodesBack(JsonNode item, Object data, String encoding) {
		String wireData = data instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : (String) data;
		String wireEncoding = data instanceof byte[] ? Encodings.append(encoding, Encodings.BASE64) : encoding;
		assertThat(wireEncoding).isEqualTo(encoding(item));
		if ("json".equals(wireEncoding)) {
			assertThat(Json.MAPPER.readTree(wireData)).isEqualTo(Json.MAPPER.readTree(item.get("data").asString()));
		}
		else {
			assertThat(wireData).isEqualTo(item.get("data").asString());
		}
	}

	private static Object expected(JsonNode item) {
		return switch (item.get("expectedType").asString()) {
			case "string" -> item.get("expectedValue").asString();
			case "binary" -> HexFormat.of().parseHex(item.get("expectedHexValue").asString());
			default -> item.get("expectedValue");
		};
	}

	private static ObjectNode wireShape(JsonNode item) {
		ObjectNode node = Json.NODES.objectNode();
		node.put("data", item.get("data").asString());
		if (encoding(item) != null) {
			node.put("encoding", encoding(item));
		}
		return node;
	}

	private static String encoding(JsonNode item) {
		JsonNode encoding = item.get("encoding");
		return encoding == null || encoding.isNull() ? null : encoding.asString();
	}
}
