package io.github.ablyspring.client.interop;

import static io.github.ablyspring.client.interop.InteropSupport.NAMES;
import static io.github.ablyspring.client.interop.InteropSupport.OUR_BINARY;
import static io.github.ablyspring.client.interop.InteropSupport.OUR_JSON;
import static io.github.ablyspring.client.interop.InteropSupport.OUR_STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ably.lib.realtime.ChannelState;
import io.ably.lib.realtime.CompletionListener;
import io.ably.lib.realtime.ConnectionState;
import io.ably.lib.types.AblyException;
import io.ably.lib.types.ClientOptions;
import io.ably.lib.types.ErrorInfo;
import io.ably.lib.util.Log;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Realtime interop with the official ably-java 1.5.0 SDK, unmodified, through the embedded server, in JSON and msgpack
 * (both clients in the case's format): our {@link AblyRealtime} and ably-java's realtime client publish to and
 * subscribe from each other (string, JSON object, binary, and the same AES-128/256 encrypted with one shared key), and
 * each sees the other's presence (RTP).
 */
class AblyJavaRealtimeInteropTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String JAVA_STRING = "héllo from ably-java realtime ✓ \uD83D\uDE80";

	private static final String JAVA_JSON = "{\"from\":\"ably-java\",\"n\":9,\"f\":0.5,\"list\":[3,\"four\",true,null],"
			+ "\"nested\":{\"ok\":true,\"empty\":{}}}";

	private static final byte[] JAVA_BINARY = { 9, (byte) 255, 0, 1, (byte) 128, 127, 42, 0 };

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@ParameterizedTest(name = "ourRealtimeToAblyJavaRealtime[{0}, aes-{1}]")
	@MethodSource("io.github.ablyspring.client.interop.InteropSupport#cases")
	void RTL6_RTL7_ourRealtimePublishesAblyJavaReceives(String format, int keyBits) throws Exception {
		byte[] key = InteropSupport.cipherKey(keyBits);
		String base = "rt-ours-java-" + format + "-" + keyBits + "-" + UUID.randomUUID();
		io.ably.lib.realtime.AblyRealtime java = new io.ably.lib.realtime.AblyRealtime(ablyJavaOptions(format, null));
		try (AblyRealtime ours = ourClient(format, null)) {
			await().atMost(TIMEOUT).until(() -> java.connection.state == ConnectionState.connected);
			List<io.ably.lib.types.Message> received = new CopyOnWriteArrayList<>();
			io.ably.lib.realtime.Channel plain = java.channels.get(base + "-plain");
			io.ably.lib.realtime.Channel secure = java.channels.get(base + "-secure",
					io.ably.lib.types.ChannelOptions.withCipherKey(key));
			plain.subscribe(received::add);
			secure.subscribe(received::add);
			await().atMost(TIMEOUT)
				.until(() -> plain.state == ChannelState.attached && secure.state == ChannelState.attached);

			for (String prefix : List.of("", "secure-")) {
				RealtimeChannel channel = prefix.isEmpty() ? ours.channels().get(base + "-plain")
						: ours.channels().get(base + "-secure", ChannelOptions.withCipherKey(key));
				channel.publish(prefix + "string", OUR_STRING).get(10, TimeUnit.SECONDS);
				channel.publish(prefix + "json", InteropSupport.ourJson()).get(10, TimeUnit.SECONDS);
				channel.publish(prefix + "binary", OUR_BINARY.clone()).get(10, TimeUnit.SECONDS);
			}

			await().atMost(TIMEOUT).until(() -> received.size() >= NAMES.size());
			await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
				.until(() -> received.size() == NAMES.size());
			assertThat(received).extracting((m) -> m.name).containsExactlyInAnyOrderElementsOf(NAMES);
			Map<String, io.ably.lib.types.Message> byName = new HashMap<>();
			received.forEach((m) -> byName.put(m.name, m));
			JsonElement expectedJson = JsonParser.parseString(OUR_JSON);
			for (String prefix : List.of("", "secure-")) {
				assertThat(byName.get(prefix + "string").data).isInstanceOf(String.class).isEqualTo(OUR_STRING);
				assertThat(byName.get(prefix + "json").data).isInstanceOf(JsonObject.class).isEqualTo(expectedJson);
				assertThat(byName.get(prefix + "binary").data).isInstanceOf(byte[].class).isEqualTo(OUR_BINARY);
			}
			assertThat(received).allSatisfy((m) -> {
				assertThat(m.encoding).as(m.name + " fully decoded by ably-java").isNull();
				assertThat(m.connectionId).isEqualTo(ours.connection().id());
			});
		}
		finally {
			java.close();
		}
	}

	@ParameterizedTest(name = "ablyJavaRealtimeToOurRealtime[{0}, aes-{1}]")
	@MethodSource("io.github.ablyspring.client.interop.InteropSupport#cases")
	void RTL7_RTL18_ablyJavaPublishesOurRealtimeReceives(String format, int keyBits) throws Exception {
		byte[] key = InteropSupport.cipherKey(keyBits);
		String base = "rt-java-ours-" + format + "-" + keyBits + "-" + UUID.randomUUID();
		io.ably.lib.realtime.AblyRealtime java = new io.ably.lib.realtime.AblyRealtime(ablyJavaOptions(format, null));
		try (AblyRealtime ours = ourClient(format, null)) {
			List<Message> received = new CopyOnWriteArrayList<>();
			RealtimeChannel plain = ours.channels().get(base + "-plain");
			RealtimeChannel secure = ours.channels().get(base + "-secure", ChannelOptions.withCipherKey(key));
			plain.subscribe(received::add);
			secure.subscribe(received::add);
			plain.whenState(io.github.ablyspring.client.realtime.ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			secure.whenState(io.github.ablyspring.client.realtime.ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);

			await().atMost(TIMEOUT).until(() -> java.connection.state == ConnectionState.connected);
			for (String prefix : List.of("", "secure-")) {
				io.ably.lib.realtime.Channel channel = prefix.isEmpty() ? java.channels.get(base + "-plain")
						: java.channels.get(base + "-secure", io.ably.lib.types.ChannelOptions.withCipherKey(key));
				publishAcked(channel::publish, prefix + "string", JAVA_STRING);
				publishAcked(channel::publish, prefix + "json", JsonParser.parseString(JAVA_JSON).getAsJsonObject());
				publishAcked(channel::publish, prefix + "binary", JAVA_BINARY.clone());
			}

			await().atMost(TIMEOUT).until(() -> received.size() >= NAMES.size());
			await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
				.until(() -> received.size() == NAMES.size());
			Map<String, Message> byName = new HashMap<>();
			received.forEach((m) -> byName.put(m.name(), m));
			assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(NAMES);
			JsonNode expectedJson = Json.MAPPER.readTree(JAVA_JSON);
			for (String prefix : List.of("", "secure-")) {
				assertThat(byName.get(prefix + "string").data()).isInstanceOf(String.class).isEqualTo(JAVA_STRING);
				assertThat(byName.get(prefix + "json").data()).isInstanceOf(JsonNode.class).isEqualTo(expectedJson);
				assertThat(byName.get(prefix + "binary").data()).isInstanceOf(byte[].class).isEqualTo(JAVA_BINARY);
			}
			assertThat(received).allSatisfy((m) -> {
				assertThat(m.encoding()).as(m.name() + " fully decoded by our client: " + m).isNull();
				assertThat(m.connectionId()).isEqualTo(java.connection.id);
			});
		}
		finally {
			java.close();
		}
	}

	@ParameterizedTest(name = "presence[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void RTP8_RTP11_RTP2_presenceSeenBothWays(String format) throws Exception {
		String name = "rt-presence-java-" + format + "-" + UUID.randomUUID();
		io.ably.lib.realtime.AblyRealtime java = new io.ably.lib.realtime.AblyRealtime(
				ablyJavaOptions(format, "java-member"));
		try (AblyRealtime ours = ourClient(format, "our-member")) {
			// ably-java enters; our client sees the ENTER event and the member in presence.get().
			List<PresenceMessage> ourEvents = new CopyOnWriteArrayList<>();
			ours.channels().get(name).presence().subscribe(ourEvents::add);
			ours.channels()
				.get(name)
				.whenState(io.github.ablyspring.client.realtime.ChannelState.ATTACHED)
				.get(10, TimeUnit.SECONDS);
			io.ably.lib.realtime.Channel javaChannel = java.channels.get(name);
			CompletableFuture<Void> entered = new CompletableFuture<>();
			javaChannel.presence.enter("from java", completion(entered));
			entered.get(10, TimeUnit.SECONDS);
			await().atMost(TIMEOUT)
				.until(() -> ourEvents.stream()
					.anyMatch((e) -> e.action() == PresenceAction.ENTER && "java-member".equals(e.clientId())));
			assertThat(ours.channels().get(name).presence().get().get(10, TimeUnit.SECONDS))
				.extracting(PresenceMessage::clientId, PresenceMessage::data)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("java-member", "from java"));

			// Our client enters; ably-java sees the member.
			List<io.ably.lib.types.PresenceMessage> javaEvents = new CopyOnWriteArrayList<>();
			javaChannel.presence.subscribe(javaEvents::add);
			ours.channels().get(name).presence().enter("from ours").get(10, TimeUnit.SECONDS);
			await().atMost(TIMEOUT)
				.until(() -> javaEvents.stream()
					.anyMatch((e) -> e.action == io.ably.lib.types.PresenceMessage.Action.enter
							&& "our-member".equals(e.clientId) && "from ours".equals(e.data)));
			assertThat(List.of(javaChannel.presence.get(true)))
				.extracting((m) -> m.clientId)
				.containsExactlyInAnyOrder("java-member", "our-member");

			// Our client leaves; ably-java sees the LEAVE.
			ours.channels().get(name).presence().leave(null).get(10, TimeUnit.SECONDS);
			await().atMost(TIMEOUT)
				.until(() -> javaEvents.stream()
					.anyMatch((e) -> e.action == io.ably.lib.types.PresenceMessage.Action.leave
							&& "our-member".equals(e.clientId)));
		}
		finally {
			java.close();
		}
	}

	// ---------------------------------------------------------------------------------------------------------------

	private interface Publish<T> {

		void publish(String name, T data, CompletionListener listener) throws AblyException;
	}

	/** Publishes with ably-java and waits for its ACK. */
	private static <T> void publishAcked(Publish<T> publish, String name, T data) throws Exception {
		CompletableFuture<Void> acked = new CompletableFuture<>();
		publish.publish(name, data, completion(acked));
		acked.get(10, TimeUnit.SECONDS);
	}

	private static CompletionListener completion(CompletableFuture<Void> future) {
		return new CompletionListener() {

			@Override
			public void onSuccess() {
				future.complete(null);
			}

			@Override
			public void onError(ErrorInfo reason) {
				future.completeExceptionally(new IllegalStateException("ably-java: " + reason));
			}
		};
	}

	private static AblyRealtime ourClient(String format, String clientId) {
		return new AblyRealtime(EmbeddedServer.options(server)
			.key(EmbeddedServer.KEY)
			.clientId(clientId)
			.useBinaryProtocol(InteropSupport.binary(format))
			.build());
	}

	/** ably-java 1.5.0 options against the embedded server. */
	private static ClientOptions ablyJavaOptions(String format, String clientId) throws AblyException {
		ClientOptions options = new ClientOptions(EmbeddedServer.KEY);
		options.tls = false;
		options.port = server.port();
		options.realtimeHost = server.host();
		options.restHost = server.host();
		options.useBinaryProtocol = InteropSupport.binary(format);
		options.clientId = clientId;
		options.logLevel = Log.WARN;
		return options;
	}
}
