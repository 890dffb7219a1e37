package io.github.ablyspring.client.interop;

import static io.github.ablyspring.client.interop.InteropSupport.NAMES;
import static io.github.ablyspring.client.interop.InteropSupport.OUR_BINARY;
import static io.github.ablyspring.client.interop.InteropSupport.OUR_STRING;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.EmbeddedAblyServer;
import io.github.ablyspring.server.conformance.NodeScenarios;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4 interop with the official ably-js 2.x SDK (the version pinned in the embedded server's
 * {@code src/test/node/package.json}), unmodified, through the embedded server, in JSON and msgpack, with string, JSON
 * object, binary and AES-128/AES-256 encrypted payloads (the same key on both sides).
 *
 * <ul>
 * <li>our REST client publishes, then {@code scenarios/rest-interop-read.js} reads REST history with ably-js and prints
 * the decoded payloads (binary as base64) as its JSON result line;</li>
 * <li>{@code scenarios/rest-interop-publish.js} publishes over ably-js REST, then our client's history must return
 * exactly those payloads ({@code String}, {@code JsonNode}, {@code byte[]}).</li>
 * </ul>
 *
 * <p>The scripts live in the embedded server module and are run from {@code ../ably-embedded-server/src/test/node}
 * (relative to this module's directory, surefire's working directory); {@code npm ci} runs there when
 * {@code node_modules/ably} is missing or stale ({@code NodeScenarios}, from the embedded server's test-jar). Without
 * node/npm the class is skipped, unless {@code -Dably.conformance.required=true}, in which case it fails.
 */
class AblyJsRestInteropTest {

	private static final Path NODE_DIR = Path.of("..", "ably-embedded-server", "src", "test", "node");

	private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

	/** Deadline handed to the scripts; they print an ok:false line and exit when it passes. */
	private static final Duration SCRIPT_DEADLINE = Duration.ofSeconds(30);

	/** Must match {@code PAYLOADS} of {@code scenarios/rest-interop-publish.js}. */
	private static final String JS_STRING = "héllo from ably-js rest ✓";

	private static final String JS_JSON = "{\"from\":\"ably-js\",\"via\":\"rest\",\"n\":11,\"list\":[1,\"two\",true,null,2.5],"
			+ "\"nested\":{\"ok\":true,\"empty\":{}}}";

	private static final byte[] JS_BINARY = { 0, 1, 2, 127, (byte) 128, (byte) 200, (byte) 254, (byte) 255 };

	private static Path node;

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void setUp() throws Exception {
		node = NodeScenarios.node().orElse(null);
		if (node == null) {
			NodeScenarios.skipOrFail("node not found on PATH: ably-js REST interop skipped");
		}
		installIfNeeded();
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void tearDown() {
		if (server != null) {
			server.close();
		}
	}

	@ParameterizedTest(name = "ourRestToAblyJsHistory[{0}, aes-{1}]")
	@MethodSource("io.github.ablyspring.client.interop.InteropSupport#cases")
	void ourRestPublishesAblyJsReadsHistory(String format, int keyBits) throws Exception {
		byte[] key = InteropSupport.cipherKey(keyBits);
		String base = "interop-ours-js-" + format + "-" + keyBits + "-" + UUID.randomUUID();
		try (AblyRest ours = InteropSupport.ourClient(server, format)) {
			InteropSupport.ourClientPublishes(ours, base, key);
		}

		NodeScenarios.Outcome outcome = run("rest-interop-read", format, base, key, "--expect", String.valueOf(NAMES.size()));
		outcome.assertOk();
		List<String> names = new ArrayList<>();
		Map<String, JsonNode> byName = new LinkedHashMap<>();
		outcome.json().path("messages").forEach((m) -> {
			names.add(m.path("name").asString());
			byName.put(m.path("name").asString(), m);
		});
		assertThat(names).as(outcome.diagnostics()).containsExactlyElementsOf(NAMES);
		for (String prefix : List.of("", "secure-")) {
			JsonNode string = byName.get(prefix + "string");
			JsonNode json = byName.get(prefix + "json");
			JsonNode binary = byName.get(prefix + "binary");
			assertThat(string.path("type").asString()).as(outcome.diagnostics()).isEqualTo("string");
			assertThat(string.path("data").asString()).as(outcome.diagnostics()).isEqualTo(OUR_STRING);
			assertThat(json.path("type").asString()).as(outcome.diagnostics()).isEqualTo("object");
			assertThat(json.path("data")).as(outcome.diagnostics()).isEqualTo(InteropSupport.ourJson());
			assertThat(binary.path("type").asString()).as(outcome.diagnostics()).isEqualTo("buffer");
			assertThat(Base64.getDecoder().decode(binary.path("data").asString())).as(outcome.diagnostics())
				.isEqualTo(OUR_BINARY);
			for (JsonNode m : List.of(string, json, binary)) {
				assertThat(m.path("encoding").isNull()).as(outcome.diagnostics()).isTrue();
			}
		}
	}

	@ParameterizedTest(name = "ablyJsRestToOurHistory[{0}, aes-{1}]")
	@MethodSource("io.github.ablyspring.client.interop.InteropSupport#cases")
	void ablyJsRestPublishesOurClientReadsHistory(String format, int keyBits) throws Exception {
		byte[] key = InteropSupport.cipherKey(keyBits);
		String base = "interop-js-ours-" + format + "-" + keyBits + "-" + UUID.randomUUID();

		NodeScenarios.Outcome outcome = run("rest-interop-publish", format, base, key);
		outcome.assertOk();

		Map<String, Message> byName;
		try (AblyRest ours = InteropSupport.ourClient(server, format)) {
			byName = InteropSupport.ourClientReads(ours, base, key);
		}
		assertThat(byName.keySet()).containsExactlyElementsOf(NAMES);
		try (AblyRest ours = InteropSupport.ourClient(server, format)) {
			// Without the key our client must see ciphertext: ably-js really encrypted with the case's key size.
			for (Message m : ours.channels().get(base + "-secure").history().items()) {
				assertThat(m.encoding()).as(m.toString()).contains("cipher+aes-" + keyBits + "-cbc");
			}
		}
		JsonNode expectedJson = Json.MAPPER.readTree(JS_JSON);
		for (String prefix : List.of("", "secure-")) {
			Message string = byName.get(prefix + "string");
			Message json = byName.get(prefix + "json");
			Message binary = byName.get(prefix + "binary");
			assertThat(string.data()).as(string.toString()).isInstanceOf(String.class).isEqualTo(JS_STRING);
			assertThat(json.data()).as(json.toString()).isInstanceOf(JsonNode.class).isEqualTo(expectedJson);
			assertThat(binary.data()).as(binary.toString()).isInstanceOf(byte[].class);
			assertThat((byte[]) binary.data()).as(binary.toString()).isEqualTo(JS_BINARY);
			for (Message m : List.of(string, json, binary)) {
				assertThat(m.encoding()).as(m.name() + " fully decoded by our client: " + m).isNull();
			}
		}
	}

	// ---------------------------------------------------------------------------------------------------------------

	private static NodeScenarios.Outcome run(String scenario, String format, String channel, byte[] key, String... extraArgs)
			throws Exception {
		List<String> command = new ArrayList<>(List.of(node.toString(), "scenarios/" + scenario + ".js", "--port",
				String.valueOf(server.port()), "--host", server.host(), "--key", EmbeddedServer.KEY, "--format", format,
				"--channel", channel, "--timeout-ms", String.valueOf(SCRIPT_DEADLINE.toMillis()), "--cipher-key",
				Base64.getEncoder().encodeToString(key)));
		command.addAll(List.of(extraArgs));
		String label = scenario + "[" + format + ", aes-" + key.length * 8 + "]";

		return NodeScenarios.run(NODE_DIR, command, label, format, SCRIPT_TIMEOUT);
	}

	private static void installIfNeeded() throws Exception {
		if (!Files.isRegularFile(NODE_DIR.resolve("package.json"))) {
			NodeScenarios.skipOrFail("ably-js scripts not found at " + NODE_DIR.toAbsolutePath()
					+ ": ably-js REST interop skipped");
		}
		NodeScenarios.installIfNeeded(NODE_DIR);
	}
}
