package io.github.ablyspring.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official ably-js 2.x SDK, unmodified, against the embedded server, over JSON and msgpack.
 *
 * <p>Each scenario is an ES module under {@code src/test/node/scenarios} run with {@code node}; it prints one JSON
 * result line ({@code {"ok":true,"scenario":...,"checks":{...}}}) and exits by itself. On failure the script's stderr
 * (which then carries the ably-js MICRO-level log) is included in the assertion message.
 *
 * <p>Without {@code node}/{@code npm} on PATH the class is skipped, unless {@code -Dably.conformance.required=true}, in
 * which case it fails. {@code npm ci} runs once when {@code node_modules/ably} is missing or stale.
 */
class AblyJsConformanceTest {

	/** Relative to the module basedir, which is surefire's working directory. */
	private static final Path NODE_DIR = Path.of("src", "test", "node");

	private static final Duration SCENARIO_TIMEOUT = Duration.ofSeconds(60);

	/** Deadline handed to the scripts; they print an ok:false line and exit when it passes. */
	private static final Duration SCRIPT_DEADLINE = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Path node;

	private static EmbeddedAblyServer server;

	/** Subscribe-only key of {@link #server}, for the capability-denial cases of the errors scenario. */
	private static final String RESTRICTED_KEY = "app.restricted:secret2";

	/**
	 * A second server for scenarios needing non-default settings: AUTH 1 s before a token expires (token renewal)
	 * and the {@code /_emulator} fault injection API (resume after a transport drop, called by the script itself).
	 */
	private static EmbeddedAblyServer special;

	@BeforeAll
	static void setUp() throws Exception {
		node = NodeScenarios.node().orElse(null);
		if (node == null) {
			NodeScenarios.skipOrFail("node not found: ably-js conformance skipped");
		}
		NodeScenarios.installIfNeeded(NODE_DIR);
		server = EmbeddedAblyServer.builder()
			.key("app.key:secret")
			.key(RESTRICTED_KEY, "{\"allowed:*\":[\"subscribe\"]}")
			.build()
			.start();
		special = EmbeddedAblyServer.builder()
			.key("app.key:secret")
			.tokenExpiryWarning(Duration.ofSeconds(1))
			.faultInjection(true)
			.build()
			.start();
	}

	@AfterAll
	static void tearDown() {
		if (server != null) {
			server.close();
		}
		if (special != null) {
			special.close();
		}
	}

	@ParameterizedTest(name = "pubsub[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void pubsub(String format) throws Exception {
		NodeScenarios.Outcome outcome = run("pubsub", format);
		outcome.assertOk();
		outcome.assertChecks("attached", "count", "order", "string", "json", "binary", "decoded", "ids", "timestamps",
				"connectionId");
		assertThat(outcome.json().path("channelState").asString()).as(outcome.diagnostics()).isEqualTo("attached");
		assertThat(types(outcome.json().path("received"))).as(outcome.diagnostics())
			.containsExactly("string", "object", "buffer");
	}

	@ParameterizedTest(name = "publish100[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void publish100AllAcked(String format) throws Exception {
		NodeScenarios.Outcome outcome = run("publish-burst", format, "--count", "100");
		outcome.assertOk();
		outcome.assertChecks("allAcked", "allReceived", "inOrder", "uniqueIds");
		assertThat(outcome.json().path("acked").asInt()).as(outcome.diagnostics()).isEqualTo(100);
		assertThat(outcome.json().path("nacked").asInt()).as(outcome.diagnostics()).isZero();
		assertThat(outcome.json().path("received").asInt()).as(outcome.diagnostics()).isEqualTo(100);
	}

	@ParameterizedTest(name = "presence[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void presence(String format) throws Exception {
		NodeScenarios.Outcome outcome = run("presence", format);
		outcome.assertOk();
		outcome.assertChecks("enterSeen", "enterHasTimestamp", "observerGet", "selfGet", "syncGet", "updateSeen",
				"getAfterUpdate", "leaveSeen", "getAfterLeave");
		List<String> actions = new ArrayList<>();
		outcome.json().path("events").forEach((event) -> actions.add(event.path("action").asString()));
		assertThat(actions).as(outcome.diagnostics()).containsExactly("enter", "update", "leave");
		assertThat(outcome.json().path("lateMembers").size()).as(outcome.diagnostics()).isEqualTo(1);
	}

	@ParameterizedTest(name = "ping[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void ping(String format) throws Exception {
		NodeScenarios.Outcome outcome = run("ping", format);
		outcome.assertOk();
		outcome.assertChecks("numeric", "connectionDetails");
		assertThat(outcome.json().path("rtts").size()).as(outcome.diagnostics()).isEqualTo(3);
	}

	@ParameterizedTest(name = "restTime[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void restTime(String format) throws Exception {
		long before = System.currentTimeMillis();
		NodeScenarios.Outcome outcome = run("rest-time", format);
		long after = System.currentTimeMillis();
		outcome.assertOk();
		outcome.assertChecks("numeric", "plausible");
		// The server runs in this JVM, so its clock must fall within the script's lifetime.
		assertThat(outcome.json().path("time").asLong()).as(outcome.diagnostics())
			.isBetween(before - 1000, after + 1000);
	}

