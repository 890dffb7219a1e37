package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.client.support.UtsPeer;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code uts/rest/unit/channel/idempotency.md} (RSL1k), line by line, against scripted peers. The "mixed client and
 * library ids" case follows features.md RSL1k3 instead: with any id supplied, all ids, present or absent, are kept,
 * so the middle message goes without one. The retry case retries on a fallback host (127.0.0.1 behind 127.0.0.2).
 */
class IdempotencyUnitTest {

	private static final String KEY = "appId.keyId:keySecret";

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	private ScriptedPeer peer(String address, int port, Function<Received, Reply> script) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start(address, port, script);
		resources.add(peer);
		return peer;
	}

	private ScriptedPeer serials() throws Exception {
		return peer("127.0.0.1", 0, r -> Reply.json(201, "{\"serials\":[\"s1\",\"s2\",\"s3\"]}"));
	}

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private RestChannel channel(ScriptedPeer peer, boolean idempotent) {
		return client(UtsPeer.options(peer).key(KEY).idempotentRestPublishing(idempotent)).channels()
			.get("test-RSL1k-" + UUID.randomUUID());
	}

	private static List<JsonNode> body(Received r) {
		JsonNode body = Json.MAPPER.readTree(r.body());
		List<JsonNode> messages = new ArrayList<>();
		if (body.isArray()) {
			body.forEach(messages::add);
		}
		else {
			messages.add(body);
		}
		return messages;
	}

	@Test
	void RSL1k1_idempotentRestPublishingIsOnByDefault() {
		assertThat(ClientOptions.builder().key(KEY).build().idempotentRestPublishing()).isTrue();
	}

	@Test
	void RSL1k2_idFormat() throws Exception {
		ScriptedPeer peer = serials();

		channel(peer, true).publish("event", "data");

		String[] parts = body(peer.received().get(0)).get(0).get("id").asString().split(":");
		assertThat(parts).hasSize(2);
		assertThat(parts[0]).matches("[A-Za-z0-9_-]+").hasSizeGreaterThanOrEqualTo(12);
		assertThat(parts[1]).isEqualTo("0");
	}

	@Test
	void RSL1k2_serialsIncrementInABatch() throws Exception {
		ScriptedPeer peer = serials();

		channel(peer, true).publish(List.of(Message.of("event1", "data1"), Message.of("event2", "data2"),
				Message.of("event3", "data3")));

		List<String[]> ids = body(peer.received().get(0)).stream().map(m -> m.get("id").asString().split(":"))
			.toList();
		assertThat(ids).extracting(p -> p[0]).containsOnly(ids.get(0)[0]);
		assertThat(ids).extracting(p -> p[1]).containsExactly("0", "1", "2");
	}

	@Test
	void RSL1k3_separatePublishesHaveTheirOwnBase() throws Exception {
		ScriptedPeer peer = serials();
		RestChannel channel = channel(peer, true);

		channel.publish("event1", "data1");
		channel.publish("event2", "data2");

		String base1 = body(peer.received().get(0)).get(0).get("id").asString().split(":")[0];
		String base2 = body(peer.received().get(1)).get(0).get("id").asString().split(":")[0];
		assertThat(base1).isNotEqualTo(base2);
	}

	@Test
	void RSL1k3_noIdWhenDisabled() throws Exception {
		ScriptedPeer peer = serials();

		channel(peer, false).publish("event", "data");

		assertThat(body(peer.received().get(0)).get(0).has("id")).isFalse();
	}

	@Test
	void RSL1k_clientSuppliedIdIsKept() throws Exception {
		ScriptedPeer peer = serials();

		channel(peer, true).publish(Message.builder().id("my-custom-id").name("event").data("data").build());

		assertThat(body(peer.received().get(0)).get(0).get("id").asString()).isEqualTo("my-custom-id");
	}

	@Test
	void RSL1k2_theSameIdOnARetry() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> Reply.json(500, "{\"error\":{\"code\":50000}}"));
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> Reply.json(201, "{\"serials\":[\"s1\"]}"));
		RestChannel channel = client(ClientOptions.builder().key(KEY).endpoint("127.0.0.2").tls(false)
			.port(primary.port()).fallbackHosts(List.of("127.0.0.1")).useBinaryProtocol(false)).channels()
			.get("test-RSL1k2-retry-" + UUID.randomUUID());

		channel.publish("event", "data");

		assertThat(primary.received()).hasSize(1);
		assertThat(fallback.received()).hasSize(1);
		assertThat(body(fallback.received().get(0)).get(0).get("id").asString())
			.isEqualTo(body(primary.received().get(0)).get(0).get("id").asString());
	}

	@Test
	void RSL1k3_mixedIdsArePreservedAsGiven() throws Exception {
		ScriptedPeer peer = serials();

		channel(peer, true).publish(List.of(Message.builder().id("client-id-1").name("event1").data("data1").build(),
				Message.of("event2", "data2"), Message.builder().id("client-id-2").name("event3").data("data3").build()));

		List<JsonNode> body = body(peer.received().get(0));
		assertThat(body.get(0).get("id").asString()).isEqualTo("client-id-1");
		assertThat(body.get(1).has("id")).isFalse();
		assertThat(body.get(2).get("id").asString()).isEqualTo("client-id-2");
	}
}
