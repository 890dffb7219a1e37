package io.github.ablyspring.protocol.types;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code uts/rest/unit/types/mutable_message_types.md} (TM5, TM2j, TM2r, TM2s, TAN2), line by line. The TM2s
 * defaults, TM2u, MOP2 ({@code MessageOperation}) and UDR2a ({@code UpdateDeleteResult}) belong to {@code ably-client}'s
 * REST channel: see its {@code rest/MutableMessageClientTypesTest}.
 */
class MutableMessageTypesTest {

	private static final WireCodec JSON = WireCodec.of(WireFormat.JSON);

	private static Message fromJson(String text) {
		return JSON.decode(text.getBytes(StandardCharsets.UTF_8), WireTypes.MESSAGE);
	}

	@Test
	void TM5_messageActionCodes() {
		assertThat(MessageAction.MESSAGE_CREATE.code()).isZero();
		assertThat(MessageAction.MESSAGE_UPDATE.code()).isEqualTo(1);
		assertThat(MessageAction.MESSAGE_DELETE.code()).isEqualTo(2);
		assertThat(MessageAction.META.code()).isEqualTo(3);
		assertThat(MessageAction.MESSAGE_SUMMARY.code()).isEqualTo(4);
		assertThat(MessageAction.MESSAGE_APPEND.code()).isEqualTo(5);
		assertThat(MessageAction.fromCode(0)).isEqualTo(MessageAction.MESSAGE_CREATE);
		assertThat(MessageAction.fromCode(5)).isEqualTo(MessageAction.MESSAGE_APPEND);
	}

	@Test
	void TM2j_TM2r_actionAndSerial() {
		Message msg = Message.builder().name("test").data("hello").serial("serial-1")
			.action(MessageAction.MESSAGE_UPDATE).build();

		JsonNode json = Json.MAPPER.readTree(JSON.encode(msg, WireTypes.MESSAGE));

		assertThat(msg.serial()).isEqualTo("serial-1");
		assertThat(msg.action()).isEqualTo(MessageAction.MESSAGE_UPDATE);
		assertThat(json.get("serial").asString()).isEqualTo("serial-1");
		assertThat(json.get("action").asInt()).isEqualTo(1);
		assertThat(json.get("name").asString()).isEqualTo("test");
		assertThat(json.get("data").asString()).isEqualTo("hello");
	}

	@Test
	void TM2s_versionFromTheWire() {
		Message msg = fromJson("{\"serial\":\"msg-serial-1\",\"name\":\"test\",\"data\":\"hello\",\"version\":{"
				+ "\"serial\":\"version-serial-1\",\"timestamp\":1700000001000,\"clientId\":\"editor-1\","
				+ "\"description\":\"fixed typo\",\"metadata\":{\"reason\":\"typo\",\"tool\":\"editor\"}}}");

		assertThat(msg.version()).isNotNull();
		assertThat(msg.version().serial()).isEqualTo("version-serial-1");
		assertThat(msg.version().timestamp()).isEqualTo(1_700_000_001_000L);
		assertThat(msg.version().clientId()).isEqualTo("editor-1");
		assertThat(msg.version().description()).isEqualTo("fixed typo");
		assertThat(msg.version().metadata()).containsEntry("reason", "typo").containsEntry("tool", "editor");
	}

	@Test
	void TAN2_annotationAttributesAndActions() {
		Annotation ann = JSON.decode(("{\"id\":\"ann-id-1\",\"action\":0,\"clientId\":\"user-1\",\"name\":\"like\","
				+ "\"count\":5,\"data\":\"thumbs-up\",\"encoding\":null,\"timestamp\":1700000000000,"
				+ "\"serial\":\"ann-serial-1\",\"messageSerial\":\"msg-serial-1\",\"type\":\"com.example.reaction\","
				+ "\"extras\":{\"custom\":\"metadata\"}}").getBytes(StandardCharsets.UTF_8), WireTypes.ANNOTATION);

		assertThat(ann.id()).isEqualTo("ann-id-1");
		assertThat(ann.action()).isEqualTo(AnnotationAction.ANNOTATION_CREATE);
		assertThat(ann.clientId()).isEqualTo("user-1");
		assertThat(ann.name()).isEqualTo("like");
		assertThat(ann.count()).isEqualTo(5);
		assertThat(ann.data()).isEqualTo("thumbs-up");
		assertThat(ann.timestamp()).isEqualTo(1_700_000_000_000L);
		assertThat(ann.serial()).isEqualTo("ann-serial-1");
		assertThat(ann.messageSerial()).isEqualTo("msg-serial-1");
		assertThat(ann.type()).isEqualTo("com.example.reaction");
		assertThat(ann.extras().get("custom").asString()).isEqualTo("metadata");
		assertThat(AnnotationAction.ANNOTATION_CREATE.code()).isZero();
		assertThat(AnnotationAction.ANNOTATION_DELETE.code()).isEqualTo(1);
		assertThat(AnnotationAction.fromCode(0)).isEqualTo(AnnotationAction.ANNOTATION_CREATE);
		assertThat(AnnotationAction.fromCode(1)).isEqualTo(AnnotationAction.ANNOTATION_DELETE);
	}
}
