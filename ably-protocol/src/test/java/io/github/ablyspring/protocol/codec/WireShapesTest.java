package io.github.ablyspring.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.MessageAnnotations;
import io.github.ablyspring.protocol.MessageVersion;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolFlag;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.PublishResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** The exact wire shapes: what is written, what is omitted, and what a reader tolerates. */
class WireShapesTest {

	private static final WireCodec JSON = WireCodec.of(WireFormat.JSON);

	private static final WireCodec MSGPACK = WireCodec.of(WireFormat.MSGPACK);

	private static JsonNode tree(byte[] json) {
		return Json.MAPPER.readTree(json);
	}

	private static byte[] json(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void TR4j_msgSerialZeroIsWrittenAndNullFieldsOmitted() {
		ProtocolMessage pm = ProtocolMessage.builder(ProtocolAction.MESSAGE).channel("ch").msgSerial(0L)
			.messages(List.of(Message.of("n", "d")))
			.build();
		JsonNode node = tree(JSON.encode(pm, WireTypes.PROTOCOL_MESSAGE));
		assertThat(node.get("msgSerial").asLong()).isZero();
		assertThat(node.get("action").asInt()).isEqualTo(15);
		assertThat(node.propertyNames()).containsExactlyInAnyOrder("action", "channel", "msgSerial", "messages");
		assertThat(node.get("messages").get(0).propertyNames()).containsExactlyInAnyOrder("name", "data");
		assertThat(MSGPACK.decode(MSGPACK.encode(pm, WireTypes.PROTOCOL_MESSAGE), WireTypes.PROTOCOL_MESSAGE))
			.isEqualTo(pm);
	}

	@ParameterizedTest
	@EnumSource(value = ProtocolAction.class, names = "UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
	void TR2_everyActionKeepsItsCode(ProtocolAction action) {
		ProtocolMessage pm = ProtocolMessage.of(action);
		assertThat(tree(JSON.encode(pm, WireTypes.PROTOCOL_MESSAGE)).get("action").asInt()).isEqualTo(action.ordinal());
		assertThat(MSGPACK.decode(MSGPACK.encode(pm, WireTypes.PROTOCOL_MESSAGE), WireTypes.PROTOCOL_MESSAGE).action())
			.isEqualTo(action);
	}

	@Test
	void RSF1_unknownFieldsAndActionsAreTolerated() {
		ProtocolMessage pm = JSON.decode(json("""
				{"action":99,"channel":"c","futureField":{"deep":[1,2,{"x":null}]},"flags":4,
				 "messages":[{"name":"n","action":42,"newThing":true,"data":"x"}],"nothing":null}"""),
				WireTypes.PROTOCOL_MESSAGE);
		assertThat(pm.action()).isEqualTo(ProtocolAction.UNKNOWN);
		assertThat(pm.channel()).isEqualTo("c");
		assertThat(pm.hasFlag(ProtocolFlag.RESUMED)).isTrue();
		assertThat(pm.messages()).singleElement().satisfies(m -> {
			assertThat(m.action()).isEqualTo(MessageAction.UNKNOWN);
			assertThat(m.data()).isEqualTo("x");
		});
	}

	@Test
	void RSL4d1_binaryOnJsonIsBase64WithEncodingAppended() {
		byte[] bytes = { 0, 1, 2, (byte) 0xFF };
		Message m = Message.builder().name("b").data(bytes).encoding("cipher+aes-128-cbc").build();
		JsonNode node = tree(JSON.encode(m, WireTypes.MESSAGE));
		assertThat(node.get("data").asString()).isEqualTo(Base64.getEncoder().encodeToString(bytes));
		assertThat(node.get("encoding").asString()).isEqualTo("cipher+aes-128-cbc/base64");
		// RSL4c1: on msgpack the same payload is bin, the encoding unchanged.
		Message back = MSGPACK.decode(MSGPACK.encode(m, WireTypes.MESSAGE), WireTypes.MESSAGE);
		assertThat(back).isEqualTo(m);
		assertThat(back.data()).isInstanceOf(byte[].class);
	}

	@Test
	void RSL4c3_jsonPayloadIsStringifiedWithJsonEncoding() {
		JsonNode payload = Json.MAPPER.readTree("{\"a\":[1,2]}");
		for (WireCodec codec : List.of(JSON, MSGPACK)) {
			Message back = codec.decode(codec.encode(Message.of("j", payload), WireTypes.MESSAGE), WireTypes.MESSAGE);
			assertThat(back.data()).isEqualTo("{\"a\":[1,2]}");
			assertThat(back.encoding()).isEqualTo("json");
		}
	}

	@Test
	void TM2s_versionObjectFromV4AndLegacyShapeUpToV3() {
		Message m = Message.builder().id("id1").serial("s1").timestamp(100L).action(MessageAction.MESSAGE_UPDATE)
			.version(new MessageVersion("v2", 200L, "editor", "typo", Map.of("k", "v")))
			.annotations(new MessageAnnotations(Map.of("reaction:distinct.v1", Json.MAPPER.readTree("{\"x\":1}"))))
			.build();

		JsonNode v6 = tree(JSON.encode(m, WireTypes.MESSAGE));
		assertThat(v6.get("version").get("serial").asString()).isEqualTo("v2");
		assertThat(v6.get("annotations").get("summary").has("reaction:distinct.v1")).isTrue();
		assertThat(v6.get("timestamp").asLong()).isEqualTo(100L);

		WireCodec v3 = WireCodec.of(WireFormat.JSON, 3);
		JsonNode legacy = tree(v3.encode(m, WireTypes.MESSAGE));
		assertThat(legacy.get("version").asString()).isEqualTo("v2");
		assertThat(legacy.get("operation").get("clientId").asString()).isEqualTo("editor");
		assertThat(legacy.get("timestamp").asLong()).isEqualTo(200L);
		assertThat(legacy.get("createdAt").asLong()).isEqualTo(100L);
		assertThat(legacy.get("summary").has("reaction:distinct.v1")).isTrue();

		for (WireCodec codec : List.of(v3, WireCodec.of(WireFormat.MSGPACK, 2), JSON, MSGPACK)) {
			assertThat(codec.decode(codec.encode(m, WireTypes.MESSAGE), WireTypes.MESSAGE)).as(codec.toString())
				.isEqualTo(m);
		}
	}

	@Test
	void PBR2a_ackResultsKeepNullSerials() {
		ProtocolMessage ack = ProtocolMessage.builder(ProtocolAction.ACK).msgSerial(3L).count(2)
			.res(List.of(new PublishResult(java.util.Arrays.asList("a", null)), new PublishResult(List.of("b"))))
			.build();
		for (WireCodec codec : List.of(JSON, MSGPACK)) {
			ProtocolMessage back = codec.decode(codec.encode(ack, WireTypes.PROTOCOL_MESSAGE), WireTypes.PROTOCOL_MESSAGE);
			assertThat(back).isEqualTo(ack);
			assertThat(back.res().get(0).serials()).containsExactly("a", null);
		}
	}

	@Test
	void TI1_restErrorBodyAndHeaderlessErrors() {
		ErrorInfo error = ErrorInfo.of(40160, 401, "denied").withHref("https://help.ably.io/error/40160");
		ErrorInfo back = JSON.decode(JSON.encode(error, WireTypes.ERROR_RESPONSE), WireTypes.ERROR_RESPONSE);
		assertThat(back).isEqualTo(error);
		assertThat(JSON.decode(json("{\"error\":{\"code\":40000,\"statusCode\":400,\"message\":\"bad\",\"x\":1}}"),
				WireTypes.ERROR_RESPONSE).code()).isEqualTo(40000);
	}

	@Test
	void time_isAnArrayOfOneNumber() {
		assertThat(JSON.decode(json("[1700000000000]"), WireTypes.TIME)).isEqualTo(1700000000000L);
		assertThat(MSGPACK.decode(MSGPACK.encode(42L, WireTypes.TIME), WireTypes.TIME)).isEqualTo(42L);
	}

	@Test
	void malformedInputIsACodecExceptionWithAnAblyCode() {
		assertThatThrownBy(() -> JSON.decode(json("{\"action\":"), WireTypes.PROTOCOL_MESSAGE))
			.isInstanceOf(CodecException.class)
			.satisfies(ex -> assertThat(((CodecException) ex).code()).isEqualTo(40001));
		assertThatThrownBy(() -> JSON.decode(json("{\"action\":1} trailing"), WireTypes.PROTOCOL_MESSAGE))
			.isInstanceOf(CodecException.class);
		// str32 claiming 2 GB with 3 bytes following: rejected before any allocation.
		byte[] hostile = { (byte) 0x81, (byte) 0xa4, 'n', 'a', 'm', 'e', (byte) 0xdb, 0x7f, (byte) 0xff, (byte) 0xff,
				(byte) 0xff, 'a', 'b', 'c' };
		assertThatThrownBy(() -> MSGPACK.decode(hostile, WireTypes.MESSAGE)).isInstanceOf(CodecException.class)
			.hasMessageContaining("claims");
		assertThatThrownBy(() -> WireCodec.of(WireFormat.JSON, 7)).isInstanceOf(CodecException.class)
			.satisfies(ex -> assertThat(((CodecException) ex).code()).isEqualTo(40017));
	}

	@Test
	void integersBeyond64BitsAreRejectedOnMsgpackAndDoNotCorruptTheNextEncode() {
		Message huge = JSON.decode(json("{\"name\":\"n\",\"extras\":{\"big\":123456789012345678901234567890}}"),
				WireTypes.MESSAGE);
		assertThatThrownBy(() -> MSGPACK.encode(huge, WireTypes.MESSAGE)).isInstanceOf(CodecException.class)
			.satisfies(ex -> assertThat(((CodecException) ex).code()).isEqualTo(40013));
		// The per-thread writer is reused: a failed encode must leave nothing behind.
		Message next = Message.of("after", "failure");
		assertThat(MSGPACK.decode(MSGPACK.encode(next, WireTypes.MESSAGE), WireTypes.MESSAGE)).isEqualTo(next);
		Message unsigned = JSON.decode(json("{\"extras\":{\"u\":18446744073709551615}}"), WireTypes.MESSAGE);
		assertThat(MSGPACK.decode(MSGPACK.encode(unsigned, WireTypes.MESSAGE), WireTypes.MESSAGE)).isEqualTo(unsigned);
	}

	@Test
	void invalidUtf8InJsonIsRejected() {
		// An overlong encoding of "../" must not decode to a path.
		byte[] overlong = { '{', '"', 'c', 'h', 'a', 'n', 'n', 'e', 'l', '"', ':', '"', (byte) 0xC0, (byte) 0xAE,
				(byte) 0xC0, (byte) 0xAE, (byte) 0xC0, (byte) 0xAF, '"', '}' };
		assertThatThrownBy(() -> JSON.decode(overlong, WireTypes.PROTOCOL_MESSAGE)).isInstanceOf(CodecException.class)
			.hasMessageContaining("UTF-8");
		assertThat(JSON.decode("{\"action\":15,\"channel\":\"caf\u00e9 \ud83d\ude00\"}".getBytes(StandardCharsets.UTF_8),
				WireTypes.PROTOCOL_MESSAGE).channel()).isEqualTo("caf\u00e9 \ud83d\ude00");
	}

	@Test
	void toStringNeverShowsSecrets() {
		ProtocolMessage pm = ProtocolMessage.builder(ProtocolAction.AUTH)
			.auth(new io.github.ablyspring.protocol.AuthDetails("secret-token-value"))
			.connectionKey("secret-connection-key")
			.connectionDetails(new io.github.ablyspring.protocol.ConnectionDetails(null, "secret-connection-key", null,
					null, null, null, null, null, null, null))
			.build();
		assertThat(pm.toString()).doesNotContain("secret-token-value").doesNotContain("secret-connection-key");
	}
}
