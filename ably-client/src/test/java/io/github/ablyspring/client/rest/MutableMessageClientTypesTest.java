package io.github.ablyspring.client.rest;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client side of {@code uts/rest/unit/types/mutable_message_types.md}: the TM2s/TM2u completion of messages read
 * over REST, MOP2 {@code MessageOperation} (sent as the message's {@code version}, RSL15b7) and UDR2a
 * {@code UpdateDeleteResult} (read by {@code MessageVersions}, see {@code MessageVersionsRequestShapeTest}).
 */
class MutableMessageClientTypesTest {

	private static final WireCodec JSON = WireCodec.of(WireFormat.JSON);

	private static Message fromJson(String text) {
		return MessageVersions.complete(JSON.decode(text.getBytes(StandardCharsets.UTF_8), WireTypes.MESSAGE));
	}

	@Test
	void TM2s1_TM2s2_versionDefaultsWhenAbsent() {
		Message msg = fromJson("{\"serial\":\"msg-serial-1\",\"timestamp\":1700000000000,\"name\":\"test\","
				+ "\"data\":\"hello\"}");

		assertThat(msg.version()).isNotNull();
		assertThat(msg.version().serial()).isEqualTo("msg-serial-1");
		assertThat(msg.version().timestamp()).isEqualTo(1_700_000_000_000L);
		assertThat(msg.version().clientId()).isNull();
		assertThat(msg.version().description()).isNull();
		assertThat(msg.version().metadata()).isNullOrEmpty();
	}

	@Test
	void TM2u_TM8a_annotationsDefaultToEmpty() {
		Message msg = fromJson("{\"serial\":\"msg-serial-1\",\"name\":\"test\"}");

		assertThat(msg.annotations()).isNotNull();
		assertThat(msg.annotations().summary()).isEmpty();
	}

	@Test
	void MOP2a_MOP2b_MOP2c_messageOperation() {
		MessageOperation op = new MessageOperation("user-1", "edit description",
				Map.of("reason", "typo", "tool", "editor"));

		JsonNode json = Json.MAPPER.readTree(JSON.encode(Message.builder().version(op.toVersion()).build(),
				WireTypes.MESSAGE)).get("version");

		assertThat(op.clientId()).isEqualTo("user-1");
		assertThat(op.description()).isEqualTo("edit description");
		assertThat(op.metadata()).containsEntry("reason", "typo").containsEntry("tool", "editor");
		assertThat(json.get("clientId").asString()).isEqualTo("user-1");
		assertThat(json.get("description").asString()).isEqualTo("edit description");
		assertThat(json.at("/metadata/reason").asString()).isEqualTo("typo");

		MessageOperation empty = new MessageOperation(null, null, null);
		assertThat(empty.clientId()).isNull();
		assertThat(empty.description()).isNull();
		assertThat(empty.metadata()).isNull();
		JsonNode emptyJson = Json.MAPPER.readTree(JSON.encode(Message.builder().version(empty.toVersion()).build(),
				WireTypes.MESSAGE)).path("version");
		assertThat(emptyJson.has("clientId")).isFalse();
		assertThat(emptyJson.has("description")).isFalse();
		assertThat(emptyJson.has("metadata")).isFalse();
	}

	@Test
	void UDR2a_updateDeleteResult() {
		assertThat(new UpdateDeleteResult("version-serial-abc").versionSerial()).isEqualTo("version-serial-abc");
		assertThat(new UpdateDeleteResult(null).versionSerial()).isNull();
	}
}
