package io.github.ablyspring.client.rest;

import java.util.ArrayList;
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
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;
import io.github.ablyspring.protocol.codec.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code uts/rest/unit/channel/annotations.md} (RSL10, RSAN1-RSAN3), line by line, against a scripted peer. */
class RestAnnotationsUnitTest {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	private ScriptedPeer peer(int status, String body) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start("127.0.0.1", 0, r -> Reply.json(status, body));
		resources.add(peer);
		return peer;
	}

	private RestChannel channel(ScriptedPeer peer, String name, boolean idempotent) {
		AblyRest rest = new AblyRest(UtsPeer.options(peer).key("appId.keyId:keySecret")
			.idempotentRestPublishing(idempotent).build());
		resources.add(rest);
		return rest.channels().get(name);
	}

	private RestChannel channel(ScriptedPeer peer, String name) {
		return channel(peer, name, true);
	}

	private static String name(String prefix) {
		return prefix + UUID.randomUUID();
	}

	private static Annotation annotation(String type, String name, Object data) {
		return new Annotation(null, null, null, name, null, data, null, null, null, null, type, null);
	}

	private static JsonNode sent(Received r) {
		JsonNode body = Json.MAPPER.readTree(r.body());
		assertThat(body.isArray()).isTrue();
		assertThat(body).hasSize(1);
		return body.get(0);
	}

	@Test
	void RSL10_annotationsOfTheChannel() throws Exception {
		assertThat(channel(peer(200, "[]"), name("test-RSL10-")).annotations()).isInstanceOf(RestAnnotations.class);
	}

	@Test
	void RSAN1c6_RSAN1c1_RSAN1c2_publishPostsACreate() throws Exception {
		String channelName = name("test-RSAN1-publish-");
		ScriptedPeer peer = peer(201, "{}");

		channel(peer, channelName).annotations().publish("msg-serial-1",
				annotation("com.example.reaction", "like", null));

		Received request = peer.received().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/channels/" + channelName + "/messages/msg-serial-1/annotations");
		JsonNode sent = sent(request);
		assertThat(sent.get("action").asInt()).isZero();
		assertThat(sent.get("messageSerial").asString()).isEqualTo("msg-serial-1");
		assertThat(sent.get("type").asString()).isEqualTo("com.example.reaction");
		assertThat(sent.get("name").asString()).isEqualTo("like");
	}

	@Test
	void RSAN1a3_aTypeIsRequired() throws Exception {
		ScriptedPeer peer = peer(201, "{}");

		AblyException error = catchThrowableOfType(AblyException.class, () -> channel(peer, name("test-RSAN1a3-"))
			.annotations().publish("msg-serial-1", annotation(null, "like", null)));

		assertThat(error.code()).isEqualTo(40003);
		assertThat(peer.received()).isEmpty();
	}

	@Test
	void RSAN1c3_dataIsEncodedPerRSL4() throws Exception {
		ScriptedPeer peer = peer(201, "{}");
		JsonNode data = Json.MAPPER.readTree("{\"key\":\"value\",\"nested\":{\"a\":1}}");

		channel(peer, name("test-RSAN1c3-")).annotations().publish("msg-serial-1",
				annotation("com.example.data", null, data));

		JsonNode sent = sent(peer.received().get(0));
		assertThat(sent.get("data").isString()).isTrue();
		assertThat(sent.get("encoding").asString()).isEqualTo("json");
		assertThat(Json.MAPPER.readTree(sent.get("data").asString())).isEqualTo(data);
	}

	@Test
	void RSAN1c4_idempotentIdWhenEnabled() throws Exception {
		ScriptedPeer peer = peer(201, "{}");

		channel(peer, name("test-RSAN1c4-enabled-")).annotations().publish("msg-serial-1",
				annotation("com.example.reaction", null, null));

		String[] parts = sent(peer.received().get(0)).get("id").asString().split(":");
		assertThat(parts).hasSize(2);
		assertThat(parts[0]).matches("[A-Za-z0-9_-]+").hasSizeGreaterThanOrEqualTo(12);
		assertThat(parts[1]).isEqualTo("0");
	}

	@Test
	void RSAN1c4_noIdWhenDisabled() throws Exception {
		ScriptedPeer peer = peer(201, "{}");

		channel(peer, name("test-RSAN1c4-disabled-"), false).annotations().publish("msg-serial-1",
				annotation("com.example.reaction", null, null));

		assertThat(sent(peer.received().get(0)).has("id")).isFalse();
	}

	@Test
	void RSAN2a_deletePostsADelete() throws Exception {
		String channelName = name("test-RSAN2-delete-");
		ScriptedPeer peer = peer(201, "{}");

		channel(peer, channelName).annotations().delete("msg-serial-1", annotation("com.example.reaction", "like", null));

		Received request = peer.received().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/channels/" + channelName + "/messages/msg-serial-1/annotations");
		JsonNode sent = sent(request);
		assertThat(sent.get("action").asInt()).isEqualTo(1);
		assertThat(sent.get("messageSerial").asString()).isEqualTo("msg-serial-1");
		assertThat(sent.get("type").asString()).isEqualTo("com.example.reaction");
		assertThat(sent.get("name").asString()).isEqualTo("like");
	}

	@Test
	void RSAN3b_getGetsTheAnnotationsPath() throws Exception {
		String channelName = name("test-RSAN3-get-");
		ScriptedPeer peer = peer(200, "[{\"id\":\"ann-1\",\"action\":0,\"type\":\"com.example.reaction\",\"name\":\"like\","
				+ "\"clientId\":\"user-1\",\"serial\":\"ann-serial-1\",\"messageSerial\":\"msg-serial-1\","
				+ "\"timestamp\":1700000000000}]");

		channel(peer, channelName).annotations().get("msg-serial-1");

		assertThat(peer.received().get(0).method()).isEqualTo("GET");
		assertThat(peer.received().get(0).path())
			.isEqualTo("/channels/" + channelName + "/messages/msg-serial-1/annotations");
	}

	@Test
	void RSAN3c_getReturnsAPageOfAnnotations() throws Exception {
		ScriptedPeer peer = peer(200, "[{\"id\":\"ann-1\",\"action\":0,\"type\":\"com.example.reaction\",\"name\":\"like\","
				+ "\"clientId\":\"user-1\",\"count\":1,\"data\":\"thumbs-up\",\"serial\":\"ann-serial-1\","
				+ "\"messageSerial\":\"msg-serial-1\",\"timestamp\":1700000000000,\"extras\":{\"custom\":\"metadata\"}},"
				+ "{\"id\":\"ann-2\",\"action\":0,\"type\":\"com.example.reaction\",\"name\":\"heart\",\"clientId\":\"user-2\","
				+ "\"serial\":\"ann-serial-2\",\"messageSerial\":\"msg-serial-1\",\"timestamp\":1700000001000}]");

		List<Annotation> items = channel(peer, name("test-RSAN3c-")).annotations().get("msg-serial-1").items();

		assertThat(items).hasSize(2);
		Annotation ann1 = items.get(0);
		assertThat(ann1.id()).isEqualTo("ann-1");
		assertThat(ann1.action()).isEqualTo(AnnotationAction.ANNOTATION_CREATE);
		assertThat(ann1.type()).isEqualTo("com.example.reaction");
		assertThat(ann1.name()).isEqualTo("like");
		assertThat(ann1.clientId()).isEqualTo("user-1");
		assertThat(ann1.count()).isEqualTo(1);
		assertThat(ann1.data()).isEqualTo("thumbs-up");
		assertThat(ann1.serial()).isEqualTo("ann-serial-1");
		assertThat(ann1.messageSerial()).isEqualTo("msg-serial-1");
		assertThat(ann1.timestamp()).isEqualTo(1_700_000_000_000L);
		assertThat(ann1.extras().get("custom").asString()).isEqualTo("metadata");
		assertThat(items.get(1).name()).isEqualTo("heart");
		assertThat(items.get(1).clientId()).isEqualTo("user-2");
	}

	@Test
	void RSAN3b_getParamsInTheQueryString() throws Exception {
		ScriptedPeer peer = peer(200, "[]");

		channel(peer, name("test-RSAN3b-params-")).annotations().get("msg-serial-1", Map.of("limit", "50"));

		assertThat(peer.received().get(0).query()).contains("limit=50");
	}
}
