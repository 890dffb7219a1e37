package io.github.ablyspring.benchmarks.realtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.ablyspring.server.EmbeddedAblyServer;

/**
 * Realtime comparison of our client with ably-java and ably-js: one {@link EmbeddedAblyServer} in this JVM, every
 * driver run as its own child process, each scenario x format for a few rounds with the SDK order rotated per round,
 * then a markdown table of medians and the goals checked.
 * <p>
 * Rounds numbered 0 or less are warm-up rounds (printed, not tabulated).
 * <p>
 * Run: {@code java -cp ably-benchmarks/target/ably-benchmarks.jar
 * io.github.ablyspring.benchmarks.realtime.RealtimeBenchmark}. Optional: {@code -Dbench.rounds=3
 * -Dbench.warmupRounds=1 -Dbench.sdks=ours,ably-java,ably-js -Dbench.scenarios=connect,publish,latency -Dbench.formats=msgpack,json
 * -Dbench.messages=20000 -Dbench.latencyMessages=5000 -Dbench.rate=1000 -Dbench.size=100 -Dbench.warmup=2000
 * -Dbench.connects=20 -Dbench.warmupConnects=3 -Dbench.timeout=55 -Dbench.node=node -Dbench.nodeDir=...
 * -Dbench.childJvmArgs="-Xmx512m"}.
 */
public final class RealtimeBenchmark {

	static final String KEY = "app.key:secret";

	private RealtimeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.getInteger("bench.rounds", 3);
		// Discarded rounds first: the in-process server's JIT is cold for each new scenario and format.
		int warmupRounds = Integer.getInteger("bench.warmupRounds", 1);
		List<String> sdks = list("bench.sdks", "ours,ably-java,ably-js");
		List<String> scenarios = list("bench.scenarios", "connect,publish,latency");
		List<String> formats = list("bench.formats", "msgpack,json");
		int timeout = Integer.getInteger("bench.timeout", 55);
		Path jar = ChildDriver.ownJar();
		Path nodeDir = Path.of(System.getProperty("bench.nodeDir", ChildDriver.defaultNodeDir(jar).toString()));
		String childJvmArgs = System.getProperty("bench.childJvmArgs", "").trim();
		ChildDriver child = new ChildDriver(jar.toString(), nodeDir,
				childJvmArgs.isEmpty() ? List.of() : List.of(childJvmArgs.split("\\s+")));
		if (sdks.contains("ably-js") && !Files.isDirectory(nodeDir.resolve("node_modules/ably"))) {
			System.out.println("# " + nodeDir + "/node_modules/ably missing: run `npm ci` there (ably-js skipped)");
			sdks = sdks.stream().filter(s -> !s.equals("ably-js")).toList();
		}
		System.out.printf("# RealtimeBenchmark: java %s, %d cpus, rounds %d, sdks %s, jar %s%n",
				System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), rounds, sdks, jar);

		List<Map<String, Object>> lines = new ArrayList<>();
		try (EmbeddedAblyServer server = EmbeddedAblyServer.builder().port(0).key(KEY).build().start()) {
			for (String scenario : scenarios) {
				for (String format : formats) {
					List<String> driverArgs = driverArgs(server.port(), scenario, format, timeout);
					System.out.println("# " + String.join(" ", driverArgs));
					for (int round = 1 - warmupRounds; round <= rounds; round++) {
						for (int i = 0; i < sdks.size(); i++) {
							// Rotated per round so no SDK always runs first (or right after another's load).
							String sdk = sdks.get((i + sdks.size() + round) % sdks.size());
							Map<String, Object> line = child.run(sdk, driverArgs, timeout);
							line.putIfAbsent("format", format);
							line.putIfAbsent("scenario", scenario);
							line.put("round", round);
							String json = RealtimeDriver.JSON.writeValueAsString(line);
							if (round > 0) {
								lines.add(line);
								System.out.println(json);
							}
							else {
								System.out.println("# warm-up " + json);
							}
						}
					}
				}
			}
		}
		System.out.println();
		ComparisonTable table = new ComparisonTable(lines, sdks);
		table.print(System.out, scenarios, formats);
		table.goals(System.out, formats, Integer.getInteger("bench.rate", 1_000));
		System.exit(0);
	}

	static List<String> driverArgs(int port, String scenario, String format, int timeout) {
		List<String> a = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--key", KEY,
				"--format", format, "--scenario", scenario, "--timeout", String.valueOf(timeout)));
		String messages = scenario.equals("latency") ? System.getProperty("bench.latencyMessages", "5000")
				: System.getProperty("bench.messages", "20000");
		a.addAll(List.of("--messages", messages, "--size", System.getProperty("bench.size", "100"), "--rate",
				System.getProperty("bench.rate", "1000"), "--warmup", System.getProperty("bench.warmup", "2000"),
				"--connects", System.getProperty("bench.connects", "20"), "--warmup-connects",
				System.getProperty("bench.warmupConnects", "3")));
		return a;
	}

	private static List<String> list(String property, String def) {
		return List.of(System.getProperty(property, def).split(","));
	}

}
