package io.github.ablyspring.benchmarks.realtime;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** Percentiles and process CPU, shared by the driver scenarios and the runner. */
final class Stats {

	private Stats() {
	}

	/** Nearest-rank percentile ({@code p} in 0..100) of unsorted values; NaN when empty. */
	static double percentile(double[] values, double p) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] s = values.clone();
		Arrays.sort(s);
		int rank = (int) Math.ceil(p / 100 * s.length);
		return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
	}

	/** Middle value, or the mean of the two middle values. NaN when empty. */
	static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] s = values.clone();
		Arrays.sort(s);
		int n = s.length;
		return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	}

	/** Rounded to 3 decimals, or null for NaN so the JSON line stays valid. */
	static Double round3(double v) {
		return Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 1000) / 1000.0;
	}

	/** CPU time (user + system) of this whole process so far, in nanoseconds. */
	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
