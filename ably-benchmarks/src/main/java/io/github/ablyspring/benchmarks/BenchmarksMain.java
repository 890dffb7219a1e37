package io.github.ablyspring.benchmarks;

import java.util.Arrays;

import io.github.ablyspring.benchmarks.realtime.RealtimeDriver;

/**
 * Main class of the shaded jar: {@code --scenario ...} runs the realtime driver, anything else goes to JMH unchanged,
 * so {@code java -jar ably-benchmarks.jar [JMH options]} keeps working.
 */
public final class BenchmarksMain {

	private BenchmarksMain() {
	}

	public static void main(String[] args) throws Exception {
		if (Arrays.asList(args).contains("--scenario")) {
			RealtimeDriver.main(args);
		}
		else {
			org.openjdk.jmh.Main.main(args);
		}
	}

}
