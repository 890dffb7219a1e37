package io.github.ablyspring.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.rest.HistoryParams;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.rest.RestChannel;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;

/**
 * Plain-Java (not JMH) benchmark of REST publish throughput: our {@code AblyRest} ({@code ably-client}) beside
 * ably-java 1.5.0's {@code io.ably.lib.rest.AblyRest}, both against one {@link EmbeddedAblyServer} in this JVM, msgpack,
 * one 100-byte string message per publish, N publishes kept in flight through each library's async publish.
 * <p>
 * Per N: a warm-up of each client, then rounds alternating ours, ably-java, ours, ... Each round publishes
 * {@code bench.messages} messages (or stops issuing after {@code bench.maxSeconds}) to a fresh channel and measures
 * msgs/s, process CPU time per publish and bytes allocated per publish, summed over all threads of the JVM (the
 * in-process server included;
 * its work per message is the same for both clients). The first measured round of each client and N is checked
 * against the server's history (count of messages equals the successful publishes). The table gives medians over the
 * rounds, and the median of the per-round ratios (round r of ours against round r of ably-java, run back to back).
 * <p>
 * Run: {@code java -cp ably-benchmarks/target/ably-benchmarks.jar io.github.ablyspring.benchmarks.RestPublishBenchmark}.
 * Optional: {@code -Dbench.n=1,8,32 -Dbench.messages=20000 -Dbench.warmup=5000 -Dbench.rounds=3
 * -Dbench.maxSeconds=20 -Dbench.clients=ours,ablyJava}.
 */
public final class RestPublishBenchmark {

	static final String KEY = "app.key:secret";

	/** 100 ASCII characters: 100 bytes of string data per message. */
	static final String DATA = "x".repeat(100);

	static final String NAME = "bench";

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
		ManagementFactory.getOperatingSystemMXBean();

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private RestPublishBenchmark() {
	}

	/** One library's async publish, reduced to callbacks. */
	interface Client extends AutoCloseable {

		String label();

		void publish(String channel, String data, Runnable onSuccess, Consumer<Object> onError);

		@Override
		void close() throws Exception;

	}

	static final class Ours implements Client {

		final AblyRest rest;

		Ours(int port) {
			this.rest = new AblyRest(ClientOptions.builder()
				.key(KEY)
				.endpoint("127.0.0.1")
				.tls(false)
				.port(port)
				.useBinaryProtocol(true)
				.build());
		}

		@Override
		public String label() {
			return "ours";
		}

		@Override
		public void publish(String channel, String data, Runnable onSuccess, Consumer<Object> onError) {
			rest.channels().get(channel).publishAsync(NAME, data).whenComplete((r, e) -> {
				if (e == null) {
					onSuccess.run();
				}
				else {
					onError.accept(e);
				}
			});
		}

		@Override
		public void close() {
			rest.close();
		}

	}

	static final class AblyJava implements Client {

		final io.ably.lib.rest.AblyRest rest;

		AblyJava(int port) throws Exception {
			io.ably.lib.types.ClientOptions o = new io.ably.lib.types.ClientOptions(KEY);
			o.tls = false;
			o.port = port;
			o.restHost = "127.0.0.1";
			o.useBinaryProtocol = true;
			o.logLevel = io.ably.lib.util.Log.ERROR;
			this.rest = new io.ably.lib.rest.AblyRest(o);
		}

		@Override
		public String label() {
			return "ably-java";
		}

		@Override
		public void publish(String channel, String data, Runnable onSuccess, Consumer<Object> onError) {
			rest.channels.get(channel).publishAsync(NAME, data, new io.ably.lib.realtime.CompletionListener() {
				@Override
				public void onSuccess() {
					onSuccess.run();
				}

				@Override
				public void onError(io.ably.lib.types.ErrorInfo reason) {
					onError.accept(reason);
				}
			});
		}

		@Override
		public void close() throws Exception {
			rest.close();
		}

	}

	record Round(String client, int n, int round, long ok, long errors, long nanos, long allocated, long heapAllocated,
			long cpuNanos) {

		/** Process CPU time (user + system, all threads, server included) per publish: less noisy than msgs/s. */
		double cpuMicrosPerPublish() {
			return ok == 0 ? Double.NaN : cpuNanos / 1e3 / ok;
		}

		double heapBytesPerPublish() {
			return ok == 0 ? Double.NaN : (double) heapAllocated / ok;
		}


		double msgsPerSec() {
			return ok * 1e9 / nanos;
		}

		double bytesPerPublish() {
			return ok == 0 ? Double.NaN : (double) allocated / ok;
		}

	}

	public static void main(String[] args) throws Exception {
		try {
			benchmark();
		}
		catch (Throwable t) {
			// The in-process server's threads would keep a failed run's JVM alive.
			t.printStackTrace();
			System.exit(1);
		}
	}

