package io.github.ablyspring.benchmarks.realtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DriverPartsTest {

	@Test
	void parsesTheDocumentedCommandLineWithDefaults() {
		DriverOptions o = DriverOptions.parse(new String[] { "--host", "127.0.0.1", "--port", "18082", "--key",
				"app.key:secret", "--format", "json", "--scenario", "latency", "--messages", "50", "--size", "10",
				"--rate", "500" });
		assertThat(o.binary()).isFalse();
		assertThat(o.rate()).isEqualTo(500);
		assertThat(o.warmup()).isEqualTo(2000);
		assertThat(o.connects()).isEqualTo(20);
		assertThat(o.warmupConnects()).isEqualTo(3);
		assertThat(o.timeoutSeconds()).isEqualTo(55);
		assertThat(o.sdk()).isEqualTo("ours");
	}

	@Test
	void rejectsAMissingPortOrUnknownScenario() {
		assertThatThrownBy(() -> DriverOptions.parse(new String[] { "--key", "a.b:c", "--scenario", "publish" }))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> DriverOptions
			.parse(new String[] { "--port", "1", "--key", "a.b:c", "--scenario", "fanout" }))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void percentilesAreNearestRank() {
		double[] v = new double[100];
		for (int i = 0; i < 100; i++) {
			v[i] = 100 - i;
		}
		assertThat(Stats.percentile(v, 50)).isEqualTo(50);
		assertThat(Stats.percentile(v, 99)).isEqualTo(99);
		assertThat(Stats.percentile(v, 100)).isEqualTo(100);
		assertThat(Stats.median(new double[] { 3, 1, 2, 10 })).isEqualTo(2.5);
		assertThat(Stats.round3(Double.NaN)).isNull();
	}

	@Test
	void receiverKeepsOneLatencyPerSequenceAndCountsDupes() {
		LatencyReceiver r = new LatencyReceiver(3);
		long sent = System.nanoTime();
		r.onMessage("W:0:" + sent);
		r.onMessage("L:0:" + sent);
		r.onMessage("L:2:" + sent);
		r.onMessage("L:2:" + sent);
		r.onMessage("bench");
		assertThat(r.warmupReceived()).isEqualTo(1);
		assertThat(r.received()).isEqualTo(2);
		assertThat(r.dupes()).isEqualTo(1);
		assertThat(r.foreign()).isEqualTo(1);
		assertThat(r.latenciesMs()).hasSize(2);
		assertThat(java.util.Arrays.stream(r.latenciesMs()).allMatch(ms -> ms >= 0 && ms < 10_000)).isTrue();
	}

	@Test
	void tallyIsCompleteOnlyOnceTheEndTimeIsSet() throws Exception {
		for (int run = 0; run < 200; run++) {
			PublishTally tally = new PublishTally(2_000);
			long t0 = System.nanoTime();
			Thread[] threads = new Thread[2];
			for (int t = 0; t < threads.length; t++) {
				threads[t] = new Thread(() -> {
					for (int i = 0; i < 1_000; i++) {
						tally.acked();
					}
				});
				threads[t].start();
			}
			while (!tally.complete()) {
				Thread.onSpinWait();
			}
			assertThat(tally.lastNanos()).isGreaterThanOrEqualTo(t0);
			for (Thread t : threads) {
				t.join();
			}
			assertThat(tally.ackedCount()).isEqualTo(2_000);
		}
	}

	@Test
	void tableUsesOkRoundsOnlyAndComparesWithTheBestOfficialSdk() {
		List<Map<String, Object>> lines = new ArrayList<>();
		lines.add(line("ours", true, 60_000));
		lines.add(line("ours", true, 80_000));
		lines.add(line("ours", false, 1));
		lines.add(line("ably-java", true, 10_000));
		lines.add(line("ably-js", true, 20_000));
		ComparisonTable table = new ComparisonTable(lines, List.of("ours", "ably-java", "ably-js"));
		assertThat(table.median("ours", "publish", "msgpack", "msgs_per_s")).isEqualTo(70_000);
		var out = new java.io.ByteArrayOutputStream();
		table.print(new java.io.PrintStream(out, true), List.of("publish"), List.of("msgpack"));
		assertThat(out.toString()).contains("| publish | msgpack | ok rounds | 2/3 | 1/1 | 1/1 |")
			.contains("| publish | msgpack | msgs_per_s | 70,000 | 10,000 | 20,000 | 3.50× |");
	}

	private static Map<String, Object> line(String sdk, boolean ok, double msgsPerS) {
		Map<String, Object> l = new LinkedHashMap<>();
		l.put("ok", ok);
		l.put("sdk", sdk);
		l.put("format", "msgpack");
		l.put("scenario", "publish");
		l.put("msgs_per_s", msgsPerS);
		return l;
	}

}
