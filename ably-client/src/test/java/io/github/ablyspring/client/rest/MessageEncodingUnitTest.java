package io.github.ablyspring.client.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.client.support.UtsPeer;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@code uts/rest/unit/encoding/message_encoding.md} (RSL4, RSL6), line by line, against a scripted peer. The
 * "encoding fixtures from ably-common" case is {@code ably-protocol}'s {@code payload/EncodingVectorsTest}.
 */
class MessageEncodingUnitTest {

	private static final WireCodec MSGPACK = WireCodec.of(WireFormat.MSGPACK);

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	private ScriptedPeer peer(Reply reply) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start("127.0.0.1", 0, r -> reply);
		resources.add(peer);
		return peer;
	}

	private ScriptedPeer publishPeer() throws Exception {
		return peer(Reply.json(201, "{\"serials\":[\"s1\"]}"));
	}

	private RestChannel channel(ScriptedPeer peer, boolean msgpack) {
		AblyRest rest = new AblyRest(UtsPeer.options(peer).key("appId.keyId:keySecret").useBinaryProtocol(msgpack)
			.build());
		resources.add(rest);
		return rest.channels().get("test-RSL4-" + UUID.randomUUID());
	}

	private static JsonNode sent(Received r) {
		JsonNode body = Json.MAPPER.readTree(r.body());
		return body.isArray() ? body.get(0) : body;
	}

	private static JsonNode json(String text) {
		return Json.MAPPER.readTree(text);
	}

	private Message received(String wireMessage) throws Exception {
		return channel(peer(Reply.json(200, "[" + wireMessage + "]")), false).history().items().get(0);
	}

	@Test
	void RSL4a_stringData() throws Exception {
		ScriptedPeer peer = publishPeer();

		channel(peer, false).publish("event", "plain string data");

		JsonNode body = sent(peer.received().get(0));
		assertThat(body.get("data").asString()).isEqualTo("plain string data");
		assertThat(body.has("encoding")).isFalse();
	}

	@Test
	void RSL4b_jsonObject() throws Exception {
		ScriptedPeer peer = publishPeer();
		JsonNode data = json("{\"key\":\"value\",\"nested\":{\"a\":1}}");

		channel(peer, false).publish("event", data);

		JsonNode body = sent(peer.received().get(0));
		assertThat(body.get("data").isString()).isTrue();
		assertThat(json(body.get("data").asString())).isEqualTo(data);
		assertThat(body.get("encoding").asString()).isEqualTo("json");
	}

	@Test
	void RSL4c_binaryOverJsonIsBase64() throws Exception {
		ScriptedPeer peer = publishPeer();
		byte[] data = { 0x00, 0x01, 0x02, (byte) 0xFF, (byte) 0xFE };

		channel(peer, false).publish("event", data);

		JsonNode body = sent(peer.received().get(0));
		assertThat(body.get("encoding").asString()).isEqualTo("base64");
		assertThat(Base64.getDecoder().decode(body.get("data").asString())).isEqualTo(data);
	}

	@Test
	void RSL4c_binaryOverMsgpackIsRaw() throws Exception {
		ScriptedPeer peer = publishPeer();
		byte[] data = { 0x00, 0x01, 0x02, (byte) 0xFF, (byte) 0xFE };

		channel(peer, true).publish("event", data);

		byte[] bytes = peer.received().get(0).body();
		Message sent = bytes[0] >= (byte) 0x90 && bytes[0] <= (byte) 0x9F || bytes[0] == (byte) 0xDC
				? MSGPACK.decode(bytes, WireTypes.MESSAGES).get(0) : MSGPACK.decode(bytes, WireTypes.MESSAGE);
		assertThat((byte[]) sent.data()).isEqualTo(data);
		assertThat(sent.encoding()).isNull();
	}

	@Test
	void RSL4d_arrayData() throws Exception {
		ScriptedPeer peer = publishPeer();
		JsonNode data = json("[1,2,\"three\",{\"four\":4}]");

		channel(peer, false).publish("event", data);

		JsonNode body = sent(peer.received().get(0));
		assertThat(body.get("encoding").asString()).isEqualTo("json");
		assertThat(json(body.get("data").asString())).isEqualTo(data);
	}

	@Test
	void RSL6a_base64IsDecoded() throws Exception {
		Message message = received("{\"id\":\"msg1\",\"name\":\"event\",\"data\":\"AAECAwQ=\",\"encoding\":\"base64\","
				+ "\"timestamp\":1234567890000}");

		assertThat((byte[]) message.data()).containsExactly(0, 1, 2, 3, 4);
		assertThat(message.encoding()).isNull();
	}

	@Test
	void RSL6a_jsonIsDecoded() throws Exception {
		Message message = received("{\"id\":\"msg1\",\"name\":\"event\",\"data\":\"{\\\"key\\\":\\\"value\\\","
				+ "\\\"number\\\":42}\",\"encoding\":\"json\",\"timestamp\":1234567890000}");

		assertThat(message.data()).isEqualTo(json("{\"key\":\"value\",\"number\":42}"));
		assertThat(message.encoding()).isNull();
	}

	@Test
	void RSL6a_chainedEncodings() throws Exception {
		String base64OfJson = Base64.getEncoder().encodeToString("{\"key\":\"value\"}".getBytes(StandardCharsets.UTF_8));

		Message message = received("{\"id\":\"msg1\",\"name\":\"event\",\"data\":\"" + base64OfJson
				+ "\",\"encoding\":\"json/base64\",\"timestamp\":1234567890000}");

		assertThat(message.data()).isEqualTo(json("{\"key\":\"value\"}"));
		assertThat(message.encoding()).isNull();
	}

	/** The data is the base64 of the UTS's {@code "encrypted-data-here"}, which is not base64 itself. */
	@Test
	void RSL6b_anUnrecognizedEncodingIsKept() throws Exception {
		Message message = received("{\"id\":\"msg1\",\"name\":\"event\",\"data\":\"ZW5jcnlwdGVkLWRhdGEtaGVyZQ==\","
				+ "\"encoding\":\"custom-encryption/base64\",\"timestamp\":1234567890000}");

		assertThat(message.encoding()).isEqualTo("custom-encryption");
		assertThat(message.data()).isInstanceOf(byte[].class);
	}

	@Test
	void RSL6_msgpackBinaryStaysBinary() throws Exception {
		byte[] payload = { 0x48, 0x65, 0x6C, 0x6C, 0x6F };
		byte[] body = MSGPACK.encode(List.of(Message.of("event", payload)), WireTypes.MESSAGES);

		Message message = channel(peer(new Reply(200, Map.of("Content-Type", "application/x-msgpack"), body)), true)
			.history().items().get(0);

		assertThat((byte[]) message.data()).isEqualTo(payload);
		assertThat(message.encoding()).isNull();
	}

	@Test
	void RSL6_msgpackStringStaysAString() throws Exception {
		byte[] body = MSGPACK.encode(List.of(Message.of("event", "Hello World")), WireTypes.MESSAGES);

		Message message = channel(peer(new Reply(200, Map.of("Content-Type", "application/x-msgpack"), body)), true)
			.history().items().get(0);

		assertThat(message.data()).isEqualTo("Hello World");
		assertThat(message.encoding()).isNull();
	}

	@Test
	void RSL4_nullData() throws Exception {
		ScriptedPeer peer = publishPeer();

		channel(peer, false).publish("event", null);

		JsonNode body = sent(peer.received().get(0));
		assertThat(body.path("data").isMissingNode() || body.get("data").isNull()).isTrue();
		assertThat(body.has("encoding")).isFalse();
	}

	@Test
	void RSL4a_numbersAndBooleansAreRefused() throws Exception {
		ScriptedPeer peer = publishPeer();
		RestChannel channel = channel(peer, false);

		assertThat(catchThrowable(() -> channel.publish("event", 42))).isNotNull();
		assertThat(catchThrowable(() -> channel.publish("event", true))).isNotNull();
		assertThat(peer.received()).isEmpty();
	}

	@Test
	void RSL6_utf8IsDecoded() throws Exception {
		Message message = received("{\"id\":\"msg1\",\"name\":\"event\",\"data\":\"SGVsbG8gV29ybGQ=\","
				+ "\"encoding\":\"utf-8/base64\",\"timestamp\":1234567890000}");

		assertThat(message.data()).isEqualTo("Hello World");
		assertThat(message.encoding()).isNull();
	}

	@Test
	void RSL6_complexChainedEncoding() throws Exception {
		String data = Base64.getEncoder().encodeToString("{\"status\":\"active\",\"count\":5}"
			.getBytes(StandardCharsets.UTF_8));

		Message message = received("{\"id\":\"msg1\",\"name\":\"event\",\"data\":\"" + data
				+ "\",\"encoding\":\"json/utf-8/base64\",\"timestamp\":1234567890000}");

		assertThat(message.data()).isEqualTo(json("{\"status\":\"active\",\"count\":5}"));
		assertThat(message.encoding()).isNull();
	}

	@Test
	void RSL4_contentTypeOfEachProtocol() throws Exception {
		ScriptedPeer peer = publishPeer();

		channel(peer, false).publish("event", "test");
		channel(peer, true).publish("event", "test");

		assertThat(peer.received().get(0).header("Content-Type")).isEqualTo("application/json");
		assertThat(peer.received().get(0).header("Accept")).isEqualTo("application/json");
		assertThat(peer.received().get(1).header("Content-Type")).isEqualTo("application/x-msgpack");
		assertThat(peer.received().get(1).header("Accept")).isEqualTo("application/x-msgpack");
	}

	@Test
	void RSL4_emptyStringArrayAndObject() throws Exception {
		ScriptedPeer peer = publishPeer();
		RestChannel channel = channel(peer, false);

		channel.publish("event", "");
		channel.publish("event", json("[]"));
		channel.publish("event", json("{}"));

		JsonNode string = sent(peer.received().get(0));
		assertThat(string.get("data").asString()).isEmpty();
		assertThat(string.has("encoding")).isFalse();
		JsonNode array = sent(peer.received().get(1));
		assertThat(array.get("encoding").asString()).isEqualTo("json");
		assertThat(json(array.get("data").asString())).isEqualTo(json("[]"));
		JsonNode object = sent(peer.received().get(2));
		assertThat(object.get("encoding").asString()).isEqualTo("json");
		assertThat(json(object.get("data").asString())).isEqualTo(json("{}"));
	}
}
