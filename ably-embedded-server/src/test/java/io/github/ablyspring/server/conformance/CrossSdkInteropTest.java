package io.github.ablyspring.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.ably.lib.realtime.AblyRealtime;
import io.ably.lib.realtime.Channel;
import io.ably.lib.realtime.ChannelState;
import io.ably.lib.realtime.ConnectionState;
import io.ably.lib.types.ChannelOptions;
import io.ably.lib.types.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cross-SDK interop through the embedded server: ably-js 2.28.0 (node, {@code src/test/node/scenarios/interop-*.js})
 * publishes and ably-java 1.5.0 receives, and the reverse, over JSON and msgpack: a string, a JSON object, binary,
 * and the same three encrypted (AES-CBC, 128 or 256-bit key shared by both SDKs) on a second channel.
 *
 * <p>js → java: the ably-java subscriber attaches, then the node publisher script runs to completion. java → js: the
 * node subscriber script prints {@code READY} once attached, ably-java publishes, and the script's last stdout line
 * reports what ably-js decoded. Skipped without node unless {@code -Dably.conformance.required=true}.
 */
@ExtendWith(ConformanceSupport.DumpTraceOnFailure.class)
class CrossSdkInteropTest {

	private static final Path NODE_DIR = Path.of("src", "test", "node");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String JS_STRING = "héllo from ably-js ✓";

	private static final String JS_JSON = "{\"from\":\"ably-js\",\"n\":7,\"list\":[1,\"two\",true,null],\"nested\":{\"ok\":true}}";

	private static final byte[] JS_BINARY = { 0, 1, 2, 127, (byte) 128, (byte) 200, (byte) 255 };

	private static final String JAVA_STRING = "héllo from ably-java ✓";

	private static final String JAVA_JSON = "{\"from\":\"ably-java\",\"n\":8,\"list\":[2,\"three\",false,null],\"nested\":{\"ok\":true}}";

	private static final byte[] JAVA_BINARY = { (byte) 255, (byte) 254, 0, 1, (byte) 128, 127, 42 };

	private static Path node;

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void setUp() {
		node = NodeScenarios.node().orElse(null);
		if (node == null) {
			NodeScenarios.skipOrFail("node not found: cross-SDK interop skipped");
		}
		if (!Files.isRegularFile(NODE_DIR.resolve(Path.of("node_modules", "ably", "package.json")))) {
			NodeScenarios.skipOrFail(
					"ably-js not installed in " + NODE_DIR.toAbsolutePath() + " (AblyJsConformanceTest runs npm ci)");
		}
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
	}

	@AfterAll
	static void tearDown() {
		if (server != null) {
			server.close();
		}
	}

	@BeforeEach
	void resetTrace() {
		ConformanceSupport.resetTrace();
	}

	static Stream<Arguments> cases() {
		return Stream.of(Arguments.of("json", 128), Arguments.of("json", 256), Arguments.of("msgpack", 128),
				Arguments.of("msgpack", 256));
	}

