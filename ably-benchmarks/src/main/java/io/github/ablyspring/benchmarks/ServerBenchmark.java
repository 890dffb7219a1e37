package io.github.ablyspring.benchmarks;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;

/**
 * Plain-Java (not JMH) benchmark of the embedded server: time from {@code start()} to ready, msgpack fan-out
 * (1 publisher to 1 and to 10 subscribers, 100-byte string messages) and server heap per idle connection.
 * <p>
 * Run: {@code java -cp ably-benchmarks/target/ably-benchmarks.jar io.github.ablyspring.benchmarks.ServerBenchmark}.
 * Optional system properties: {@code -Dbench.deliveries=200000 -Dbench.window=500 -Dbench.idle=1000
 * -Dbench.starts=20 -Dbench.rounds=3 -Dbench.only=start,fanout,idle}. Prints one JSON line per result, then a table.
 */
public final class ServerBenchmark {

	static final String KEY = "app.key:secret";

	static final String CHANNEL = "bench";

	static final WireCodec CODEC = WireCodec.of(WireFormat.MSGPACK);

	/** 100 ASCII characters: 100 bytes of string data per message. */
	static final String DATA = "x".repeat(100);

	private static final List<String[]> TABLE = new ArrayList<>();

	private ServerBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length >= 3 && args[0].equals("--idle-clients")) {
			idleClientsChild(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
			return;
		}
		int deliveries = Integer.getInteger("bench.deliveries", 200_000);
		int window = Integer.getInteger("bench.window", 500);
		int idle = Integer.getInteger("bench.idle", 1000);
		int starts = Integer.getInteger("bench.starts", 20);
		int rounds = Integer.getInteger("bench.rounds", 3);
		String only = System.getProperty("bench.only", "start,fanout,idle");
		System.out.printf("# ServerBenchmark: java %s, %d cpus, max heap %d MiB%n", System.getProperty("java.version"),
				Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
		if (only.contains("start")) {
			startTime(starts);
		}
		if (only.contains("fanout")) {
			fanOut(1, deliveries, window, rounds);
			fanOut(10, deliveries, window, rounds);
		}
		if (only.contains("idle")) {
			idleHeap(idle);
		}
		System.out.println();
		System.out.println("| benchmark | result | detail |");
		System.out.println("|---|---:|---|");
		for (String[] row : TABLE) {
			System.out.println("| " + String.join(" | ", row) + " |");
		}
	}

	// ---- (a) start() to ready ----

	static void startTime(int starts) {
		long[] nanos = new long[starts];
		for (int i = 0; i < starts; i++) {
			long t0 = System.nanoTime();
			EmbeddedAblyServer server = EmbeddedAblyServer.builder().key(KEY).build().start();
			nanos[i] = System.nanoTime() - t0;
			if (server.port() <= 0) {
				throw new IllegalStateException("no port");
			}
			server.close();
		}
		double cold = nanos[0] / 1e6;
		long[] warm = Arrays.copyOfRange(nanos, 1, starts);
		Arrays.sort(warm);
		double warmMedian = warm[warm.length / 2] / 1e6;
		double warmMax = warm[warm.length - 1] / 1e6;
		json("start", String.format(Locale.ROOT,
				"\"starts\":%d,\"coldMs\":%.1f,\"warmMedianMs\":%.2f,\"warmMinMs\":%.2f,\"warmMaxMs\":%.2f", starts, cold,
				warmMedian, warm[0] / 1e6, warmMax));
		TABLE.add(new String[] { "start() to ready, cold (1st in JVM)", fmt("%.1f ms", cold), "" });
		TABLE.add(new String[] { "start() to ready, warm median", fmt("%.2f ms", warmMedian),
				fmt("%d warm starts, min %.2f / max %.2f ms", starts - 1, warm[0] / 1e6, warmMax) });
	}

	// ---- (b) fan-out ----

	static void fanOut(int subscribers, int deliveries, int window, int rounds) throws Exception {
		try (EmbeddedAblyServer server = EmbeddedAblyServer.builder().key(KEY).build().start()) {
			List<Client> subs = new ArrayList<>();
			for (int i = 0; i < subscribers; i++) {
				Client c = Client.connect(HttpClient.newHttpClient(), server.port(), "");
				c.attach(CHANNEL);
				subs.add(c);
			}
			// The publisher attaches too (as an SDK would) but with echo=false, so it receives no deliveries.
			Client pub = Client.connect(HttpClient.newHttpClient(), server.port(), "&echo=false");
			pub.attach(CHANNEL);

			int warmupPublishes = Math.max(20_000 / subscribers, 2_000);
			run(pub, subs, warmupPublishes, window, 0);
			long serial = warmupPublishes;
			int publishes = deliveries / subscribers;
			List<double[]> results = new ArrayList<>();
			for (int round = 1; round <= rounds; round++) {
				System.gc();
				double[] r = measure("fanout", pub, subs, publishes, window, serial, round);
				serial += publishes;
				results.add(r);
			}
			results.sort((a, b) -> Double.compare(a[0], b[0]));
			double[] med = results.get(results.size() / 2);
			TABLE.add(new String[] { "fan-out 1 → " + subscribers + ", deliveries/s (median of " + rounds + ")",
					fmt("%,.0f", med[0]), fmt("rounds: %,.0f … %,.0f; %,d publishes × %d subs per round, window %d",
							results.get(0)[0], results.get(results.size() - 1)[0], publishes, subscribers, window) });
			TABLE.add(new String[] { "fan-out 1 → " + subscribers + ", latency p50 / p99 / max (that round)",
					fmt("%.2f / %.2f / %.2f ms", med[1], med[2], med[3]),
					"publish nanoTime → subscriber decoded; includes queueing behind the window" });
			// Unloaded latency: one message in flight at a time.
			int unloaded = 5_000;
			System.gc();
			double[] u = measure("fanoutUnloaded", pub, subs, unloaded, 1, serial, 1);
			TABLE.add(new String[] { "fan-out 1 → " + subscribers + ", unloaded latency p50 / p99 / max",
					fmt("%.3f / %.3f / %.3f ms", u[1], u[2], u[3]),
					fmt("window 1 (one publish in flight), %,d publishes", unloaded) });
			pub.close();
			for (Client s : subs) {
				s.close();
			}
		}
	}

	/** One measured round: returns {deliveries/s, p50 ms, p99 ms, max ms} and prints its JSON line. */
	static double[] measure(String name, Client pub, List<Client> subs, int publishes, int window, long serialBase,
			int round) throws Exception {
		long elapsed = run(pub, subs, publishes, window, serialBase)[0];
		int subscribers = subs.size();
		long total = (long) publishes * subscribers;
		double perSec = total / (elapsed / 1e9);
		long[] lat = new long[(int) total];
		int k = 0;
		for (Client s : subs) {
			System.arraycopy(s.latencies, 0, lat, k, publishes);
			k += publishes;
		}
		Arrays.sort(lat);
		double p50 = lat[lat.length / 2] / 1e6;
		double p99 = lat[(int) (lat.length * 0.99)] / 1e6;
		double max = lat[lat.length - 1] / 1e6;
		json(name, String.format(Locale.ROOT,
				"\"round\":%d,\"subscribers\":%d,\"publishes\":%d,\"deliveries\":%d,\"window\":%d,\"elapsedMs\":%.0f,"
						+ "\"deliveriesPerSec\":%.0f,\"publishesPerSec\":%.0f,\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"maxMs\":%.3f",
				round, subscribers, publishes, total, window, elapsed / 1e6, perSec, publishes / (elapsed / 1e9), p50, p99,
				max));
		return new double[] { perSec, p50, p99, max };
	}

	/** Publishes {@code count} messages, window-limited; returns {elapsedNanos} once every subscriber has all. */
	static long[] run(Client pub, List<Client> subs, int count, int window, long serialBase) throws Exception {
		CountDownLatch done = new CountDownLatch(subs.size());
		for (Client s : subs) {
			s.expect(count, done);
		}
		Semaphore permits = new Semaphore(window);
		pub.acks = permits;
		long t0 = System.nanoTime();
		for (int i = 0; i < count; i++) {
			permits.acquire();
			byte[] frame = CODEC.encode(ProtocolMessage.builder(ProtocolAction.MESSAGE)
				.channel(CHANNEL)
				.msgSerial(serialBase + i)
				.messages(List.of(Message.builder().name(Long.toString(System.nanoTime())).data(DATA).build()))
				.build(), WireTypes.PROTOCOL_MESSAGE);
			pub.sendFrame(frame);
		}
		if (!done.await(120, TimeUnit.SECONDS)) {
			throw new IllegalStateException("deliveries did not complete: " + done.getCount() + " subscribers short");
		}
		long elapsed = System.nanoTime() - t0;
		permits.acquire(window); // every ACK in
		Throwable failure = pub.failure.get();
		if (failure != null) {
			throw new IllegalStateException("publisher failed", failure);
		}
		return new long[] { elapsed };
	}

	// ---- (c) heap per idle connection ----

	/**
	 * Server heap per idle connection: the server runs in this JVM, the clients in a child JVM, so the heap measured
	 * here holds no client objects. Used heap after GC is taken before the clients connect and after they are all
	 * CONNECTED and ATTACHED to one channel.
	 */
	static void idleHeap(int n) throws Exception {
		try (EmbeddedAblyServer server = EmbeddedAblyServer.builder().key(KEY).build().start()) {
			// Warm the server's connection path once, so class loading and first-use buffers are in the baseline.
			try (Client warm = Client.connect(HttpClient.newHttpClient(), server.port(), "")) {
				warm.attach(CHANNEL);
			}
			Thread.sleep(500);
			long before = usedHeapAfterGc();
			String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
			Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
					ServerBenchmark.class.getName(), "--idle-clients", String.valueOf(server.port()), String.valueOf(n))
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			String line;
			String childReport = null;
			while ((line = out.readLine()) != null) {
				if (line.startsWith("READY")) {
					childReport = line;
					break;
				}
				System.out.println("# child: " + line);
			}
			if (childReport == null) {
				throw new IllegalStateException("idle-clients child exited early");
			}
			Thread.sleep(500);
			long after = usedHeapAfterGc();
			child.getOutputStream().write('\n');
			child.getOutputStream().flush();
			child.waitFor(60, TimeUnit.SECONDS);
			long perConnection = (after - before) / n;
			long clientPer = Long.parseLong(childReport.split(" ")[1]);
			json("idleHeap", String.format(Locale.ROOT,
					"\"connections\":%d,\"serverHeapBeforeBytes\":%d,\"serverHeapAfterBytes\":%d,"
							+ "\"serverBytesPerConnection\":%d,\"clientJdkWebSocketBytesPerConnection\":%d",
					n, before, after, perConnection, clientPer));
			TABLE.add(new String[] { "server heap per idle connection", fmt("%,d B", perConnection),
					fmt("%,d connected + attached; server JVM only (clients in a child JVM)", n) });
			TABLE.add(new String[] { "(for reference) JDK WebSocket client heap per connection", fmt("%,d B", clientPer),
					"measured the same way in the child JVM" });
		}
	}

	/** Child JVM: opens {@code n} idle connections, attaches each, prints "READY bytesPerConnection", waits. */
	static void idleClientsChild(int port, int n) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		// Warm the client path so class loading is in the baseline.
		Client.connect(http, port, "").close();
		long before = usedHeapAfterGc();
		List<Client> clients = new ArrayList<>(n);
		List<CompletableFuture<ProtocolMessage>> attached = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			Client c = Client.connect(http, port, "");
			attached.add(c.attachAsync(CHANNEL));
			clients.add(c);
		}
		for (CompletableFuture<ProtocolMessage> a : attached) {
			a.get(60, TimeUnit.SECONDS);
		}
		long after = usedHeapAfterGc();
		System.out.println("READY " + (after - before) / n);
		System.out.flush();
		System.in.read();
		for (Client c : clients) {
			c.socket.abort();
		}
	}

	static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	// ---- output ----

	static void json(String benchmark, String fields) {
		System.out.println("{\"benchmark\":\"" + benchmark + "\"," + fields + "}");
	}

	static String fmt(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

	// ---- a bare msgpack realtime client over the JDK WebSocket ----

	static final class Client implements WebSocket.Listener, AutoCloseable {

		final CompletableFuture<ProtocolMessage> connected = new CompletableFuture<>();

		final AtomicReference<Throwable> failure = new AtomicReference<>();

		volatile CompletableFuture<ProtocolMessage> attached = new CompletableFuture<>();

		volatile Semaphore acks;

		/** Latency per delivery of the current run; written only by this socket's listener thread. */
		long[] latencies = new long[0];

		int got;

		int expected;

		CountDownLatch done;

		ByteArrayOutputStream partial = new ByteArrayOutputStream();

		WebSocket socket;

		static Client connect(HttpClient http, int port, String extraQuery) throws Exception {
			Client c = new Client();
			URI uri = URI.create("ws://127.0.0.1:" + port + "/?key=" + KEY + "&format=msgpack&v=6&heartbeats=true"
					+ extraQuery);
			c.socket = http.newWebSocketBuilder().buildAsync(uri, c).get(30, TimeUnit.SECONDS);
			c.connected.get(30, TimeUnit.SECONDS);
			return c;
		}

		CompletableFuture<ProtocolMessage> attachAsync(String channel) {
			CompletableFuture<ProtocolMessage> f = new CompletableFuture<>();
			attached = f;
			sendFrame(CODEC.encode(ProtocolMessage.builder(ProtocolAction.ATTACH).channel(channel).build(),
					WireTypes.PROTOCOL_MESSAGE));
			return f;
		}

		void attach(String channel) throws Exception {
			attachAsync(channel).get(30, TimeUnit.SECONDS);
		}

		/** Sends one binary frame; the JDK WebSocket allows one outstanding send, so this waits for it. */
		void sendFrame(byte[] frame) {
			socket.sendBinary(ByteBuffer.wrap(frame), true).join();
		}

		synchronized void expect(int count, CountDownLatch latch) {
			latencies = new long[count];
			got = 0;
			expected = count;
			done = latch;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] bytes;
			if (last && partial.size() == 0) {
				bytes = new byte[data.remaining()];
				data.get(bytes);
			}
			else {
				byte[] chunk = new byte[data.remaining()];
				data.get(chunk);
				partial.writeBytes(chunk);
				if (!last) {
					webSocket.request(1);
					return null;
				}
				bytes = partial.toByteArray();
				partial.reset();
			}
			try {
				handle(CODEC.decode(bytes, WireTypes.PROTOCOL_MESSAGE));
			}
			catch (RuntimeException ex) {
				failure.compareAndSet(null, ex);
			}
			webSocket.request(1);
			return null;
		}

		private void handle(ProtocolMessage m) {
			switch (m.action()) {
				case CONNECTED -> connected.complete(m);
				case ATTACHED -> attached.complete(m);
				case ACK -> {
					Semaphore s = acks;
					if (s != null) {
						s.release(m.count() == null ? 1 : m.count());
					}
				}
				case NACK -> {
					failure.compareAndSet(null, new IllegalStateException("NACK " + m));
					Semaphore s = acks;
					if (s != null) {
						s.release(m.count() == null ? 1 : m.count());
					}
				}
				case MESSAGE -> {
					long now = System.nanoTime();
					List<Message> messages = m.messages();
					if (messages != null) {
						synchronized (this) {
							for (Message msg : messages) {
								if (got < expected) {
									latencies[got++] = now - Long.parseLong(msg.name());
									if (got == expected) {
										done.countDown();
									}
								}
							}
						}
					}
				}
				case ERROR, DISCONNECTED -> {
					failure.compareAndSet(null, new IllegalStateException(String.valueOf(m)));
					connected.completeExceptionally(new IllegalStateException(String.valueOf(m)));
					attached.completeExceptionally(new IllegalStateException(String.valueOf(m)));
				}
				default -> {
				}
			}
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			webSocket.request(1);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			failure.compareAndSet(null, error);
			connected.completeExceptionally(error);
		}

		@Override
		public void close() {
			try {
				sendFrame(CODEC.encode(ProtocolMessage.of(ProtocolAction.CLOSE), WireTypes.PROTOCOL_MESSAGE));
			}
			catch (RuntimeException ex) {
				// already gone
			}
			socket.abort();
		}
	}
}
