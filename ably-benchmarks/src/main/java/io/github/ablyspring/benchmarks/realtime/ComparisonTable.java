package io.github.ablyspring.benchmarks.realtime;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Medians per SDK of the drivers' JSON lines, as a markdown table, and the realtime goals checked against them. */
final class ComparisonTable {

	private static final List<String> OFFICIAL = List.of("ably-java", "ably-js");

	/** Metric key, the scenario it comes from, and whether higher is better. */
	private record Metric(String scenario, String key, boolean higherBetter) {
	}

	private static final List<Metric> METRICS = List.of(new Metric("connect", "connect_ms_median", false),
			new Metric("connect", "connect_ms_p99", false), new Metric("connect", "first_connect_ms", false),
			new Metric("publish", "msgs_per_s", true), new Metric("publish", "cpu_s_per_1000", false),
			new Metric("latency", "p50_ms", false), new Metric("latency", "p90_ms", false),
			new Metric("latency", "p99_ms", false), new Metric("latency", "max_ms", false));

	private final List<Map<String, Object>> lines;

	private final List<String> sdks;

	ComparisonTable(List<Map<String, Object>> lines, List<String> sdks) {
		this.lines = lines;
		this.sdks = sdks;
	}

	/** Median over the ok rounds of one SDK, NaN if it had none. */
	double median(String sdk, String scenario, String format, String key) {
		return Stats.median(lines.stream()
			.filter(l -> sdk.equals(l.get("sdk")) && scenario.equals(l.get("scenario"))
					&& format.equals(l.get("format")) && Boolean.TRUE.equals(l.get("ok")))
			.map(l -> l.get(key))
			.filter(v -> v instanceof Number)
			.mapToDouble(v -> ((Number) v).doubleValue())
			.toArray());
	}

	private long okRounds(String sdk, String scenario, String format) {
		return lines.stream().filter(l -> sdk.equals(l.get("sdk")) && scenario.equals(l.get("scenario"))
				&& format.equals(l.get("format")) && Boolean.TRUE.equals(l.get("ok"))).count();
	}

	private long rounds(String sdk, String scenario, String format) {
		return lines.stream().filter(l -> sdk.equals(l.get("sdk")) && scenario.equals(l.get("scenario"))
				&& format.equals(l.get("format"))).count();
	}

	/** Best median among the official SDKs that ran, NaN if none did. */
	double bestOfficial(Metric m, String format) {
		double best = Double.NaN;
		for (String sdk : OFFICIAL) {
			double v = sdks.contains(sdk) ? median(sdk, m.scenario(), format, m.key()) : Double.NaN;
			if (!Double.isNaN(v) && (Double.isNaN(best) || (m.higherBetter() ? v > best : v < best))) {
				best = v;
			}
		}
		return best;
	}

	void print(PrintStream out, List<String> scenarios, List<String> formats) {
		StringBuilder head = new StringBuilder("| scenario | format | metric |");
		StringBuilder rule = new StringBuilder("|---|---|---|");
		for (String sdk : sdks) {
			head.append(' ').append(sdk).append(" |");
			rule.append("---:|");
		}
		out.println(head.append(" ours / best official |"));
		out.println(rule.append("---:|"));
		for (String scenario : scenarios) {
			for (String format : formats) {
				StringBuilder okRow = new StringBuilder("| " + scenario + " | " + format + " | ok rounds |");
				for (String sdk : sdks) {
					okRow.append(' ').append(okRounds(sdk, scenario, format)).append('/')
						.append(rounds(sdk, scenario, format)).append(" |");
				}
				out.println(okRow.append(" |"));
				for (Metric m : METRICS) {
					if (!m.scenario().equals(scenario)) {
						continue;
					}
					StringBuilder row = new StringBuilder("| " + scenario + " | " + format + " | " + m.key() + " |");
					for (String sdk : sdks) {
						row.append(' ').append(fmt(median(sdk, scenario, format, m.key()))).append(" |");
					}
					double ratio = median("ours", scenario, format, m.key()) / bestOfficial(m, format);
					row.append(' ').append(Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f×", ratio));
					out.println(row.append(" |"));
				}
			}
		}
	}

	void goals(PrintStream out, List<String> formats, int rate) {
		out.println();
		for (String format : formats) {
			double ours = median("ours", "publish", format, "msgs_per_s");
			double best = bestOfficial(METRICS.get(3), format);
			out.printf(Locale.ROOT, "- %s publish: ours %s msg/s, best official %s; goal >= 1.5x best and >= 50,000: %s%n",
					format, fmt(ours), fmt(best), verdict(ours >= 1.5 * best && ours >= 50_000, ours, best));
			double p99 = median("ours", "latency", format, "p99_ms");
			double bestP99 = bestOfficial(METRICS.get(7), format);
			out.printf(Locale.ROOT, "- %s latency p99 at %d msg/s: ours %s ms, best official %s ms; goal <= best and < 2 ms: %s%n",
					format, rate, fmt(p99), fmt(bestP99), verdict(p99 <= bestP99 && p99 < 2, p99, bestP99));
			double cpu = median("ours", "publish", format, "cpu_s_per_1000");
			double javaCpu = median("ably-java", "publish", format, "cpu_s_per_1000");
			out.printf(Locale.ROOT, "- %s CPU per 1,000 publishes: ours %s s, ably-java %s s; goal <= half of ably-java: %s%n",
					format, fmt(cpu), fmt(javaCpu), verdict(cpu <= javaCpu / 2, cpu, javaCpu));
		}
	}

	private static String verdict(boolean met, double ours, double other) {
		return Double.isNaN(ours) || Double.isNaN(other) ? "not measured" : met ? "**met**" : "**not met**";
	}

	private static String fmt(double v) {
		if (Double.isNaN(v)) {
			return "–";
		}
		return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3f", v);
	}

}
