package io.github.ablyspring.protocol.types;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.protocol.payload.PayloadDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code uts/rest/unit/types/message_types.md} (TM2-TM4), line by line. TM3 {@code fromEncoded} is the JSON codec
 * followed by the payload decoder, as a channel applies them.
 */
class MessageTypesTest {

	private static JsonNode json(String text) {
		return Json.MAPPER.readTree(text);
	}

	private static Message fromEncoded(String json) {
		Message wire = WireCodec.of(WireFormat.JSON).decode(json.getBytes(StandardCharsets.UTF_8), WireTypes.MESSAGE);
		return PayloadDecoder.plain().decode(wire).value();
	}

	@Test
	void TM2a_TM2i_messageAttributes() {
		assertThat(Message.builder().id("unique-id").build().id()).isEqualTo("unique-id");
		assertThat(Message.builder().name("event-name").build().name()).isEqualTo("event-name");
		assertThat(Message.builder().data("string-data").build().data()).isEqualTo("string-data");
		assertThat(Message.builder().data(json("{\"key\":\"value\"}")).build().data())
			.isEqualTo(json("{\"key\":\"value\"}"));
		assertThat((byte[]) Message.builder().data(new byte[] { 1, 2 }).build().data()).containsExactly(1, 2);
		assertThat(Message.builder().clientId("message-client").build().clientId()).isEqualTo("message-client");
		assertThat(Message.builder().connectionId("conn-id").build().connectionId()).isEqualTo("conn-id");
		assertThat(Message.builder().timestamp(1_234_567_890_000L).build().timestamp()).isEqualTo(1_234_567_890_000L);
		assertThat(Message.builder().encoding("json/base64").build().encoding()).isEqualTo("json/base64");
		assertThat(Message.builder().extras(json("{\"push\":{\"notification\":{\"title\":\"Hello\"}}}")).build()
			.extras().at("/push/notification/title").asString()).isEqualTo("Hello");
		assertThat(fromEncoded("{\"serial\":\"s-1\"}").serial()).isEqualTo("s-1");
	}

	@Test
	void TM3_fromEncoded() {
		Message message = fromEncoded("{\"id\":\"msg-123\",\"name\":\"test-event\",\"data\":\"hello world\","
				+ "\"clientId\":\"sender-client\",\"connectionId\":\"conn-456\",\"timestamp\":1234567890000,"
				+ "\"encoding\":null,\"extras\":{\"headers\":{\"x-custom\":\"value\"}}}");

		assertThat(message.id()).isEqualTo("msg-123");
		assertThat(message.name()).isEqualTo("test-event");
		assertThat(message.data()).isEqualTo("hello world");
		assertThat(message.clientId()).isEqualTo("sender-client");
		assertThat(message.connectionId()).isEqualTo("conn-456");
		assertThat(message.timestamp()).isEqualTo(1_234_567_890_000L);
		assertThat(message.extras().at("/headers/x-custom").asString()).isEqualTo("value");
	}

	@Test
	void TM3_fromEncodedDecodesTheEncoding() {
		assertThat(fromEncoded("{\"id\":\"msg\",\"name\":\"event\",\"data\":\"plain text\"}").data())
			.isEqualTo("plain text");
		Message json = fromEncoded("{\"id\":\"msg\",\"name\":\"event\",\"data\":\"{\\\"key\\\":\\\"value\\\"}\","
				+ "\"encoding\":\"json\"}");
		assertThat(json.data()).isEqualTo(json("{\"key\":\"value\"}"));
		assertThat(json.encoding()).isNull();
		Message base64 = fromEncoded("{\"id\":\"msg\",\"name\":\"event\",\"data\":\"SGVsbG8=\",\"encoding\":\"base64\"}");
		assertThat((byte[]) base64.data()).isEqualTo("Hello".getBytes(StandardCharsets.UTF_8));
		assertThat(base64.encoding()).isNull();
		Message jsonBase64 = fromEncoded("{\"id\":\"msg\",\"name\":\"event\",\"data\":\"eyJrIjoidiJ9\","
				+ "\"encoding\":\"json/base64\"}");
		assertThat(jsonBase64.data()).isEqualTo(json("{\"k\":\"v\"}"));
		assertThat(jsonBase64.encoding()).isNull();
	}

	@Test
	void TM4_constructors() {
		Message message = Message.of("event-name", "payload");
		assertThat(message.name()).isEqualTo("event-name");
		assertThat(message.data()).isEqualTo("payload");
		assertThat(message.clientId()).isNull();

		Message withClient = Message.builder().name("event-name").data("payload").clientId("client-1").build();
		assertThat(withClient.clientId()).isEqualTo("client-1");

		Message empty = Message.of(null, null);
		assertThat(empty.name()).isNull();
		assertThat(empty.data()).isNull();
	}

	@Test
	void TM_nullAttributesOfAMinimalMessage() {
		Message message = Message.builder().build();

		assertThat(message.id()).isNull();
		assertThat(message.name()).isNull();
		assertThat(message.data()).isNull();
		assertThat(message.clientId()).isNull();
		assertThat(message.timestamp()).isNull();
	}

	@Test
	void TM_messageWithExtras() {
		Message message = Message.builder().name("push-event").data("payload").extras(json("{\"push\":{"
				+ "\"notification\":{\"title\":\"New Message\",\"body\":\"You have a new notification\"},"
				+ "\"data\":{\"customKey\":\"customValue\"}}}")).build();

		assertThat(message.extras().at("/push/notification/title").asString()).isEqualTo("New Message");
		assertThat(message.extras().at("/push/data/customKey").asString()).isEqualTo("customValue");
	}
}
