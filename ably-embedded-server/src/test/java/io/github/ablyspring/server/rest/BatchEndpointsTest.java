package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;
import io.github.ablyspring.server.rest.RestWireTypes.BatchPublishSpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** Batch publish (RSC22) and batch presence (RSC24), with per-channel failures reported, not thrown. */
class BatchEndpointsTest {

	private static final String LIMITED = "app.limited:secret";

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder()
			.key("app.key:secret")
			.key(LIMITED, "{\"channel0\":[\"publish\"],\"channel3\":[\"subscribe\"],"
					+ "\"channel4\":[\"presence\",\"publish\",\"subscribe\"]}")
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void publishesEachSpecAndReportsEachChannel(WireFormat format) {
		RestTestClient limited = RestTestClient.of(server, format).withKey(LIMITED);
		String suffix = "-" + format;
		List<BatchPublishSpec> specs = List.of(
				new BatchPublishSpec(List.of("channel0", "channel3"),
						List.of(Message.of(null, "message1" + suffix), Message.of(null, "message2" + suffix))),
				new BatchPublishSpec(List.of("channel4"), List.of(Message.of(null, "message3" + suffix))));

		JsonNode results = limited.post("/messages", specs, RestWireTypes.BATCH_PUBLISH_SPECS).assertStatus(201)
			.json();

		assertThat(results).hasSize(2);
		JsonNode first = results.get(0);
		assertThat(first.path("successCount").asInt()).isEqualTo(1);
		assertThat(first.path("failureCount").asInt()).isEqualTo(1);
		assertThat(first.path("results").get(0).path("channel").asString()).isEqualTo("channel0");
		assertThat(first.path("results").get(0).path("messageId").asString()).contains(":0");
		assertThat(first.path("results").get(0).path("serials")).hasSize(2);
		assertThat(first.path("results").get(0).has("error")).isFalse();
		assertThat(first.path("results").get(1).path("channel").asString()).isEqualTo("channel3");
		assertThat(first.path("results").get(1).has("messageId")).isFalse();
		assertThat(first.path("results").get(1).path("error").path("statusCode").asInt()).isEqualTo(401);
		assertThat(first.path("results").get(1).path("error").path("code").asInt()).isEqualTo(40160);
		assertThat(results.get(1).path("successCount").asInt()).isEqualTo(1);

		List<Message> history = RestTestClient.of(server, format).get("/channels/channel0/messages?limit=2")
			.as(WireTypes.MESSAGES);
		assertThat(history).extracting(Message::data).containsExactly("message2" + suffix, "message1" + suffix);
		String messageId = first.path("results").get(0).path("messageId").asString();
		assertThat(history).extracting(Message::id).containsExactly(messageId + ":1", messageId + ":0");
	}

	@Test
	void aSingleSpecObjectGetsAnArrayOfOneResult() {
		JsonNode results = RestTestClient.of(server, WireFormat.JSON)
			.postJsonText("/messages", "{\"channels\":\"single-a,single-b\",\"messages\":{\"name\":\"n\",\"data\":\"d\"}}")
			.assertStatus(201)
			.json();
		assertThat(results).hasSize(1);
		assertThat(results.get(0).path("successCount").asInt()).isEqualTo(2);
		assertThat(results.get(0).path("results").get(1).path("channel").asString()).isEqualTo("single-b");
	}

	@Test
	void clientSuppliedIdsMakeTheMessageIdAndDeduplicate() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		String body = "{\"channels\":[\"dedup\"],\"messages\":[{\"id\":\"abc:0\",\"data\":\"x\"},{\"id\":\"abc:1\",\"data\":\"y\"}]}";
		JsonNode first = client.postJsonText("/messages", body).assertStatus(201).json();
		assertThat(first.get(0).path("results").get(0).path("messageId").asString()).isEqualTo("abc");
		JsonNode again = client.postJsonText("/messages", body).assertStatus(201).json();
		assertThat(again.get(0).path("results").get(0).path("serials").get(0).isNull()).isTrue();
		assertThat(client.get("/channels/dedup/messages").as(WireTypes.MESSAGES)).hasSize(2);
	}

	@Test
	void protocolTwoClientsGetTheEarlierShape() {
		RestTestClient legacy = RestTestClient.of(server, WireFormat.JSON).withHeader("X-Ably-Version", "2");
		JsonNode ok = legacy.postJsonText("/messages", "[{\"channels\":[\"old-a\",\"old-b\"],\"messages\":[{\"data\":1}]}]")
			.assertStatus(201)
			.json();
		assertThat(ok).hasSize(2);
		assertThat(ok.get(0).path("channel").asString()).isEqualTo("old-a");
		assertThat(ok.get(0).path("messageId").asString()).isNotBlank();

		RestTestClient.Reply failed = legacy.withKey(LIMITED)
			.postJsonText("/messages", "[{\"channels\":[\"channel0\",\"channel3\"],\"messages\":[{\"data\":1}]}]")
			.assertError(400, 40020);
		JsonNode batchResponse = failed.json().path("batchResponse");
		assertThat(batchResponse).hasSize(2);
		assertThat(batchResponse.get(0).path("messageId").asString()).isNotBlank();
		assertThat(batchResponse.get(1).path("error").path("code").asInt()).isEqualTo(40160);
	}

	@Test
	void badSpecsAre40001() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		client.postJsonText("/messages", "{\"channels\":[\"a\"]}").assertError(400, 40001);
		client.postJsonText("/messages", "{\"channels\":[],\"messages\":[{\"data\":1}]}").assertError(400, 40001);
		client.postJsonText("/messages", "\"text\"").assertError(400, 40001);
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void presenceOfSeveralChannelsWithPerChannelFailures(WireFormat format) {
		try (RealtimeTestClient member = RealtimeTestClient.connect(server, "key=app.key:secret&clientId=batcher")) {
			long serial = 0;
			for (String channel : List.of("channel0", "channel4")) {
				member.attach(channel);
				long msgSerial = serial++;
				member.send(ProtocolMessage.builder(ProtocolAction.PRESENCE)
					.channel(channel)
					.msgSerial(msgSerial)
					.presence(List.of(PresenceMessage.of(PresenceAction.ENTER, null, null)))
					.build());
				member.await(m -> m.action() == ProtocolAction.ACK && m.msgSerial() == msgSerial);
			}
			JsonNode result = RestTestClient.of(server, format)
				.withKey(LIMITED)
				.get("/presence?channels=channel0,channel4")
				.assertStatus(200)
				.json();
			assertThat(result.path("successCount").asInt()).isEqualTo(1);
			assertThat(result.path("failureCount").asInt()).isEqualTo(1);
			assertThat(result.path("results").get(0).path("channel").asString()).isEqualTo("channel0");
			assertThat(result.path("results").get(0).has("presence")).isFalse();
			assertThat(result.path("results").get(0).path("error").path("statusCode").asInt()).isEqualTo(401);
			JsonNode presence = result.path("results").get(1).path("presence");
			assertThat(presence).hasSize(1);
			assertThat(presence.get(0).path("clientId").asString()).isEqualTo("batcher");
			assertThat(result.path("results").get(1).has("error")).isFalse();
		}
		RestTestClient.of(server, format).get("/presence").assertError(400, 40003);
	}
}
