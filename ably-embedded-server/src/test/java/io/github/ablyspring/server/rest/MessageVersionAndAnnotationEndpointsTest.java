package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.MessageVersion;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.databind.JsonNode;

/**
 * The endpoints of message versions (RSL11, RSL14, RSL15) and annotations (RSAN): shapes of requests and answers,
 * history holding the latest version in the original's place, and fan-out to realtime subscribers.
 */
class MessageVersionAndAnnotationEndpointsTest {

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").key("app.reader:secret", "{\"*\":[\"subscribe\"]}")
			.build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static String publish(RestTestClient client, String channel, Message message) {
		return client.post("/channels/" + channel + "/messages", message, WireTypes.MESSAGE)
			.assertStatus(201)
			.as(WireTypes.PUBLISH_RESULT)
			.serials()
			.get(0);
	}

	private static String path(String channel, String serial) {
		return "/channels/" + channel + "/messages/" + Paging.encode(serial);
	}

	private static RestTestClient.Reply patch(RestTestClient client, String channel, String serial, Message body) {
		return client.send("PATCH", path(channel, serial), client.codec().encode(body, WireTypes.MESSAGE));
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void getUpdateDeleteAndVersions(WireFormat format) {
		RestTestClient client = RestTestClient.of(server, format);
		String channel = "versions-" + format;
		publish(client, channel, Message.of("before", "0"));
		String serial = publish(client, channel, Message.of("greeting", "hello"));
		publish(client, channel, Message.of("after", "2"));

		Message original = client.get(path(channel, serial)).assertStatus(200).as(WireTypes.MESSAGE);
		assertThat(original.data()).isEqualTo("hello");
		assertThat(original.action()).isEqualTo(MessageAction.MESSAGE_CREATE);
		assertThat(original.version().serial()).isEqualTo(serial);

		JsonNode update = patch(client, channel, serial, Message.builder().data("hello, world")
			.action(MessageAction.MESSAGE_UPDATE)
			.version(new MessageVersion(null, null, "editor", "typo", Map.of("k", "v")))
			.build()).assertStatus(200).as(WireTypes.JSON);
		String versionSerial = update.path("versionSerial").asString();
		assertThat(versionSerial).isGreaterThan(serial);

		Message latest = client.get(path(channel, serial)).as(WireTypes.MESSAGE);
		assertThat(latest.serial()).isEqualTo(serial);
		assertThat(latest.name()).isEqualTo("greeting");
		assertThat(latest.data()).isEqualTo("hello, world");
		assertThat(latest.action()).isEqualTo(MessageAction.MESSAGE_UPDATE);
		assertThat(latest.version()).isEqualTo(
				new MessageVersion(versionSerial, latest.version().timestamp(), "editor", "typo", Map.of("k", "v")));
		assertThat(latest.timestamp()).isEqualTo(original.timestamp());

		List<Message> history = client.get("/channels/" + channel + "/messages").as(WireTypes.MESSAGES);
		assertThat(history).extracting(Message::name).containsExactly("after", "greeting", "before");
		assertThat(history.get(1).data()).isEqualTo("hello, world");

		patch(client, channel, serial, Message.builder().action(MessageAction.MESSAGE_DELETE).build()).assertStatus(200);
		List<Message> versions = client.get(path(channel, serial) + "/versions?direction=forwards")
			.assertStatus(200)
			.as(WireTypes.MESSAGES);
		assertThat(versions).extracting(Message::action)
			.containsExactly(MessageAction.MESSAGE_CREATE, MessageAction.MESSAGE_UPDATE, MessageAction.MESSAGE_DELETE);
		assertThat(versions.get(0).data()).isEqualTo("hello");

		RestTestClient.Reply page = client.get(path(channel, serial) + "/versions?limit=2");
		assertThat(page.as(WireTypes.MESSAGES)).extracting(Message::action)
			.containsExactly(MessageAction.MESSAGE_DELETE, MessageAction.MESSAGE_UPDATE);
		RestTestClient.Reply next = client.follow(page, page.links().next());
		assertThat(next.as(WireTypes.MESSAGES)).extracting(Message::action)
			.containsExactly(MessageAction.MESSAGE_CREATE);
		assertThat(next.links().next()).isNull();
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void appendConcatenatesAndFansOutTheFragment(WireFormat format) {
		RestTestClient client = RestTestClient.of(server, format);
		String channel = "append-" + format;
		try (RealtimeTestClient subscriber = RealtimeTestClient.connect(server, "key=app.key:secret")) {
			subscriber.attach(channel);
			String serial = publish(client, channel, Message.of("stream", "Hel"));
			patch(client, channel, serial,
					Message.builder().data("lo").action(MessageAction.MESSAGE_APPEND).build()).assertStatus(200);
			ProtocolMessage appended = subscriber.await(m -> m.action() == ProtocolAction.MESSAGE
					&& m.messages().get(0).action() == MessageAction.MESSAGE_APPEND);
			assertThat(appended.messages().get(0).data()).isEqualTo("lo");
			assertThat(appended.messages().get(0).serial()).isEqualTo(serial);
		}
		// a new channel each format; the serial is found through history
		Message latest = client.get("/channels/" + channel + "/messages").as(WireTypes.MESSAGES).get(0);
		assertThat(latest.data()).isEqualTo("Hello");
		assertThat(latest.action()).isEqualTo(MessageAction.MESSAGE_UPDATE);
	}

	@Test
	void unknownSerialIs404AndBadActionIs400() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		client.get(path("nothing-here", "0000000000000001-000@embedded")).assertError(404, 40400);
		String serial = publish(client, "bad-action", Message.of("x", "y"));
		patch(client, "bad-action", serial, Message.builder().action(MessageAction.META).build()).assertError(400, 40003);
		patch(RestTestClient.of(server, WireFormat.JSON).withKey("app.reader:secret"), "bad-action", serial,
				Message.builder().action(MessageAction.MESSAGE_UPDATE).data("z").build())
			.assertError(401, 40160);
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void annotationsArePublishedListedSummarizedAndFannedOut(WireFormat format) {
		RestTestClient client = RestTestClient.of(server, format);
		String channel = "annotations-" + format;
		String serial = publish(client, channel, Message.of("post", "text"));
		try (RealtimeTestClient subscriber = RealtimeTestClient.connect(server, "key=app.key:secret")) {
			subscriber.send(ProtocolMessage.builder(ProtocolAction.ATTACH).channel(channel)
				.params(Map.of("modes", "subscribe,annotation_subscribe")).build());
			subscriber.await(m -> m.action() == ProtocolAction.ATTACHED);
			Annotation like = new Annotation(null, AnnotationAction.ANNOTATION_CREATE, "amy", "👍", null, null, null,
					null, null, null, "reaction:distinct.v1", null);
			JsonNode answer = client.post(path(channel, serial) + "/annotations", List.of(like), WireTypes.ANNOTATIONS)
				.assertStatus(201)
				.as(WireTypes.JSON);
			assertThat(answer.path("serials")).hasSize(1);
			ProtocolMessage delivered = subscriber.await(m -> m.action() == ProtocolAction.ANNOTATION);
			assertThat(delivered.annotations()).singleElement()
				.satisfies(a -> assertThat(a.messageSerial()).isEqualTo(serial));
		}
		client.post(path(channel, serial) + "/annotations",
				new Annotation(null, null, "bob", "👍", null, null, null, null, null, null, "reaction:distinct.v1",
						null), WireTypes.ANNOTATION).assertStatus(201);
		client.post(path(channel, serial) + "/annotations",
				new Annotation(null, null, "amy", null, null, null, null, null, null, null, "seen:total.v1", null),
				WireTypes.ANNOTATION).assertStatus(201);

		List<Annotation> listed = client.get(path(channel, serial) + "/annotations").assertStatus(200)
			.as(WireTypes.ANNOTATIONS);
		assertThat(listed).extracting(Annotation::clientId).containsExactly("amy", "bob", "amy");
		assertThat(listed).allSatisfy(a -> {
			assertThat(a.serial()).isNotBlank();
			assertThat(a.timestamp()).isNotNull();
			assertThat(a.messageSerial()).isEqualTo(serial);
			assertThat(a.action()).isEqualTo(AnnotationAction.ANNOTATION_CREATE);
		});

		client.post(path(channel, serial) + "/annotations",
				new Annotation(null, AnnotationAction.ANNOTATION_DELETE, "bob", "👍", null, null, null, null, null,
						null, "reaction:distinct.v1", null), WireTypes.ANNOTATION).assertStatus(201);
		Message message = client.get(path(channel, serial)).as(WireTypes.MESSAGE);
		Map<String, JsonNode> summary = message.annotations().summary();
		assertThat(summary.get("reaction:distinct.v1").path("👍").path("total").asInt()).isEqualTo(1);
		assertThat(summary.get("reaction:distinct.v1").path("👍").path("clientIds").get(0).asString()).isEqualTo("amy");
		assertThat(summary.get("seen:total.v1").path("total").asInt()).isEqualTo(1);

		RestTestClient.Reply page = client.get(path(channel, serial) + "/annotations?limit=2");
		assertThat(page.as(WireTypes.ANNOTATIONS)).hasSize(2);
		assertThat(client.follow(page, page.links().next()).as(WireTypes.ANNOTATIONS)).hasSize(2);
	}

	@Test
	void annotationWithoutTypeIs400() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		String serial = publish(client, "no-type", Message.of("x", "y"));
		client.post(path("no-type", serial) + "/annotations",
				new Annotation(null, null, null, "n", null, null, null, null, null, null, null, null),
				WireTypes.ANNOTATION).assertError(400, 40003);
	}
}
