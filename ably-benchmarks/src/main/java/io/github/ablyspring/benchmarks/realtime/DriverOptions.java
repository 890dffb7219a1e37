package io.github.ablyspring.benchmarks.realtime;

import java.util.Locale;

/**
 * The command line shared by the Java and the node drivers: {@code --host --port --key --format msgpack|json
 * --scenario connect|publish|latency --messages --size --rate [--warmup] [--connects] [--warmup-connects]
 * [--timeout] [--sdk ours|ably-java]}.
 */
public record DriverOptions(String host, int port, String key, String format, String scenario, int messages, int size,
		int rate, int warmup, int connects, int warmupConnects, int timeoutSeconds, String sdk) {

	public boolean binary() {
		return format.equals("msgpack");
	}

	/** Absolute {@link System#nanoTime()} by which the whole scenario must be done. */
	public long deadline(long startNanos) {
		return startNanos + timeoutSeconds * 1_000_000_000L;
	}

	public static DriverOptions parse(String[] args) {
		String host = "127.0.0.1";
		int port = -1;
		String key = null;
		String format = "msgpack";
		String scenario = null;
		int messages = 10_000;
		int size = 100;
		int rate = 1_000;
		int warmup = 2_000;
		int connects = 20;
		int warmupConnects = 3;
		int timeout = 55;
		String sdk = "ours";
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			if (!name.startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --option value at " + name);
			}
			String v = args[++i];
			switch (name) {
				case "--host" -> host = v;
				case "--port" -> port = Integer.parseInt(v);
				case "--key" -> key = v;
				case "--format" -> format = v.toLowerCase(Locale.ROOT);
				case "--scenario" -> scenario = v.toLowerCase(Locale.ROOT);
				case "--messages" -> messages = Integer.parseInt(v);
				case "--size" -> size = Integer.parseInt(v);
				case "--rate" -> rate = Integer.parseInt(v);
				case "--warmup" -> warmup = Integer.parseInt(v);
				case "--connects" -> connects = Integer.parseInt(v);
				case "--warmup-connects" -> warmupConnects = Integer.parseInt(v);
				case "--timeout" -> timeout = Integer.parseInt(v);
				case "--sdk" -> sdk = v.toLowerCase(Locale.ROOT);
				default -> throw new IllegalArgumentException("unknown option " + name);
			}
		}
		if (port <= 0 || key == null || !key.contains(":")) {
			throw new IllegalArgumentException("--port N and --key appId.keyId:secret are required");
		}
		if (!format.equals("msgpack") && !format.equals("json")) {
			throw new IllegalArgumentException("--format must be msgpack or json");
		}
		if (scenario == null || !(scenario.equals("connect") || scenario.equals("publish")
				|| scenario.equals("latency"))) {
			throw new IllegalArgumentException("--scenario must be connect, publish or latency");
		}
		if (messages < 1 || size < 0 || rate < 1 || warmup < 0 || connects < 1 || warmupConnects < 0 || timeout < 1) {
			throw new IllegalArgumentException("counts must be positive");
		}
		return new DriverOptions(host, port, key, format, scenario, messages, size, rate, warmup, connects,
				warmupConnects, timeout, sdk);
	}

}