	static void benchmark() throws Exception {
		int[] ns = Arrays.stream(System.getProperty("bench.n", "1,8,32").split(",")).mapToInt(Integer::parseInt).toArray();
		int messages = Integer.getInteger("bench.messages", 20_000);
		int warmup = Integer.getInteger("bench.warmup", 5_000);
		int rounds = Integer.getInteger("bench.rounds", 3);
		long maxNanos = TimeUnit.SECONDS.toNanos(Integer.getInteger("bench.maxSeconds", 20));
		List<String> which = List.of(System.getProperty("bench.clients", "ours,ablyJava").split(","));
		System.out.printf("# RestPublishBenchmark: java %s, %d cpus, max heap %d MiB, messages %d, warmup %d, rounds %d%n",
				System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().maxMemory() >> 20, messages, warmup, rounds);
		if (!THREADS.isThreadAllocatedMemorySupported()) {
			throw new IllegalStateException("thread allocated memory not supported");
		}
		THREADS.setThreadAllocatedMemoryEnabled(true);

		List<Round> results = new ArrayList<>();
		try (EmbeddedAblyServer server = EmbeddedAblyServer.builder().key(KEY).build().start();
				AblyRest checker = new AblyRest(ClientOptions.builder()
					.key(KEY)
					.endpoint("127.0.0.1")
					.tls(false)
					.port(server.port())
					.build())) {
			List<Client> clients = new ArrayList<>();
			if (which.contains("ours")) {
				clients.add(new Ours(server.port()));
			}
			if (which.contains("ablyJava")) {
				clients.add(new AblyJava(server.port()));
			}
			int channelSeq = 0;
			for (int n : ns) {
				for (Client c : clients) {
					Round w = run(c, "warmup-" + c.label() + "-" + n, n, warmup, 0, maxNanos);
					System.out.printf("# warm-up %-9s N=%-3d %,10.0f msgs/s (%d ok, %d errors)%n", c.label(), n,
							w.msgsPerSec(), w.ok(), w.errors());
				}
				for (int r = 1; r <= rounds; r++) {
					for (Client c : clients) {
						String channel = "rest-bench-" + (++channelSeq);
						System.gc();
						Thread.sleep(200);
						Round res = run(c, channel, n, messages, r, maxNanos);
						results.add(res);
						String check = "";
						if (r == 1) {
							long stored = countHistory(checker.channels().get(channel));
							if (stored != res.ok()) {
								throw new IllegalStateException(c.label() + " N=" + n + ": history has " + stored
										+ " messages, " + res.ok() + " publishes succeeded");
							}
							check = " history=" + stored + " OK";
						}
						if (res.errors() > 0) {
							throw new IllegalStateException(c.label() + " N=" + n + ": " + res.errors() + " errors");
						}
						System.out.printf(Locale.ROOT,
								"{\"client\":\"%s\",\"n\":%d,\"round\":%d,\"ok\":%d,\"errors\":%d,\"seconds\":%.3f,"
										+ "\"msgsPerSec\":%.0f,\"bytesPerPublish\":%.0f,\"heapBytesPerPublish\":%.0f,"
										+ "\"cpuMicrosPerPublish\":%.1f}%s%n",
								res.client(), n, r, res.ok(), res.errors(), res.nanos() / 1e9, res.msgsPerSec(),
								res.bytesPerPublish(), res.heapBytesPerPublish(), res.cpuMicrosPerPublish(), check);
					}
				}
			}
			for (Client c : clients) {
				c.close();
			}
		}
		table(results, ns);
		System.exit(0);
	}

