package io.github.ablyspring.benchmarks.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The three driver scenarios, written once against {@link RealtimeSdk} so every Java SDK is measured by the same
 * code. Each fills the result line as it goes, so a timeout or error still reports how far it got.
 */
final class Scenarios {

	private Scenarios() {
	}

	/** Fresh sequential connections to CONNECTED; the first {@code --warmup-connects} are not in the statistics. */
	static void connect(RealtimeSdk sdk, DriverOptions o, Deadline deadline, Map<String, Object> line)
			throws Exception {
		List<Double> measured = new ArrayList<>();
		int total = o.warmupConnects() + o.connects();
		for (int i = 0; i < total; i++) {
			long t0 = System.nanoTime();
			RealtimeSdk.Client client = sdk.connect(o);
			double ms;
			try {
				deadline.await(client.connected(), "connection " + (i + 1) + " to be CONNECTED");
				ms = (System.nanoTime() - t0) / 1e6;
			}
			finally {
				client.close();
			}
			if (i == 0) {
				line.put("first_connect_ms", Stats.round3(ms));
			}
			if (i >= o.warmupConnects()) {
				measured.add(ms);
				double[] v = measured.stream().mapToDouble(Double::doubleValue).toArray();
				line.put("connects", v.length);
				line.put("connect_ms_median", Stats.round3(Stats.median(v)));
				line.put("connect_ms_p99", Stats.round3(Stats.percentile(v, 99)));
			}
		}
		line.put("ok", measured.size() == o.connects());
	}

	/**
	 * One connection and channel: {@code --warmup} publishes all in flight and their ACKs, then {@code --messages}
	 * publishes all in flight, timed from the first publish call to the last ACK. CPU is this whole process over the
	 * same window (for a driver in its own process that is the SDK plus this loop).
	 */
	static void publish(RealtimeSdk sdk, DriverOptions o, Deadline deadline, Map<String, Object> line)
			throws Exception {
		String data = "x".repeat(o.size());
		try (RealtimeSdk.Client client = sdk.connect(o)) {
			deadline.await(client.connected(), "CONNECTED");
			RealtimeSdk.Channel channel = client.channel(channelName("publish"));
			deadline.await(channel.attach(), "ATTACHED");
			if (o.warmup() > 0) {
				PublishTally warm = burst(channel, o.warmup(), data);
				if (!deadline.until(warm::complete) || warm.failedCount() > 0) {
					line.put("warmup_acked", warm.ackedCount());
					throw new IllegalStateException("warm-up not fully ACKed: " + warm.ackedCount() + " of " + o.warmup()
							+ (warm.firstFailure() == null ? "" : ", first failure: " + warm.firstFailure()));
				}
			}
			long cpu0 = Stats.processCpuNanos();
			long t0 = System.nanoTime();
			PublishTally tally = burst(channel, o.messages(), data);
			boolean complete = deadline.until(tally::complete);
			long cpu1 = Stats.processCpuNanos();
			long end = complete ? tally.lastNanos() : System.nanoTime();
			int acked = tally.ackedCount();
			line.put("acked", acked);
			line.put("failed", tally.failedCount());
			line.put("msgs_per_s", Stats.round3(acked * 1e9 / (end - t0)));
			line.put("cpu_s_per_1000", Stats.round3(acked == 0 ? Double.NaN : (cpu1 - cpu0) / 1e9 / acked * 1000));
			line.put("seconds", Stats.round3((end - t0) / 1e9));
			if (tally.firstFailure() != null) {
				line.put("error", String.valueOf(tally.firstFailure()));
			}
			line.put("ok", acked == o.messages() && tally.failedCount() == 0);
		}
	}

	private static PublishTally burst(RealtimeSdk.Channel channel, int count, String data) {
		PublishTally tally = new PublishTally(count);
		for (int i = 0; i < count; i++) {
			channel.publish("bench", data, tally);
		}
		return tally;
	}

	/**
	 * A publisher and a subscriber connection on one channel, publishing at {@code --rate} msgs/s (open loop: a late
	 * publish is not made up by a burst beyond the next slot). Latency is nanoTime at receipt minus the nanoTime in
	 * the name, both taken in this process. The warm-up runs at the same rate and must fully arrive first.
	 */
	static void latency(RealtimeSdk sdk, DriverOptions o, Deadline deadline, Map<String, Object> line)
			throws Exception {
		String data = "x".repeat(o.size());
		String name = channelName("latency");
		LatencyReceiver receiver = new LatencyReceiver(o.messages());
		try (RealtimeSdk.Client subscriber = sdk.connect(o); RealtimeSdk.Client publisher = sdk.connect(o)) {
			deadline.await(subscriber.connected(), "subscriber CONNECTED");
			deadline.await(publisher.connected(), "publisher CONNECTED");
			RealtimeSdk.Channel subChannel = subscriber.channel(name);
			subChannel.subscribe(receiver::onMessage);
			deadline.await(subChannel.attach(), "subscriber ATTACHED");
			RealtimeSdk.Channel pubChannel = publisher.channel(name);
			deadline.await(pubChannel.attach(), "publisher ATTACHED");
			if (o.warmup() > 0) {
				PublishTally warm = paced(pubChannel, "W:", o.warmup(), o.rate(), data, deadline);
				if (!deadline.until(() -> warm.complete() && receiver.warmupReceived() >= o.warmup())
						|| warm.failedCount() > 0) {
					throw new IllegalStateException("warm-up incomplete: acked " + warm.ackedCount() + ", received "
							+ receiver.warmupReceived() + " of " + o.warmup());
				}
			}
			PublishTally tally = paced(pubChannel, "L:", o.messages(), o.rate(), data, deadline);
			deadline.until(() -> tally.complete() && receiver.received() >= o.messages());
			// A short grace period so duplicates arriving just after the last message are counted too.
			Thread.sleep(Math.min(200, deadline.remainingNanos() / 1_000_000));
			double[] ms = receiver.latenciesMs();
			line.put("p50_ms", Stats.round3(Stats.percentile(ms, 50)));
			line.put("p90_ms", Stats.round3(Stats.percentile(ms, 90)));
			line.put("p99_ms", Stats.round3(Stats.percentile(ms, 99)));
			line.put("max_ms", Stats.round3(Stats.percentile(ms, 100)));
			line.put("received", receiver.received());
			line.put("acked", tally.ackedCount());
			line.put("dupes", receiver.dupes());
			if (tally.firstFailure() != null) {
				line.put("error", String.valueOf(tally.firstFailure()));
			}
			line.put("ok", receiver.received() == o.messages() && tally.ackedCount() == o.messages()
					&& tally.failedCount() == 0);
		}
	}

	/** Publishes {@code count} messages named {@code prefix<seq>:<nanoTime>} at {@code rate} per second. */
	private static PublishTally paced(RealtimeSdk.Channel channel, String prefix, int count, int rate, String data,
			Deadline deadline) {
		PublishTally tally = new PublishTally(count);
		long interval = 1_000_000_000L / rate;
		long start = System.nanoTime();
		for (int i = 0; i < count && !deadline.passed(); i++) {
			long due = start + i * interval;
			for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			channel.publish(prefix + i + ":" + System.nanoTime(), data, tally);
		}
		return tally;
	}

	private static String channelName(String scenario) {
		return "bench-" + scenario + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
	}

}
