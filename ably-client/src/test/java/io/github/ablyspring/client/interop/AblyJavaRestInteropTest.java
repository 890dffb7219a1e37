package io.github.ablyspring.client.interop;

import static io.github.ablyspring.client.interop.InteropSupport.NAMES;
import static io.github.ablyspring.client.interop.InteropSupport.OUR_BINARY;
import static io.github.ablyspring.client.interop.InteropSupport.OUR_JSON;
import static io.github.ablyspring.client.interop.InteropSupport.OUR_STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ably.lib.realtime.AblyRealtime;
import io.ably.lib.realtime.ChannelState;
import io.ably.lib.realtime.ConnectionState;
import io.ably.lib.types.AblyException;
import io.ably.lib.types.ClientOptions;
import io.ably.lib.types.Param;
import io.ably.lib.util.Log;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4 interop with the official ably-java 1.5.0 SDK, unmodified, through the embedded server, in JSON and msgpack
 * (both clients use the case's format), with string, JSON object, binary and AES-128/AES-256 encrypted payloads (the
 * same key on both sides).
 *
 * <ul>
 * <li>our REST client publishes, ably-java's {@code AblyRest} reads history and gets exactly the payloads, decoded
 * ({@code String}, gson {@code JsonObject}, {@code byte[]}, no encoding left);</li>
 * <li>our REST client publishes while an ably-java realtime client is subscribed, which receives the same;</li>
 * <li>ably-java's {@code AblyRest} publishes, our client's history returns exactly the payloads ({@code String},
 * {@code JsonNode}, {@code byte[]}, no encoding left).</li>
 * </ul>
 */
class AblyJavaRestInteropTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final String JAVA_STRING = "héllo from ably-java rest ✓ \uD83D\uDE80";

	private static final String JAVA_JSON = "{\"from\":\"ably-java\",\"n\":8,\"f\":2.25,\"list\":[2,\"three\",false,null],"
			+ "\"nested\":{\"ok\":true,\"empty\":{}}}";

	private static final byte[] JAVA_BINARY = { (byte) 255, (byte) 254, 0, 1, (byte) 128, 127, 42, 0 };

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

	@ParameterizedTest(name = "ourRestToAblyJavaHistory[{0}, aes-{1}]")
	@MethodSource("io.github.ablyspring.client.interop.InteropSupport#cases")
	void ourRestPublishesAblyJavaRestReadsHistory(String format, int keyBits) throws Exception {
		byte[] key = InteropSupport.cipherKey(keyBits);
		String base = "interop-ours-java-rest-" + format + "-" + keyBits + "-" + UUID.randomUUID();
		try (AblyRest ours = InteropSupport.ourClient(server, format)) {
			InteropSupport.ourClientPublishes(ours, base, key);
		}

		io.ably.lib.rest.AblyRest java = new io.ably.lib.rest.AblyRest(ablyJavaOptions(format));
		Map<String, io.ably.lib.types.Message> byName = new LinkedHashMap<>();
		List<io.ably.lib.types.Message> all = new ArrayList<>();
		Param[] forwards = { new Param("direction", "forwards") };
		all.addAll(List.of(java.channels.get(base + "-plain").history(forwards).items()));
		all.addAll(List.of(java.channels.get(base + "-secure", io.ably.lib.types.ChannelOptions.withCipherKey(key))
			.history(forwards)
			.items()));
		all.forEach((m) -> byName.put(m.name, m));

		assertThat(all).as("ably-java history").extracting((m) -> m.name).containsExactlyElementsOf(NAMES);
		assertAblyJavaGotOurPayloads(byName);

		// Without the key ably-java must see ciphertext: our client really encrypted, with a key of the case's size.
		// (A fresh ably-java client: channels.get(name) would return the channel already made with the cipher.)
		ClientOptions keylessOptions = ablyJavaOptions(format);
		keylessOptions.logLevel = Log.NONE; // it would log an error for every message it cannot decrypt
		io.ably.lib.rest.AblyRest keyless = new io.ably.lib.rest.AblyRest(keylessOptions);
		for (io.ably.lib.types.Message m : keyless.channels.get(base + "-secure").history(forwards).items()) {
			assertThat(m.encoding).as(describe(m)).contains("cipher+aes-" + keyBits + "-cbc");
		}
	}

	@ParameterizedTest(name = "ourRestToAblyJavaRealtime[{0}, aes-{1}]")
	@MethodSource("io.github.ablyspring.client.interop.InteropSupport#cases")
	void ourRestPublishesAblyJavaRealtimeReceives(String format, int keyBits) throws Exception {
		byte[] key = InteropSupport.cipherKey(keyBits);
		String base = "interop-ours-java-rt-" + format + "-" + keyBits + "-" + UUID.randomUUID();
		AblyRealtime java = new AblyRealtime(ablyJavaOptions(format));
		try {
			await().atMost(TIMEOUT).until(() -> java.connection.state == ConnectionState.connected);
			List<io.ably.lib.types.Message> received = new CopyOnWriteArrayList<>();
			io.ably.lib.realtime.Channel plain = java.channels.get(base + "-plain");
			io.ably.lib.realtime.Channel secure = java.channels.get(base + "-secure",
					io.ably.lib.types.ChannelOptions.withCipherKey(key));
			plain.subscribe(received::add);
			secure.subscribe(received::add);
			await().atMost(TIMEOUT)
				.until(() -> plain.state == ChannelState.attached && secure.state == ChannelState.attached);

			try (AblyRest ours = InteropSupport.ourClient(server, format)) {
				InteropSupport.ourClientPublishes(ours, base, key);
			}

			await().atMost(TIMEOUT).until(() -> received.size() >= NAMES.size());
			// And no more: nothing delivered twice.
			await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
				.until(() -> received.size() == NAMES.size());
			assertThat(received).as("messages received by the ably-java realtime subscriber")
				.extracting((m) -> m.name)
				.containsExactlyInAnyOrderElementsOf(NAMES);
			Map<String, io.ably.lib.types.Message> byName = new HashMap<>();
			received.forEach((m) -> byName.put(m.name, m));
			assertAblyJavaGotOurPayloads(byName);
		}
		finally {
			java.close();
		}
	}

	@ParameterizedTest(name = "ablyJavaRestToOurHistory[{0}, aes-{1}]")
	@MethodSource("io.github.ablyspring.client.interop.InteropSupport#cases")
	void ablyJavaRestPublishesOurClientReadsHistory(String format, int keyBits) throws Exception {
		byte[] key = InteropSupport.cipherKey(keyBits);
		String base = "interop-java-ours-rest-" + format + "-" + keyBits + "-" + UUID.randomUUID();
		io.ably.lib.rest.AblyRest java = new io.ably.lib.rest.AblyRest(ablyJavaOptions(format));
		for (String prefix : List.of("", "secure-")) {
			io.ably.lib.rest.Channel channel = prefix.isEmpty() ? java.channels.get(base + "-plain")
					: java.channels.get(base + "-secure", io.ably.lib.types.ChannelOptions.withCipherKey(key));
			channel.publish(prefix + "string", JAVA_STRING);
			channel.publish(prefix + "json", JsonParser.parseString(JAVA_JSON).getAsJsonObject());
			channel.publish(prefix + "binary", JAVA_BINARY.clone());
		}

		Map<String, Message> byName;
		try (AblyRest ours = InteropSupport.ourClient(server, format)) {
			byName = InteropSupport.ourClientReads(ours, base, key);
		}

		assertThat(byName.keySet()).containsExactlyElementsOf(NAMES);
		try (AblyRest ours = InteropSupport.ourClient(server, format)) {
			// Without the key our client must see ciphertext: ably-java really encrypted with the case's key size.
			for (Message m : ours.channels().get(base + "-secure").history().items()) {
				assertThat(m.encoding()).as(m.toString()).contains("cipher+aes-" + keyBits + "-cbc");
			}
		}
		JsonNode expectedJson = Json.MAPPER.readTree(JAVA_JSON);
		for (String prefix : List.of("", "secure-")) {
			Message string = byName.get(prefix + "string");
			Message json = byName.get(prefix + "json");
			Message binary = byName.get(prefix + "binary");
			assertThat(string.data()).as(string.toString()).isInstanceOf(String.class).isEqualTo(JAVA_STRING);
			assertThat(json.data()).as(json.toString()).isInstanceOf(JsonNode.class).isEqualTo(expectedJson);
			assertThat(binary.data()).as(binary.toString()).isInstanceOf(byte[].class);
			assertThat((byte[]) binary.data()).as(binary.toString()).isEqualTo(JAVA_BINARY);
			for (Message m : List.of(string, json, binary)) {
				assertThat(m.encoding()).as(m.name() + " fully decoded by our client: " + m).isNull();
			}
		}
	}

	// ---------------------------------------------------------------------------------------------------------------

	private static void assertAblyJavaGotOurPayloads(Map<String, io.ably.lib.types.Message> byName) {
		JsonElement expectedJson = JsonParser.parseString(OUR_JSON);
		for (String prefix : List.of("", "secure-")) {
			io.ably.lib.types.Message string = byName.get(prefix + "string");
			io.ably.lib.types.Message json = byName.get(prefix + "json");
			io.ably.lib.types.Message binary = byName.get(prefix + "binary");
			assertThat(string).as(prefix + "string").isNotNull();
			assertThat(string.data).as(describe(string)).isInstanceOf(String.class).isEqualTo(OUR_STRING);
			assertThat(json).as(prefix + "json").isNotNull();
			assertThat(json.data).as(describe(json)).isInstanceOf(JsonObject.class).isEqualTo(expectedJson);
			assertThat(binary).as(prefix + "binary").isNotNull();
			assertThat(binary.data).as(describe(binary)).isInstanceOf(byte[].class);
			assertThat((byte[]) binary.data).as(describe(binary)).isEqualTo(OUR_BINARY);
			for (io.ably.lib.types.Message m : List.of(string, json, binary)) {
				assertThat(m.encoding).as(m.name + " fully decoded by ably-java: " + describe(m)).isNull();
			}
		}
	}

	private static String describe(io.ably.lib.types.Message m) {
		Object data = m.data;
		String shown = data instanceof byte[] bytes ? "bytes" + java.util.Arrays.toString(bytes)
				: data == null ? "null" : data.getClass().getSimpleName() + ":" + data;
		return "ably-java message {name=" + m.name + ", encoding=" + m.encoding + ", data=" + shown + "}";
	}

	/** ably-java 1.5.0 options against the embedded server, as in the server's conformance tests. */
	private static ClientOptions ablyJavaOptions(String format) throws AblyException {
		ClientOptions options = new ClientOptions(EmbeddedServer.KEY);
		options.tls = false;
		options.port = server.port();
		options.realtimeHost = server.host();
		options.restHost = server.host();
		options.useBinaryProtocol = InteropSupport.binary(format);
		options.logLevel = Log.WARN;
		return options;
	}
}
