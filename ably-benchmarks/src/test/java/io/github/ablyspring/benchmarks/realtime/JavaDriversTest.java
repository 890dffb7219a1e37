package io.github.ablyspring.benchmarks.realtime;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;

/** Each scenario of the Java driver with each Java SDK, small counts, against an in-process embedded server. */
class JavaDriversTest {

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().port(0).key(RealtimeBenchmark.KEY).build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest
	@CsvSource({ "ably-java,connect,msgpack,connect_ms_p99", "ably-java,publish,json,msgs_per_s",
			"ably-java,publish,msgpack,cpu_s_per_1000", "ably-java,latency,msgpack,p99_ms",
			"ours,connect,json,connect_ms_p99", "ours,publish,msgpack,msgs_per_s", "ours,publish,json,cpu_s_per_1000",
			"ours,latency,msgpack,p99_ms" })
	void scenarioPrintsAnOkLine(String sdk, String scenario, String format, String field) {
		Map<String, Object> line = RealtimeDriver.run(DriverOptions.parse(new String[] { "--port",
				String.valueOf(server.port()), "--key", RealtimeBenchmark.KEY, "--format", format, "--scenario", scenario,
				"--messages", "200", "--warmup", "50", "--rate", "2000", "--connects", "3", "--warmup-connects", "1",
				"--timeout", "30", "--sdk", sdk }));
		assertThat(line).containsEntry("ok", true).containsEntry("sdk", sdk).containsEntry("format", format)
			.containsEntry("scenario", scenario);
		assertThat(line.get(field)).isInstanceOf(Number.class);
		if (!scenario.equals("connect")) {
			assertThat(line).containsEntry("acked", 200);
		}
		if (scenario.equals("latency")) {
			assertThat(line).containsEntry("received", 200).containsEntry("dupes", 0);
		}
	}

}