	/** Publishes up to {@code count} messages keeping {@code n} in flight; stops issuing after {@code maxNanos}. */
	static Round run(Client client, String channel, int n, int count, int round, long maxNanos) throws Exception {
		Semaphore inFlight = new Semaphore(n);
		AtomicLong ok = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		AtomicReference<Object> firstError = new AtomicReference<>();
		Runnable success = () -> {
			ok.incrementAndGet();
			inFlight.release();
		};
		Consumer<Object> failure = e -> {
			errors.incrementAndGet();
			firstError.compareAndSet(null, e);
			inFlight.release();
		};
		long heapBefore = HEAP.allocated();
		Map<Long, Long> before = allocatedByThread();
		long cpuBefore = OS.getProcessCpuTime();
		long t0 = System.nanoTime();
		long deadline = t0 + maxNanos;
		for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
			inFlight.acquire();
			client.publish(channel, DATA, success, failure);
		}
		if (!inFlight.tryAcquire(n, 60, TimeUnit.SECONDS)) {
			throw new IllegalStateException(client.label() + ": publishes still in flight after 60 s");
		}
		long nanos = System.nanoTime() - t0;
		long cpu = OS.getProcessCpuTime() - cpuBefore;
		Map<Long, Long> after = allocatedByThread();
		long heapAfter = HEAP.allocated();
		long allocated = 0;
		for (Map.Entry<Long, Long> e : after.entrySet()) {
			allocated += e.getValue() - before.getOrDefault(e.getKey(), 0L);
		}
		if (firstError.get() != null) {
			System.out.println("# first error (" + client.label() + "): " + firstError.get());
		}
		return new Round(client.label(), n, round, ok.get(), errors.get(), nanos, allocated, heapAfter - heapBefore,
				cpu);
	}

	/**
	 * Bytes allocated so far per live thread. Threads that end between two snapshots lose what they allocated since
	 * the first; threads started in between count from zero.
	 */
	static Map<Long, Long> allocatedByThread() {
		long[] ids = THREADS.getAllThreadIds();
		long[] bytes = THREADS.getThreadAllocatedBytes(ids);
		Map<Long, Long> m = new HashMap<>(ids.length * 2);
		for (int i = 0; i < ids.length; i++) {
			if (bytes[i] >= 0) {
				m.put(ids[i], bytes[i]);
			}
		}
		return m;
	}

	static final HeapCounter HEAP = new HeapCounter();

	/**
	 * Bytes allocated in the Java heap by all threads, dead ones included: heap used now, plus what every GC so far
	 * freed (used before minus used after, from the GC notifications). Counts whole TLABs when they are handed out.
	 */
	static final class HeapCounter {

		private final AtomicLong freed = new AtomicLong();

		private final AtomicLong gcs = new AtomicLong();

		HeapCounter() {
			for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
				((javax.management.NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
					if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
						.equals(notification.getType())) {
						return;
					}
					com.sun.management.GcInfo info = com.sun.management.GarbageCollectionNotificationInfo
						.from((javax.management.openmbean.CompositeData) notification.getUserData())
						.getGcInfo();
					long before = info.getMemoryUsageBeforeGc().values().stream().mapToLong(u -> u.getUsed()).sum();
					long after = info.getMemoryUsageAfterGc().values().stream().mapToLong(u -> u.getUsed()).sum();
					freed.addAndGet(before - after);
					gcs.incrementAndGet();
				}, null, null);
			}
		}

		/** Waits for pending GC notifications (delivered asynchronously), then reads used heap and freed bytes. */
		long allocated() {
			long seen;
			do {
				seen = gcs.get();
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			while (gcs.get() != seen);
			long used = 0;
			for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == java.lang.management.MemoryType.HEAP) {
					used += pool.getUsage().getUsed();
				}
			}
			return used + freed.get();
		}

	}

	static long countHistory(RestChannel channel) {
		long count = 0;
		PaginatedResult<Message> page = channel.history(HistoryParams.builder().limit(1000).build());
		while (page != null) {
			count += page.items().size();
			page = page.hasNext() ? page.next() : null;
		}
		return count;
	}

	static double median(double[] v) {
		double[] s = v.clone();
		Arrays.sort(s);
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}

	static void table(List<Round> results, int[] ns) {
		System.out.println();
		System.out.println("| N in flight | ours msgs/s, median (range) | ably-java msgs/s, median (range) | ours / ably-java "
				+ "| ours B/publish (threads) | ably-java B/publish (threads) | ours B/publish (heap) | ably-java B/publish (heap) "
				+ "| ours CPU µs/publish | ably-java CPU µs/publish | ours / ably-java per round, median (range) |");
		System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		for (int n : ns) {
			Map<String, double[][]> by = new LinkedHashMap<>();
			for (String c : List.of("ours", "ably-java")) {
				List<Round> rs = results.stream().filter(r -> r.n() == n && r.client().equals(c)).toList();
				by.put(c, new double[][] { rs.stream().mapToDouble(Round::msgsPerSec).toArray(),
						rs.stream().mapToDouble(Round::bytesPerPublish).toArray(),
						rs.stream().mapToDouble(Round::heapBytesPerPublish).toArray(),
						rs.stream().mapToDouble(Round::cpuMicrosPerPublish).toArray() });
			}
			double[][] o = by.get("ours");
			double[][] a = by.get("ably-java");
			if (o[0].length == 0 || a[0].length == 0) {
				continue;
			}
			// Round r of ours ran just before round r of ably-java: the ratio of each pair is less exposed to load
			// changes between rounds than the ratio of medians.
			double[] paired = new double[Math.min(o[0].length, a[0].length)];
			for (int i = 0; i < paired.length; i++) {
				paired[i] = o[0][i] / a[0][i];
			}
			double om = median(o[0]);
			double am = median(a[0]);
			double ob = median(o[1]);
			double ab = median(a[1]);
			System.out.printf(Locale.ROOT,
					"| %d | %,.0f (%,.0f … %,.0f) | %,.0f (%,.0f … %,.0f) | **%.2f×** | %,.0f | %,.0f | %,.0f | %,.0f "
							+ "| %.1f | %.1f | %.2f× (%.2f … %.2f) |%n",
					n, om, Arrays.stream(o[0]).min().orElse(0), Arrays.stream(o[0]).max().orElse(0), am,
					Arrays.stream(a[0]).min().orElse(0), Arrays.stream(a[0]).max().orElse(0), om / am, ob, ab,
					median(o[2]), median(a[2]), median(o[3]), median(a[3]), median(paired),
					Arrays.stream(paired).min().orElse(0), Arrays.stream(paired).max().orElse(0));
		}
	}

}