	@ParameterizedTest(name = "restPublishHistory[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void restPublishHistory(String format) throws Exception {
		NodeScenarios.Outcome outcome = run("rest-history", format);
		outcome.assertOk();
		outcome.assertChecks("liveReceived", "livePayloads", "historyNewestFirst", "historyPayloads", "historyIds",
				"historyTimestamps", "idempotentIdsKept", "paginated");
		List<String> names = new ArrayList<>();
		outcome.json().path("historyNames").forEach((name) -> names.add(name.asString()));
		assertThat(names).as(outcome.diagnostics()).containsExactly("batch2", "batch1", "binary", "json", "string");
		assertThat(outcome.json().path("pages").size()).as(outcome.diagnostics()).isEqualTo(3);
	}

	@ParameterizedTest(name = "tokenAuthCallback[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void tokenAuthCallback(String format) throws Exception {
		NodeScenarios.Outcome outcome = run("token-auth-callback", format);
		outcome.assertOk();
		outcome.assertChecks("authCallbackUsed", "tokenDetails", "tokenClientId", "noKeyUsed", "realtimeRoundTrip",
				"restPublish", "messageClientIds");
	}

	@ParameterizedTest(name = "tokenRenewal[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void tokenRenewalWhileConnected(String format) throws Exception {
		NodeScenarios.Outcome outcome = run(special, "token-renewal", format, "--ttl-ms", "3000");
		outcome.assertOk();
		outcome.assertChecks("renewedBeforeExpiry", "pastFirstExpiry", "newToken", "stayedConnected", "updateEvents",
				"sameConnection", "messaging");
	}

	@ParameterizedTest(name = "resumeAfterDrop[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void resumeAfterTransportDrop(String format) throws Exception {
		NodeScenarios.Outcome outcome = run(special, "resume", format);
		outcome.assertOk();
		outcome.assertChecks("dropped", "noLoss", "noDuplicates", "inOrder", "resumedSubscriber", "resumedPublisher",
				"channelAttached");
	}

	@ParameterizedTest(name = "restStatsAndRequestToken[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void restStatsAndRequestToken(String format) throws Exception {
		NodeScenarios.Outcome outcome = run("rest-stats-token", format);
		outcome.assertOk();
		outcome.assertChecks("statsArray", "statsInterval", "statsUnit", "statsEntries", "tokenString", "tokenTimes",
				"tokenClientId", "tokenCapability", "tokenUsable");
	}

	/** Ably's requestToken response carries the keyName the token was issued under (not part of TD1-TD7). */
	@ParameterizedTest(name = "requestTokenKeyName[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void requestTokenResponseCarriesKeyName(String format) throws Exception {
		NodeScenarios.Outcome outcome = run("rest-stats-token", format);
		outcome.assertOk();
		assertThat(outcome.json().path("token").path("keyName").asString(null)).as(outcome.diagnostics())
			.isEqualTo(server.key().substring(0, server.key().indexOf(':')));
	}

	@ParameterizedTest(name = "batchPublish[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void batchPublish(String format) throws Exception {
		NodeScenarios.Outcome outcome = run("batch-publish", format);
		outcome.assertOk();
		outcome.assertChecks("twoResults", "firstSpec", "secondSpec", "historyA", "historyB", "historyC");
	}

	@ParameterizedTest(name = "errors[{0}]")
	@ValueSource(strings = { "json", "msgpack" })
	void errors(String format) throws Exception {
		NodeScenarios.Outcome outcome = run("errors", format, "--restricted-key", RESTRICTED_KEY, "--allowed-prefix", "allowed:");
		outcome.assertOk();
		outcome.assertChecks("deniedAttach40160", "allowedAttachOk", "deniedPublish40160", "deniedRest40160",
				"limitedStillConnected", "invalidName40010", "invalidNameStatus400", "connectedAfterInvalid",
				"goodChannelWorks", "oversizeClientSide40009", "oversizeServer40009", "connectedAfterOversize",
				"oversizeRest40009");
	}

	// ---------------------------------------------------------------------------------------------------------------

	private static List<String> types(JsonNode received) {
		List<String> types = new ArrayList<>();
		received.forEach((message) -> types.add(message.path("type").asString()));
		return types;
	}

	private static NodeScenarios.Outcome run(String scenario, String format, String... extraArgs) throws Exception {
		return run(server, scenario, format, extraArgs);
	}

	private static NodeScenarios.Outcome run(EmbeddedAblyServer server, String scenario, String format, String... extraArgs)
			throws Exception {
		List<String> command = new ArrayList<>(List.of(node.toString(), "scenarios/" + scenario + ".js", "--port",
				String.valueOf(server.port()), "--host", server.host(), "--key", server.key(), "--format", format,
				"--channel", "ably-js-" + scenario + "-" + format + "-" + UUID.randomUUID(), "--timeout-ms",
				String.valueOf(SCRIPT_DEADLINE.toMillis())));
		command.addAll(List.of(extraArgs));
		String label = scenario + "[" + format + "]";

		return NodeScenarios.run(NODE_DIR, command, label, format, SCENARIO_TIMEOUT);
	}

}
