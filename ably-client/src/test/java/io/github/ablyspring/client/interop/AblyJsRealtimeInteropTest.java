package io.github.ablyspring.client.interop;

import static io.github.ablyspring.client.interop.InteropSupport.NAMES;
import static io.github.ablyspring.client.interop.InteropSupport.OUR_BINARY;
import static io.github.ablyspring.client.interop.InteropSupport.OUR_STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ChannelState;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.EmbeddedAblyServer;
import io.github.ablyspring.server.conformance.NodeScenarios;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Realtime interop with the official ably-js 2.x SDK (pinned in the embedded server's {@code src/test/node}), through
 * the embedded server, JSON and msgpack, plain and AES-128/256 encrypted payloads with one shared key:
 * <ul>
 * <li>{@code scenarios/interop-publish.js} publishes over ably-js realtime while our client is subscribed;</li>
 * <li>{@code scenarios/interop-subscribe.js} subscribes, prints READY, and reports what it decoded of what our client
 * published;</li>
 * <li>{@code scenarios/realtime-interop-presence.js}: each client sees the other's presence.</li>
 * </ul>
 * Skipped without node unless {@code -Dably.conformance.required=true}.
 */
class AblyJsRealtimeInteropTest {

	private static final Path NODE_DIR = Path.of("..", "ably-embedded-server", "src", "test", "node");

	private static final Duration TIMEOUT = Duration.ofSeconds(40);

	private static final Duration SCRIPT_DEADLINE = Duration.ofSeconds(30);

	/** Must match {@code PAYLOADS} of {@code scenarios/interop-publish.js}. */
	private static final String JS_STRING = "héllo from ably-js ✓";

	private static final String JS_JSON = "{\"from\":\"ably-js\",\"n\":7,\"list\":[1,\"two\",true,null],\"nested\":{\"ok\":true}}";

	private static final byte[] JS_BINARY = { 0, 1, 2, 127, (byte) 128, (byte) 200, (byte) 255 };

	private static Path node;

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void setUp() throws Exception {
		node = NodeScenarios.node().orElse(null);
		if (node == null) {
			NodeScenarios.skipOrFail("node not found on PATH: ably-js realtime interop skipped");
		}
		if (!Files.isRegularFile(NODE_DIR.resolve("package.json"))) {
			NodeScenarios.skipOrFail("ably-js scripts not found at " + NODE_DIR.toAbsolutePath());
		}
		NodeScenarios.installIfNeeded(NODE_DIR);
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void tearDown() {
		if (server != null) {
			server.close();
		}
	}

	@ParameterizedTest(name = "ablyJsRealtimeToOurRealtime[{0}, aes-{1}]")
	@MethodSource("io.github.ablyspring.client.interop.InteropSupport#cases")
	void RTL7_RTL18_ablyJsPublishesOurRealtimeReceives(String format, int keyBits) throws Exception {
		byte[] key = InteropSupport.cipherKey(keyBits);
		String base = "rt-js-ours-" + format + "-" + keyBits + "-" + UUID.randomUUID();
		try (AblyRealtime ours = ourClient(format, null)) {
			List<Message> received = new CopyOnWriteArrayList<>();
			RealtimeChannel plain = ours.channels().get(base + "-plain");
			RealtimeChannel secure = ours.channels().get(base + "-secure", ChannelOptions.withCipherKey(key));
			plain.subscribe(received::add);
			secure.subscribe(received::add);
			plain.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			secure.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);

			NodeScenarios.Outcome outcome = NodeScenarios.run(NODE_DIR, command("interop-publish", format, base, key),
					"interop-publish[" + format + ", aes-" + keyBits + "]", format, TIMEOUT);
			outcome.assertOk();

			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= NAMES.size());
			await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
				.until(() -> received.size() == NAMES.size());
			Map<String, Message> byName = new HashMap<>();
			received.forEach((m) -> byName.put(m.name(), m));
			assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(NAMES);
			JsonNode expectedJson = Json.MAPPER.readTree(JS_JSON);
			for (String prefix : List.of("", "secure-")) {
				assertThat(byName.get(prefix + "string").data()).isInstanceOf(String.class).isEqualTo(JS_STRING);
				assertThat(byName.get(prefix + "json").data()).isInstanceOf(JsonNode.class).isEqualTo(expectedJson);
				assertThat(byName.get(prefix + "binary").data()).isInstanceOf(byte[].class).isEqualTo(JS_BINARY);
			}
			assertThat(received).allSatisfy((m) -> assertThat(m.encoding()).as(m.toString()).isNull());
		}
	}

	@ParameterizedTest(name = "ourRealtimeToAblyJsRealtime[{0}, aes-{1}]")
	@MethodSource("io.github.ablyspring.client.interop.InteropSupport#cases")
	void RTL6_ourRealtimePublishesAblyJsReceives(String format, int keyBits) throws Exception {
		byte[] key = InteropSupport.cipherKey(keyBits);
		String base = "rt-ours-js-" + format + "-" + keyBits + "-" + UUID.randomUUID();
		List<String> command = command("interop-subscribe", format, base, key);
		command.addAll(List.of("--expect", String.valueOf(NAMES.size())));
		try (RunningScript script = RunningScript.start(NODE_DIR, command,
				"interop-subscribe[" + format + ", aes-" + keyBits + "]", TIMEOUT);
				AblyRealtime ours = ourClient(format, null)) {
			script.awaitLine("READY");
			ours.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);
			for (String prefix : List.of("", "secure-")) {
				RealtimeChannel channel = prefix.isEmpty() ? ours.channels().get(base + "-plain")
						: ours.channels().get(base + "-secure", ChannelOptions.withCipherKey(key));
				channel.publish(prefix + "string", OUR_STRING).get(10, TimeUnit.SECONDS);
				channel.publish(prefix + "json", InteropSupport.ourJson()).get(10, TimeUnit.SECONDS);
				channel.publish(prefix + "binary", OUR_BINARY.clone()).get(10, TimeUnit.SECONDS);
			}
			JsonNode result = script.result();
			String diagnostics = script.diagnostics() + "\nresult: " + result;
			assertThat(result.path("ok").asBoolean(false)).as(diagnostics).isTrue();
			Map<String, JsonNode> byName = new HashMap<>();
			result.path("received").forEach((m) -> byName.put(m.path("name").asString(), m));
			assertThat(byName.keySet()).as(diagnostics).containsExactlyInAnyOrderElementsOf(NAMES);
			for (String prefix : List.of("", "secure-")) {
				JsonNode string = byName.get(prefix + "string");
				JsonNode json = byName.get(prefix + "json");
				JsonNode binary = byName.get(prefix + "binary");
				assertThat(string.path("type").asString()).as(diagnostics).isEqualTo("string");
				assertThat(string.path("data").asString()).as(diagnostics).isEqualTo(OUR_STRING);
				assertThat(json.path("type").asString()).as(diagnostics).isEqualTo("object");
				assertThat(json.path("data")).as(diagnostics).isEqualTo(InteropSupport.ourJson());
				assertThat(binary.path("type").asString()).as(diagnostics).isEqualTo("buffer");
				assertThat(Base64.getDecoder().decode(binary.path("data").asString())).as(diagnostics)
					.isEqualTo(OUR_BINARY);
			}
			result.path("received").forEach((m) -> {
				assertThat(m.path("encoding").isNull()).as(diagnostics).isTrue();
				assertThat(m.path("connectionId").asString()).as(diagnostics).isEqualTo(ours.connection().id());
			});
		}
	}

	@ParameterizedTest(name = "presence[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void RTP8_RTP10_RTP11_presenceSeenBothWays(String format) throws Exception {
		String channelName = "rt-presence-js-" + format + "-" + UUID.randomUUID();
		List<String> command = command("realtime-interop-presence", format, channelName, null);
		command.addAll(List.of("--other", "our-member"));
		try (RunningScript script = RunningScript.start(NODE_DIR, command, "realtime-interop-presence[" + format + "]",
				TIMEOUT); AblyRealtime ours = ourClient(format, "our-member")) {
			script.awaitLine("READY");
			RealtimeChannel channel = ours.channels().get(channelName);
			List<PresenceMessage> events = new CopyOnWriteArrayList<>();
			channel.presence().subscribe(events::add);
			// ably-js entered before we attached: our client learns of it through the SYNC (RTP1, RTP18).
			assertThat(channel.presence().get().get(10, TimeUnit.SECONDS))
				.extracting(PresenceMessage::clientId, PresenceMessage::data)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("js-member", "from js"));
			channel.presence().enter("from java").get(10, TimeUnit.SECONDS);
			script.awaitLine("SEEN");
			channel.presence().leave(null).get(10, TimeUnit.SECONDS);

			JsonNode result = script.result();
			String diagnostics = script.diagnostics() + "\nresult: " + result;
			assertThat(result.path("ok").asBoolean(false)).as(diagnostics).isTrue();
			for (String check : List.of("sawEnter", "memberListed", "sawLeave")) {
				assertThat(result.path("checks").path(check).asBoolean(false)).as(check + ": " + diagnostics).isTrue();
			}
			// The SYNC'd member surfaces as PRESENT in get(); our own ENTER comes back as an event too (RTP2).
			await().atMost(Duration.ofSeconds(10))
				.until(() -> events.stream()
					.anyMatch((e) -> e.action() == PresenceAction.ENTER && "our-member".equals(e.clientId())));
		}
	}

	// ---------------------------------------------------------------------------------------------------------------

	private static List<String> command(String scenario, String format, String channel, byte[] key) {
		List<String> command = new ArrayList<>(List.of(node.toString(), "scenarios/" + scenario + ".js", "--port",
				String.valueOf(server.port()), "--host", server.host(), "--key", EmbeddedServer.KEY, "--format", format,
				"--channel", channel, "--timeout-ms", String.valueOf(SCRIPT_DEADLINE.toMillis())));
		if (key != null) {
			command.addAll(List.of("--cipher-key", Base64.getEncoder().encodeToString(key)));
		}
		return command;
	}

	private static AblyRealtime ourClient(String format, String clientId) {
		return new AblyRealtime(EmbeddedServer.options(server)
			.key(EmbeddedServer.KEY)
			.clientId(clientId)
			.useBinaryProtocol(InteropSupport.binary(format))
			.build());
	}
}
