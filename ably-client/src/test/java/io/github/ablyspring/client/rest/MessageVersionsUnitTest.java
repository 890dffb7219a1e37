package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.client.support.UtsPeer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.codec.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/channel/get_message.md} (RSL11), {@code message_versions.md} (RSL14) and
 * {@code update_delete_message.md} (RSL15), line by line, against a scripted peer.
 */
class MessageVersionsUnitTest {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	private ScriptedPeer peer(Function<Received, Reply> script) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start("127.0.0.1", 0, script);
		resources.add(peer);
		return peer;
	}

	private ScriptedPeer answering(String body) throws Exception {
		return peer(r -> Reply.json(200, body));
	}

	private RestChannel channel(ScriptedPeer peer, String name) {
		AblyRest rest = new AblyRest(UtsPeer.options(peer).key("appId.keyId:keySecret").build());
		resources.add(rest);
		return rest.channels().get(name);
	}

	private static String name(String prefix) {
		return prefix + UUID.randomUUID();
	}

	private static JsonNode body(Received r) {
		return Json.MAPPER.readTree(r.body());
	}

	private static Map<String, String> query(Received r) {
		Map<String, String> query = new LinkedHashMap<>();
		if (r.query() != null) {
			for (String pair : r.query().split("&")) {
				String[] kv = pair.split("=", 2);
				query.put(kv[0], kv.length > 1 ? kv[1] : "");
			}
		}
		return query;
	}

	private static final String VS1 = "{\"versionSerial\":\"vs1\"}";

	@Test
	void RSL11b_getMessageGetsTheMessagePath() throws Exception {
		String channelName = name("test-RSL11b-");
		ScriptedPeer peer = answering("{\"name\":\"evt\",\"data\":\"hello\",\"serial\":\"msg-serial-123\","
				+ "\"timestamp\":1700000000000}");

		channel(peer, channelName).getMessage("msg-serial-123");

		assertThat(peer.received()).hasSize(1);
		assertThat(peer.received().get(0).method()).isEqualTo("GET");
		assertThat(peer.received().get(0).path()).isEqualTo("/channels/" + channelName + "/messages/msg-serial-123");
		assertThat(peer.received().get(0).body()).isEmpty();
	}

	@Test
	void RSL11c_getMessageReturnsTheDecodedMessage() throws Exception {
		ScriptedPeer peer = answering("{\"id\":\"msg-id-1\",\"name\":\"test-event\",\"data\":\"hello world\","
				+ "\"serial\":\"serial-xyz\",\"clientId\":\"client-1\",\"timestamp\":1700000000000,\"extras\":{\"push\":"
				+ "{\"notification\":{\"title\":\"Test\"}}},\"version\":{\"serial\":\"version-serial-1\","
				+ "\"timestamp\":1700000000000,\"clientId\":\"client-1\"}}");

		Message msg = channel(peer, name("test-RSL11c-")).getMessage("serial-xyz");

		assertThat(msg.id()).isEqualTo("msg-id-1");
		assertThat(msg.name()).isEqualTo("test-event");
		assertThat(msg.data()).isEqualTo("hello world");
		assertThat(msg.serial()).isEqualTo("serial-xyz");
		assertThat(msg.clientId()).isEqualTo("client-1");
		assertThat(msg.timestamp()).isEqualTo(1_700_000_000_000L);
		assertThat(msg.version().serial()).isEqualTo("version-serial-1");
	}

	@Test
	void RSL11b_getMessageEncodesTheSerial() throws Exception {
		String channelName = name("test-RSL11b-encode-");
		ScriptedPeer peer = answering("{\"name\":\"evt\",\"data\":\"hello\",\"serial\":\"serial/with:special+chars\"}");

		channel(peer, channelName).getMessage("serial/with:special+chars");

		assertThat(peer.received().get(0).path())
			.isEqualTo("/channels/" + channelName + "/messages/serial%2Fwith%3Aspecial%2Bchars");
	}

	@Test
	void RSL11a_getMessageWithoutASerialFails() throws Exception {
		ScriptedPeer peer = answering("{}");

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> channel(peer, name("test-RSL11a-error-")).getMessage(""));

		assertThat(error.code()).isEqualTo(40003);
		assertThat(peer.received()).isEmpty();
	}

	@Test
	void RSL14b_getMessageVersionsGetsTheVersionsPath() throws Exception {
		String channelName = name("test-RSL14b-");
		ScriptedPeer peer = answering("[{\"name\":\"evt\",\"data\":\"v2-data\",\"serial\":\"msg-serial-1\",\"action\":1,"
				+ "\"version\":{\"serial\":\"vs2\",\"timestamp\":1700000002000}},{\"name\":\"evt\",\"data\":\"v1-data\","
				+ "\"serial\":\"msg-serial-1\",\"action\":0,\"version\":{\"serial\":\"vs1\",\"timestamp\":1700000001000}}]");

		channel(peer, channelName).getMessageVersions("msg-serial-1");

		assertThat(peer.received()).hasSize(1);
		assertThat(peer.received().get(0).method()).isEqualTo("GET");
		assertThat(peer.received().get(0).path())
			.isEqualTo("/channels/" + channelName + "/messages/msg-serial-1/versions");
	}

	@Test
	void RSL14c_getMessageVersionsReturnsAPageOfMessages() throws Exception {
		ScriptedPeer peer = answering("[{\"name\":\"evt\",\"data\":\"updated-data\",\"serial\":\"msg-serial-1\","
				+ "\"action\":1,\"version\":{\"serial\":\"vs2\",\"timestamp\":1700000002000,\"clientId\":\"user-1\","
				+ "\"description\":\"edit\"}},{\"name\":\"evt\",\"data\":\"original-data\",\"serial\":\"msg-serial-1\","
				+ "\"action\":0,\"version\":{\"serial\":\"vs1\",\"timestamp\":1700000001000}}]");

		List<Message> items = channel(peer, name("test-RSL14c-")).getMessageVersions("msg-serial-1").items();

		assertThat(items).hasSize(2);
		assertThat(items.get(0).data()).isEqualTo("updated-data");
		assertThat(items.get(0).action()).isEqualTo(MessageAction.MESSAGE_UPDATE);
		assertThat(items.get(0).version().serial()).isEqualTo("vs2");
		assertThat(items.get(0).version().description()).isEqualTo("edit");
		assertThat(items.get(1).data()).isEqualTo("original-data");
		assertThat(items.get(1).action()).isEqualTo(MessageAction.MESSAGE_CREATE);
	}

	@Test
	void RSL14a_getMessageVersionsParams() throws Exception {
		ScriptedPeer peer = answering("[]");

		channel(peer, name("test-RSL14a-params-")).getMessageVersions("msg-serial-1",
				Map.of("direction", "backwards", "limit", "10"));

		assertThat(query(peer.received().get(0))).containsEntry("direction", "backwards").containsEntry("limit", "10");
	}

	@Test
	void RSL15b_RSL15b1_updateDeleteAndAppendArePatchesWithTheirAction() throws Exception {
		String channelName = name("test-RSL15-");
		ScriptedPeer peer = answering(VS1);
		RestChannel channel = channel(peer, channelName);

		channel.updateMessage(Message.builder().serial("msg-serial-1").name("updated").data("new-data").build());
		channel.deleteMessage(Message.builder().serial("msg-serial-1").build());
		channel.appendMessage(Message.builder().serial("msg-serial-1").data("appended-data").build());

		for (Received r : peer.received()) {
			assertThat(r.method()).isEqualTo("PATCH");
			assertThat(r.path()).isEqualTo("/channels/" + channelName + "/messages/msg-serial-1");
		}
		JsonNode update = body(peer.received().get(0));
		assertThat(update.get("action").asInt()).isEqualTo(1);
		assertThat(update.get("name").asString()).isEqualTo("updated");
		assertThat(update.get("data").asString()).isEqualTo("new-data");
		assertThat(body(peer.received().get(1)).get("action").asInt()).isEqualTo(2);
		JsonNode append = body(peer.received().get(2));
		assertThat(append.get("action").asInt()).isEqualTo(5);
		assertThat(append.get("data").asString()).isEqualTo("appended-data");
	}

	@Test
	void RSL15b7_theOperationIsTheVersion() throws Exception {
		ScriptedPeer peer = answering(VS1);
		RestChannel channel = channel(peer, name("test-RSL15b7-"));

		channel.updateMessage(Message.builder().serial("s1").data("updated").build(),
				new MessageOperation("user1", "fixed typo", Map.of("reason", "typo")));
		channel.updateMessage(Message.builder().serial("s1").data("updated").build());

		JsonNode version = body(peer.received().get(0)).get("version");
		assertThat(version.get("clientId").asString()).isEqualTo("user1");
		assertThat(version.get("description").asString()).isEqualTo("fixed typo");
		assertThat(version.at("/metadata/reason").asString()).isEqualTo("typo");
		assertThat(body(peer.received().get(1)).has("version")).isFalse();
	}

	@Test
	void RSL15c_theCallersMessageIsNotChanged() throws Exception {
		ScriptedPeer peer = answering(VS1);
		Message original = Message.builder().serial("s1").name("orig").data("original-data").build();

		channel(peer, name("test-RSL15c-")).updateMessage(original);

		assertThat(original.action()).isNull();
		assertThat(original.name()).isEqualTo("orig");
		assertThat(original.data()).isEqualTo("original-data");
		assertThat(body(peer.received().get(0)).get("action").asInt()).isEqualTo(1);
	}

	@Test
	void RSL15e_UDR2a_updateDeleteResult() throws Exception {
		UpdateDeleteResult result = channel(answering("{\"versionSerial\":\"version-serial-abc\"}"), name("e-"))
			.updateMessage(Message.builder().serial("s1").data("updated").build());
		UpdateDeleteResult superseded = channel(answering("{\"versionSerial\":null}"), name("e-null-"))
			.updateMessage(Message.builder().serial("s1").data("updated").build());

		assertThat(result.versionSerial()).isEqualTo("version-serial-abc");
		assertThat(superseded.versionSerial()).isNull();
	}

	@Test
	void RSL15f_paramsInTheQueryString() throws Exception {
		ScriptedPeer peer = answering(VS1);

		channel(peer, name("test-RSL15f-")).updateMessage(Message.builder().serial("s1").data("updated").build(),
				null, Map.of("key", "value", "num", "42"));

		assertThat(query(peer.received().get(0))).containsEntry("key", "value").containsEntry("num", "42");
	}

	@Test
	void RSL15a_aSerialIsRequired() throws Exception {
		ScriptedPeer peer = answering(VS1);
		RestChannel channel = channel(peer, name("test-RSL15a-"));

		AblyException update = catchThrowableOfType(AblyException.class, () -> channel.updateMessage(Message.of("x",
				"y")));
		AblyException delete = catchThrowableOfType(AblyException.class,
				() -> channel.deleteMessage(Message.builder().name("x").build()));
		AblyException append = catchThrowableOfType(AblyException.class,
				() -> channel.appendMessage(Message.builder().data("y").build()));

		assertThat(update.code()).isEqualTo(40003);
		assertThat(delete.code()).isEqualTo(40003);
		assertThat(append.code()).isEqualTo(40003);
		assertThat(peer.received()).isEmpty();
	}

	@Test
	void RSL15d_theBodyIsEncodedPerRSL4() throws Exception {
		ScriptedPeer peer = answering(VS1);

		channel(peer, name("test-RSL15d-")).updateMessage(Message.builder().serial("s1")
			.data(Json.MAPPER.readTree("{\"key\":\"value\"}")).build());

		JsonNode body = body(peer.received().get(0));
		assertThat(body.get("data").isString()).isTrue();
		assertThat(body.get("encoding").asString()).isEqualTo("json");
		assertThat(Json.MAPPER.readTree(body.get("data").asString()))
			.isEqualTo(Json.MAPPER.readTree("{\"key\":\"value\"}"));
	}

	@Test
	void RSL15b_theSerialIsEncodedInThePath() throws Exception {
		String channelName = name("test-RSL15b-encode-");
		ScriptedPeer peer = answering(VS1);

		channel(peer, channelName)
			.updateMessage(Message.builder().serial("serial/special:chars").data("updated").build());

		assertThat(peer.received().get(0).path())
			.isEqualTo("/channels/" + channelName + "/messages/serial%2Fspecial%3Achars");
	}
}
