package io.github.ablyspring.client.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.client.support.UtsPeer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.codec.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/channel/publish.md} and {@code channel/publish_result.md}, line by line, against a scripted
 * peer. Idempotent publishing (RSL1k, on by default) adds an {@code id} to every message; the body checks ignore it.
 */
class RestPublishUnitTest {

	private static final String KEY = "appId.keyId:keySecret";

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

	private ScriptedPeer serials(String json) throws Exception {
		return peer(r -> Reply.json(201, "{\"serials\":" + json + "}"));
	}

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private AblyRest client(ScriptedPeer peer) {
		return client(UtsPeer.options(peer).key(KEY));
	}

	private static String channelName(String spec) {
		return "test-" + spec + "-" + UUID.randomUUID();
	}

	/** The published messages: a single message may go as an object, which the UTS allows. */
	private static ArrayNode body(Received request) {
		JsonNode body = Json.MAPPER.readTree(request.body());
		if (body.isArray()) {
			return (ArrayNode) body;
		}
		ArrayNode array = Json.NODES.arrayNode();
		array.add(body);
		return array;
	}

	private static Map<String, String> query(Received request) {
		Map<String, String> query = new LinkedHashMap<>();
		if (request.query() != null) {
			Arrays.stream(request.query().split("&")).map(p -> p.split("=", 2)).forEach(p -> query.put(
					URLDecoder.decode(p[0], StandardCharsets.UTF_8), URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
		}
		return query;
	}

	@Test
	void RSL1a_RSL1b_publishWithNameAndData() throws Exception {
		String channelName = channelName("RSL1a");
		ScriptedPeer peer = serials("[\"serial1\"]");

		client(peer).channels().get(channelName).publish("greeting", "hello");

		Received request = peer.received().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/channels/" + channelName + "/messages");
		ArrayNode body = body(request);
		assertThat(body).hasSize(1);
		assertThat(body.get(0).get("name").asString()).isEqualTo("greeting");
		assertThat(body.get(0).get("data").asString()).isEqualTo("hello");
	}

	@Test
	void RSL1a_RSL1c_publishAMessageArrayInOneRequest() throws Exception {
		ScriptedPeer peer = serials("[\"s1\",\"s2\",\"s3\"]");
		JsonNode object = Json.MAPPER.readTree("{\"key\":\"value\"}");

		client(peer).channels().get(channelName("RSL1c")).publish(List.of(Message.of("event1", "data1"),
				Message.of("event2", object), Message.of("event3", new byte[] { 1, 2, 3 })));

		assertThat(peer.received()).hasSize(1);
		ArrayNode body = body(peer.received().get(0));
		assertThat(body).hasSize(3);
		assertThat(body.get(0).get("name").asString()).isEqualTo("event1");
		assertThat(body.get(0).get("data").asString()).isEqualTo("data1");
		assertThat(body.get(1).get("name").asString()).isEqualTo("event2");
		// RSL4d2: JSON data travels as a JSON string with encoding "json".
		assertThat(Json.MAPPER.readTree(body.get(1).get("data").asString())).isEqualTo(object);
	}

	@Test
	void RSL1e_nullNameAndDataAreOmitted() throws Exception {
		ScriptedPeer peer = serials("[\"s1\"]");
		RestChannel channel = client(peer).channels().get(channelName("RSL1e"));
		Object[][] cases = { { null, "hello" }, { "event", null }, { null, null } };

		for (int i = 0; i < cases.length; i++) {
			channel.publish((String) cases[i][0], cases[i][1]);
			JsonNode message = body(peer.received().get(i)).get(0);
			assertThat(message.has("name")).isEqualTo(cases[i][0] != null);
			assertThat(message.has("data")).isEqualTo(cases[i][1] != null);
			if (cases[i][1] != null) {
				assertThat(message.get("data").asString()).isEqualTo("hello");
			}
			if (cases[i][0] != null) {
				assertThat(message.get("name").asString()).isEqualTo("event");
			}
		}
	}

	@Test
	void RSL1h_publishNameDataSignature() throws Exception {
		ScriptedPeer peer = serials("[\"s1\"]");

		client(peer).channels().get(channelName("RSL1h")).publish("event", "payload");

		assertThat(peer.received()).hasSize(1);
		JsonNode message = body(peer.received().get(0)).get(0);
		assertThat(message.get("name").asString()).isEqualTo("event");
		assertThat(message.get("data").asString()).isEqualTo("payload");
	}

	/**
	 * Adapted: TO3l8 counts the name as well as the data, so the data is {@code size - "event".length()} long to make
	 * the message the case's size.
	 */
	@Test
	void RSL1i_messageSizeLimit() throws Exception {
		ScriptedPeer peer = serials("[\"s1\"]");
		RestChannel channel = client(UtsPeer.options(peer).key(KEY).maxMessageSize(1024)).channels()
			.get(channelName("RSL1i"));
		int[] sizes = { 1000, 1024, 1025, 10000 };

		for (int size : sizes) {
			int before = peer.received().size();
			String data = "x".repeat(size - "event".length());
			if (size <= 1024) {
				channel.publish("event", data);
				assertThat(peer.received()).hasSize(before + 1);
			}
			else {
				AblyException error = catchThrowableOfType(AblyException.class, () -> channel.publish("event", data));
				assertThat(error.code()).isEqualTo(40009);
				assertThat(peer.received()).hasSize(before);
			}
		}
	}

	@Test
	void RSL1j_allMessageAttributesAreSent() throws Exception {
		ScriptedPeer peer = serials("[\"s1\"]");
		Message message = Message.builder().name("test-event").data("test-data").clientId("explicit-client-id")
			.id("custom-message-id")
			.extras(Json.MAPPER.readTree("{\"push\":{\"notification\":{\"title\":\"Test\"}}}")).build();

		client(peer).channels().get(channelName("RSL1j")).publish(message);

		JsonNode body = body(peer.received().get(0)).get(0);
		assertThat(body.get("name").asString()).isEqualTo("test-event");
		assertThat(body.get("data").asString()).isEqualTo("test-data");
		assertThat(body.get("id").asString()).isEqualTo("custom-message-id");
		assertThat(body.at("/extras/push/notification/title").asString()).isEqualTo("Test");
	}

	@Test
	void RSL1l_publishParamsGoInTheQueryString() throws Exception {
		ScriptedPeer peer = serials("[\"s1\"]");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("customParam", "customValue");
		params.put("anotherParam", "123");

		client(peer).channels().get(channelName("RSL1l")).publish(Message.of("event", "data"), params);

		Map<String, String> query = query(peer.received().get(0));
		assertThat(query).containsEntry("customParam", "customValue").containsEntry("anotherParam", "123");
	}

	@Test
	void RSL1l_stringifiableParamsAreSentAsText() throws Exception {
		ScriptedPeer peer = serials("[\"s1\",\"s2\"]");

		client(peer).channels().get(channelName("RSL1l")).publish(
				List.of(Message.of("a", "1"), Message.of("b", "2")), Map.of("flag", true, "count", 3));

		assertThat(query(peer.received().get(0))).containsEntry("flag", "true").containsEntry("count", "3");
	}

	@Test
	void RSL1m_clientIdIsNotSetFromTheLibraryClientId() throws Exception {
		ScriptedPeer peer = serials("[\"s1\"]");
		AblyRest withId = client(UtsPeer.options(peer).key(KEY).clientId("lib-client"));

		// RSL1m1
		withId.channels().get(channelName("RSL1m1")).publish("e", "d");
		assertThat(body(peer.received().get(0)).get(0).has("clientId")).isFalse();
		// RSL1m2
		withId.channels().get(channelName("RSL1m2"))
			.publish(Message.builder().name("e").data("d").clientId("lib-client").build());
		assertThat(body(peer.received().get(1)).get(0).get("clientId").asString()).isEqualTo("lib-client");
		// RSL1m3
		AblyRest noId = client(peer);
		noId.channels().get(channelName("RSL1m3"))
			.publish(Message.builder().name("e").data("d").clientId("msg-client").build());
		assertThat(body(peer.received().get(2)).get(0).get("clientId").asString()).isEqualTo("msg-client");
	}

	@Test
	void RSL1n_publishReturnsTheSerialOfASingleMessage() throws Exception {
		ScriptedPeer peer = serials("[\"serial-abc\"]");

		PublishResult result = client(peer).channels().get(channelName("RSL1n-single")).publish("event", "hello");

		assertThat(result.serials()).containsExactly("serial-abc");
	}

	@Test
	void RSL1n_publishReturnsOneSerialPerMessage() throws Exception {
		ScriptedPeer peer = serials("[\"s1\",\"s2\",\"s3\"]");

		PublishResult result = client(peer).channels().get(channelName("RSL1n-batch"))
			.publish(List.of(Message.of("event1", "data1"), Message.of("event2", "data2"),
					Message.of("event3", "data3")));

		assertThat(result.serials()).containsExactly("s1", "s2", "s3");
	}

	@Test
	void RSL1n_PBR2a_aConflatedMessageHasANullSerial() throws Exception {
		ScriptedPeer peer = serials("[null,\"s2\"]");

		PublishResult result = client(peer).channels().get(channelName("RSL1n-null"))
			.publish(List.of(Message.of("event1", "data1"), Message.of("event2", "data2")));

		assertThat(result.serials()).hasSize(2);
		assertThat(result.serials().get(0)).isNull();
		assertThat(result.serials().get(1)).isEqualTo("s2");
	}
}
