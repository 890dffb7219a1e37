package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ChannelState;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.EmbeddedAblyServer;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** UTS realtime/integration/channels/channel_publish_test.md against the embedded server, JSON and msgpack. */
class ChannelPublishIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	/** Publishes {@code message} from a second client and returns what a subscriber received. */
	private static Message roundTrip(String protocol, String prefix, Message message, AblyRealtime[] clients)
			throws Exception {
		String name = IntegrationSupport.randomName(prefix);
		AblyRealtime publisher = IntegrationSupport.connected(IntegrationSupport.options(server, protocol).build());
		AblyRealtime subscriber = IntegrationSupport.connected(IntegrationSupport.options(server, protocol).build());
		clients[0] = publisher;
		clients[1] = subscriber;
		List<Message> received = new CopyOnWriteArrayList<>();
		RealtimeChannel in = subscriber.channels().get(name);
		in.subscribe(received::add);
		in.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
		RealtimeChannel out = publisher.channels().get(name);
		out.attach().get(10, TimeUnit.SECONDS);
		out.publish(message).get(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
		await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == 1);
		return received.get(0);
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "msgpack" })
	void RTL6_RSL4d2_stringDataRoundTrip(String protocol) throws Exception {
		AblyRealtime[] clients = new AblyRealtime[2];
		try {
			Message received = roundTrip(protocol, "publish-string", Message.of("string-event", "hello world"),
					clients);
			assertThat(received.name()).isEqualTo("string-event");
			assertThat(received.data()).isInstanceOf(String.class).isEqualTo("hello world");
		}
		finally {
			close(clients);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "msgpack" })
	void RTL6_RSL4d3_jsonDataRoundTrip(String protocol) throws Exception {
		AblyRealtime[] clients = new AblyRealtime[2];
		try {
			JsonNode json = Json.MAPPER.readTree("{\"key\":\"value\",\"nested\":{\"count\":42},\"list\":[1,2,3]}");
			Message received = roundTrip(protocol, "publish-json", Message.of("json-event", json), clients);
			assertThat(received.name()).isEqualTo("json-event");
			assertThat(received.data()).isInstanceOf(JsonNode.class);
			JsonNode data = (JsonNode) received.data();
			assertThat(data.path("key").asString()).isEqualTo("value");
			assertThat(data.path("nested").path("count").asInt()).isEqualTo(42);
			assertThat(data.path("list")).isEqualTo(Json.MAPPER.readTree("[1,2,3]"));
		}
		finally {
			close(clients);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "msgpack" })
	void RTL6_RSL4d1_RSL6a_binaryDataRoundTrip(String protocol) throws Exception {
		AblyRealtime[] clients = new AblyRealtime[2];
		try {
			byte[] binary = { 0, 1, 2, (byte) 255, (byte) 128, 64 };
			Message received = roundTrip(protocol, "publish-binary", Message.of("binary-event", binary.clone()),
					clients);
			assertThat(received.name()).isEqualTo("binary-event");
			assertThat(received.data()).isInstanceOf(byte[].class).isEqualTo(binary);
		}
		finally {
			close(clients);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "msgpack" })
	void RTL6f_connectionIdMatchesPublisher(String protocol) throws Exception {
		AblyRealtime[] clients = new AblyRealtime[2];
		try {
			Message received = roundTrip(protocol, "publish-connid", Message.of("connid-test", "data"), clients);
			assertThat(received.connectionId()).isEqualTo(clients[0].connection().id())
				.isNotEqualTo(clients[1].connection().id());
		}
		finally {
			close(clients);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "msgpack" })
	void RSL6a2_messageExtrasRoundTrip(String protocol) throws Exception {
		AblyRealtime[] clients = new AblyRealtime[2];
		try {
			JsonNode extras = Json.MAPPER.readTree("{\"push\":{\"notification\":{\"title\":\"Testing\"}}}");
			Message message = Message.builder().name("extras-test").data("payload").extras(extras).build();
			Message received = roundTrip(protocol, "pushenabled:publish-extras", message, clients);
			assertThat(received.extras()).isNotNull();
			assertThat(received.extras().path("push").path("notification").path("title").asString())
				.isEqualTo("Testing");
		}
		finally {
			close(clients);
		}
	}

	private static void close(AblyRealtime[] clients) {
		for (AblyRealtime client : clients) {
			if (client != null) {
				client.close();
			}
		}
	}
}
