package io.github.ablyspring.benchmarks.realtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.json.JsonMapper;

/**
 * One scenario with one SDK in this process, printing ONE JSON line on stdout (diagnostics go to stderr), then
 * exiting: {@code --scenario connect|publish|latency --sdk ours|ably-java ...}, see {@link DriverOptions}. The node
 * driver ({@code src/main/node/driver.js}) takes the same arguments and prints the same fields.
 */
public final class RealtimeDriver {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** After the deadline, how long the scenario thread gets to report before the line is printed without it. */
	private static final long GRACE_MS = 5_000;

	private RealtimeDriver() {
	}

	public static void main(String[] args) {
		DriverOptions options;
		try {
			options = DriverOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println("usage: --host H --port N --key K --format msgpack|json --scenario connect|publish|latency"
					+ " --messages N --size BYTES --rate R [--warmup 2000] [--connects 20] [--warmup-connects 3]"
					+ " [--timeout 55] [--sdk ours|ably-java]");
			System.exit(2);
			return;
		}
		Map<String, Object> line = run(options);
		synchronized (line) {
			System.out.println(JSON.writeValueAsString(line));
		}
		System.out.flush();
		// SDK threads (ably-java's, ours) may be non-daemon or still closing; the line is all that matters.
		System.exit(Boolean.TRUE.equals(line.get("ok")) ? 0 : 1);
	}

	/**
	 * Runs the scenario on its own thread and returns its line; if that thread is stuck in an SDK call past the
	 * deadline, the line so far is returned with an error instead of hanging.
	 */
	static Map<String, Object> run(DriverOptions o) {
		Map<String, Object> line = Collections.synchronizedMap(new LinkedHashMap<>());
		line.put("ok", false);
		line.put("sdk", o.sdk());
		line.put("format", o.format());
		line.put("scenario", o.scenario());
		switch (o.scenario()) {
			case "connect" -> line.put("connects_requested", o.connects());
			case "publish" -> {
				line.put("messages", o.messages());
				line.put("size", o.size());
			}
			default -> {
				line.put("messages", o.messages());
				line.put("size", o.size());
				line.put("rate", o.rate());
			}
		}
		Deadline deadline = new Deadline(o.deadline(System.nanoTime()));
		Thread worker = new Thread(() -> {
			try {
				RealtimeSdk sdk = sdk(o.sdk());
				switch (o.scenario()) {
					case "connect" -> Scenarios.connect(sdk, o, deadline, line);
					case "publish" -> Scenarios.publish(sdk, o, deadline, line);
					default -> Scenarios.latency(sdk, o, deadline, line);
				}
			}
			catch (Throwable ex) {
				ex.printStackTrace();
				line.put("ok", false);
				line.putIfAbsent("error", String.valueOf(ex));
			}
		}, "realtime-driver");
		worker.setDaemon(true);
		worker.start();
		try {
			worker.join(TimeUnit.NANOSECONDS.toMillis(deadline.remainingNanos()) + GRACE_MS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (worker.isAlive()) {
			line.put("ok", false);
			line.putIfAbsent("error", "scenario still running " + GRACE_MS + " ms after --timeout");
		}
		return line;
	}

	static RealtimeSdk sdk(String name) {
		return switch (name) {
			case "ably-java" -> new AblyJavaSdk();
			case "ours" -> new OursSdk();
			default -> throw new IllegalArgumentException("unknown --sdk " + name + " (ours, ably-java)");
		};
	}

}
