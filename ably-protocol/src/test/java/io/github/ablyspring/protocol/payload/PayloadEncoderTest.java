package io.github.ablyspring.protocol.payload;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.crypto.ChannelCipher;
import io.github.ablyspring.protocol.crypto.Crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadEncoderTest {

	private static final ChannelCipher CIPHER_128 = ChannelCipher.of(Crypto.getDefaultParams(new byte[16]));

	private static final ChannelCipher CIPHER_256 = ChannelCipher.of(Crypto.getDefaultParams(new byte[32]));

	@Test
	void RSL4_textAndBinaryStayAsTheyAreWithoutCipher() {
		byte[] bytes = { 1, 2, 3 };

		assertThat(PayloadEncoder.plain().encode(new Payload("text", null))).isEqualTo(new Payload("text", null));
		Payload binary = PayloadEncoder.plain().encode(new Payload(bytes, null));
		assertThat(binary.data()).isSameAs(bytes);
		assertThat(binary.encoding()).isNull();
		assertThat(PayloadEncoder.plain().encode(new Payload(null, null))).isEqualTo(new Payload(null, null));
	}

	@Test
	void RSL4d3_jsonObjectsAndArraysBecomeJsonText() {
		ObjectNode object = Json.NODES.objectNode().put("a", 1);
		JsonNode array = Json.NODES.arrayNode().add("x").add(2);

		assertThat(PayloadEncoder.plain().encode(new Payload(object, null)))
			.isEqualTo(new Payload("{\"a\":1}", "json"));
		assertThat(PayloadEncoder.plain().encode(new Payload(array, null))).isEqualTo(new Payload("[\"x\",2]", "json"));
	}

	@Test
	void RSL4a_mapsAndListsAreAcceptedAsJson() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("b", List.of(1, "two"));
		map.put("a", null);

		assertThat(PayloadEncoder.plain().encode(new Payload(map, null)))
			.isEqualTo(new Payload("{\"b\":[1,\"two\"],\"a\":null}", "json"));
		assertThat(PayloadEncoder.plain().encode(new Payload(List.of(true), null)))
			.isEqualTo(new Payload("[true]", "json"));
	}

	@Test
	void RSL4a_otherTypesAreRejectedWith40013() {
		for (Object data : new Object[] { 42, 1.5, true, new Object(), 'c', Json.NODES.numberNode(1),
				Json.NODES.stringNode("text"), Json.NODES.nullNode() }) {
			assertThatThrownBy(() -> PayloadEncoder.plain().encode(new Payload(data, null)))
				.as(data.getClass().getName())
				.isInstanceOfSatisfying(AblyException.class, ex -> {
					assertThat(ex.code()).isEqualTo(ErrorCodes.INVALID_DATA_OR_ENCODING);
					assertThat(ex.statusCode()).isEqualTo(400);
				});
		}
		assertThatThrownBy(() -> PayloadEncoder.of(CIPHER_128).encode(Message.of("n", 42)))
			.isInstanceOfSatisfying(AblyException.class, ex -> assertThat(ex.code()).isEqualTo(40013));
	}

	@Test
	void RSL5_textIsUtf8EncodedThenEncrypted() {
		Payload sent = PayloadEncoder.of(CIPHER_128).encode(new Payload("héllo", null));

		assertThat(sent.encoding()).isEqualTo("utf-8/cipher+aes-128-cbc");
		assertThat(CIPHER_128.decrypt((byte[]) sent.data())).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void RSL5_binaryIsEncryptedDirectly() {
		Payload sent = PayloadEncoder.of(CIPHER_256).encode(new Payload(new byte[] { 9, 8 }, null));

		assertThat(sent.encoding()).isEqualTo("cipher+aes-256-cbc");
		assertThat(CIPHER_256.decrypt((byte[]) sent.data())).containsExactly(9, 8);
	}

	@Test
	void RSL5_jsonIsStringifiedThenUtf8EncodedThenEncrypted() {
		Payload sent = PayloadEncoder.of(CIPHER_256).encode(new Payload(Json.NODES.arrayNode().add(1), null));

		assertThat(sent.encoding()).isEqualTo("json/utf-8/cipher+aes-256-cbc");
		assertThat(new String(CIPHER_256.decrypt((byte[]) sent.data()), StandardCharsets.UTF_8)).isEqualTo("[1]");
	}

	@Test
	void RSL4b_existingEncodingIsKeptOnTheLeft() {
		assertThat(PayloadEncoder.of(CIPHER_128).encode(new Payload(new byte[] { 1 }, "custom")).encoding())
			.isEqualTo("custom/cipher+aes-128-cbc");
		assertThat(PayloadEncoder.plain().encode(new Payload(Json.NODES.objectNode(), "custom")).encoding())
			.isEqualTo("custom/json");
	}

	@Test
	void TM_TP_TAN_allPayloadCarryingTypesAreEncodedAlike() {
		PayloadEncoder encoder = PayloadEncoder.of(CIPHER_128);
		Message message = Message.builder().id("m1").name("n").data("hi").build();
		PresenceMessage presence = PresenceMessage.of(PresenceAction.ENTER, "client", "hi");
		Annotation annotation = new Annotation("a1", AnnotationAction.ANNOTATION_CREATE, "client", "name", null, "hi",
				null, null, null, "serial", "reaction", null);

		Message sentMessage = encoder.encode(message);
		PresenceMessage sentPresence = encoder.encode(presence);
		Annotation sentAnnotation = encoder.encode(annotation);

		assertThat(sentMessage.encoding()).isEqualTo("utf-8/cipher+aes-128-cbc");
		assertThat(sentMessage.id()).isEqualTo("m1");
		assertThat(sentMessage.name()).isEqualTo("n");
		assertThat(sentPresence.encoding()).isEqualTo("utf-8/cipher+aes-128-cbc");
		assertThat(sentPresence.action()).isEqualTo(PresenceAction.ENTER);
		assertThat(sentAnnotation.encoding()).isEqualTo("utf-8/cipher+aes-128-cbc");
		assertThat(sentAnnotation.type()).isEqualTo("reaction");
	}
}
