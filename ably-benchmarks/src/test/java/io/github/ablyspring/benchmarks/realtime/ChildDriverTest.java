package io.github.ablyspring.benchmarks.realtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.server.conformance.NodeScenarios;

import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner's child processes: a Java driver on this test's class path, and the node driver when node and its
 * {@code node_modules} (from {@code npm ci} in {@code src/main/node}) are there.
 */
class ChildDriverTest {

	private static final Path NODE_DIR = Path.of("src/main/node");

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().port(0).key(RealtimeBenchmark.KEY).build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static boolean nodeRuns() {
		try {
			return new ProcessBuilder("node", "--version").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor() == 0;
		}
		catch (java.io.IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static List<String> args(String scenario) {
		return List.of("--port", String.valueOf(server.port()), "--key", RealtimeBenchmark.KEY, "--format", "msgpack",
				"--scenario", scenario, "--messages", "100", "--warmup", "20", "--rate", "2000", "--connects", "2",
				"--warmup-connects", "1", "--timeout", "30");
	}

	@Test
	void javaDriverRunsAsAChildProcess() throws Exception {
		ChildDriver child = new ChildDriver(System.getProperty("java.class.path"), NODE_DIR, List.of());
		Map<String, Object> line = child.run("ably-java", args("publish"), 30);
		assertThat(line).containsEntry("ok", true).containsEntry("sdk", "ably-java").containsEntry("acked", 100);
	}

	@Test
	void nodeDriverPrintsTheSameFields() throws Exception {
		if (!nodeRuns()) {
			NodeScenarios.skipOrFail("node is not on PATH: the ably-js benchmark driver cannot run");
		}
		NodeScenarios.installIfNeeded(NODE_DIR);
		ChildDriver child = new ChildDriver(System.getProperty("java.class.path"), NODE_DIR, List.of());
		Map<String, Object> publish = child.run("ably-js", args("publish"), 30);
		assertThat(publish).containsEntry("ok", true).containsEntry("sdk", "ably-js").containsEntry("acked", 100)
			.containsKeys("msgs_per_s", "cpu_s_per_1000");
		Map<String, Object> latency = child.run("ably-js", args("latency"), 30);
		assertThat(latency).containsEntry("ok", true).containsEntry("received", 100).containsEntry("dupes", 0)
			.containsKeys("p50_ms", "p90_ms", "p99_ms", "max_ms");
		Map<String, Object> connect = child.run("ably-js", args("connect"), 30);
		assertThat(connect).containsEntry("ok", true).containsEntry("connects", 2)
			.containsKeys("connect_ms_median", "connect_ms_p99", "first_connect_ms");
	}

}