	@ParameterizedTest(name = "jsToJava[{0}, aes-{1}]")
	@MethodSource("cases")
	void ablyJsPublishesAblyJavaReceives(String format, int keyBits) throws Exception {
		byte[] key = cipherKey(keyBits);
		String channel = "interop-js-java-" + format + "-" + keyBits + "-" + UUID.randomUUID();
		AblyRealtime java = new AblyRealtime(ConformanceSupport.options(server, format.equals("msgpack")));
		try {
			await().atMost(TIMEOUT).until(() -> java.connection.state == ConnectionState.connected);
			List<Message> received = new CopyOnWriteArrayList<>();
			Channel plain = java.channels.get(channel + "-plain");
			Channel secure = java.channels.get(channel + "-secure", ChannelOptions.withCipherKey(key));
			plain.subscribe(received::add);
			secure.subscribe(received::add);
			await().atMost(TIMEOUT)
				.until(() -> plain.state == ChannelState.attached && secure.state == ChannelState.attached);

			Script script = Script.start(format, "interop-publish", channel, "--cipher-key",
					Base64.getEncoder().encodeToString(key));
			JsonNode result = script.result();
			String diagnostics = script.diagnostics(result);
			script.kill();
			assertThat(result.path("ok").asBoolean(false)).as(diagnostics).isTrue();

			await().atMost(TIMEOUT).until(() -> received.size() >= 6);
			// And no more: nothing delivered twice.
			await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == 6);
			assertThat(received).as("messages received by ably-java").hasSize(6);
			Map<String, Message> byName = new HashMap<>();
			received.forEach((m) -> byName.put(m.name, m));
			for (String prefix : List.of("", "secure-")) {
				Message string = byName.get(prefix + "string");
				Message json = byName.get(prefix + "json");
				Message binary = byName.get(prefix + "binary");
				assertThat(string).as(prefix + "string").isNotNull();
				assertThat(string.data).as(prefix + "string").isEqualTo(JS_STRING);
				assertThat(json).as(prefix + "json").isNotNull();
				assertThat(json.data).as(prefix + "json").isInstanceOf(JsonElement.class);
				assertThat(json.data).as(prefix + "json").isEqualTo(JsonParser.parseString(JS_JSON));
				assertThat(binary).as(prefix + "binary").isNotNull();
				assertThat(binary.data).as(prefix + "binary").isInstanceOf(byte[].class);
				assertThat((byte[]) binary.data).as(prefix + "binary").isEqualTo(JS_BINARY);
				for (Message m : List.of(string, json, binary)) {
					assertThat(m.encoding).as(m.name + " fully decoded by ably-java").isNull();
				}
			}
		}
		finally {
			java.close();
		}
	}

	@ParameterizedTest(name = "javaToJs[{0}, aes-{1}]")
	@MethodSource("cases")
	void ablyJavaPublishesAblyJsReceives(String format, int keyBits) throws Exception {
		byte[] key = cipherKey(keyBits);
		String channel = "interop-java-js-" + format + "-" + keyBits + "-" + UUID.randomUUID();
		Script script = Script.start(format, "interop-subscribe", channel, "--cipher-key",
				Base64.getEncoder().encodeToString(key), "--expect", "6");
		AblyRealtime java = new AblyRealtime(ConformanceSupport.options(server, format.equals("msgpack")));
		try {
			script.awaitLine("READY");
			await().atMost(TIMEOUT).until(() -> java.connection.state == ConnectionState.connected);
			Channel plain = java.channels.get(channel + "-plain");
			Channel secure = java.channels.get(channel + "-secure", ChannelOptions.withCipherKey(key));
			for (Channel c : List.of(plain, secure)) {
				String prefix = c == plain ? "" : "secure-";
				c.publish(prefix + "string", JAVA_STRING);
				c.publish(prefix + "json", JsonParser.parseString(JAVA_JSON));
				c.publish(prefix + "binary", JAVA_BINARY);
			}
			JsonNode result = script.result();
			String diagnostics = script.diagnostics(result);
			assertThat(result.path("ok").asBoolean(false)).as(diagnostics).isTrue();
			Map<String, JsonNode> byName = new HashMap<>();
			result.path("received").forEach((m) -> byName.put(m.path("name").asString(), m));
			assertThat(byName.keySet()).as(diagnostics)
				.containsExactlyInAnyOrder("string", "json", "binary", "secure-string", "secure-json", "secure-binary");
			for (String prefix : List.of("", "secure-")) {
				JsonNode string = byName.get(prefix + "string");
				JsonNode json = byName.get(prefix + "json");
				JsonNode binary = byName.get(prefix + "binary");
				assertThat(string.path("type").asString()).as(diagnostics).isEqualTo("string");
				assertThat(string.path("data").asString()).as(diagnostics).isEqualTo(JAVA_STRING);
				assertThat(json.path("type").asString()).as(diagnostics).isEqualTo("object");
				assertThat(json.path("data")).as(diagnostics).isEqualTo(JSON.readTree(JAVA_JSON));
				assertThat(binary.path("type").asString()).as(diagnostics).isEqualTo("buffer");
				assertThat(Base64.getDecoder().decode(binary.path("data").asString())).as(diagnostics)
					.isEqualTo(JAVA_BINARY);
				for (JsonNode m : List.of(string, json, binary)) {
					assertThat(m.path("encoding").isNull()).as(diagnostics).isTrue();
					assertThat(m.path("connectionId").asString()).as(diagnostics).isEqualTo(java.connection.id);
				}
			}
		}
		finally {
			java.close();
			script.kill();
		}
	}

	// ---------------------------------------------------------------------------------------------------------------

	private static byte[] cipherKey(int bits) {
		byte[] key = new byte[bits / 8];
		new Random(bits).nextBytes(key);
		return key;
	}

	/** A running node scenario whose stdout lines are collected as they come. */
	private static final class Script {

		private final Process process;

		private final Path stderr;

		private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

		private final List<String> all = new CopyOnWriteArrayList<>();

		private final String label;

		private Script(Process process, Path stderr, String label) {
			this.process = process;
			this.stderr = stderr;
			this.label = label;
			Thread reader = new Thread(() -> {
				try (BufferedReader in = new BufferedReader(
						new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = in.readLine()) != null) {
						all.add(line);
						lines.add(line);
					}
				}
				catch (Exception ex) {
					all.add("(stdout read failed: " + ex + ")");
				}
			}, "interop-stdout-" + label);
			reader.setDaemon(true);
			reader.start();
		}

		static Script start(String format, String scenario, String channel, String... extra) throws Exception {
			List<String> command = new ArrayList<>(List.of(node.toString(), "scenarios/" + scenario + ".js", "--port",
					String.valueOf(server.port()), "--host", server.host(), "--key", server.key(), "--format", format,
					"--channel", channel, "--timeout-ms", String.valueOf(TIMEOUT.toMillis() - 5000)));
			command.addAll(List.of(extra));
			Path stderr = Files.createTempFile("ably-js-" + scenario + "-", ".err");
			Process process = new ProcessBuilder(command).directory(NODE_DIR.toFile())
				.redirectError(stderr.toFile())
				.start();
			return new Script(process, stderr, scenario + "[" + format + "]");
		}

		void awaitLine(String expected) throws Exception {
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				String line = lines.poll(100, TimeUnit.MILLISECONDS);
				if (expected.equals(line)) {
					return;
				}
				if (line == null && !process.isAlive() && lines.isEmpty()) {
					break;
				}
			}
			Assertions.fail(label + " never printed " + expected + "\nstdout: " + all + "\nstderr:\n" + stderr());
		}

		JsonNode result() throws Exception {
			if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				kill();
				Assertions.fail(label + " did not exit within " + TIMEOUT + "\nstdout: " + all + "\nstderr:\n" + stderr());
			}
			// The process has exited; its output reader may still be delivering the last lines.
			String last;
			try {
				last = await().atMost(Duration.ofSeconds(5))
					.until(() -> all.stream().filter((l) -> l.startsWith("{")).reduce((a, b) -> b).orElse(null),
							java.util.Objects::nonNull);
			}
			catch (org.awaitility.core.ConditionTimeoutException ex) {
				last = null;
			}
			if (last == null) {
				Assertions.fail(label + " printed no result (exit " + process.exitValue() + ")\nstdout: " + all
						+ "\nstderr:\n" + stderr());
			}
			return JSON.readTree(last);
		}

		String diagnostics(JsonNode result) {
			return label + " (exit " + (process.isAlive() ? "running" : process.exitValue()) + ")\nresult: " + result
					+ "\nstderr:\n" + stderr();
		}

		String stderr() {
			try {
				String text = NodeScenarios.read(stderr);
				return text.length() > 60_000 ? text.substring(text.length() - 60_000) : text;
			}
			catch (Exception ex) {
				return "(unreadable: " + ex + ")";
			}
		}

		void kill() throws Exception {
			if (process.isAlive()) {
				NodeScenarios.kill(process);
			}
			Files.deleteIfExists(stderr);
		}
	}
}
