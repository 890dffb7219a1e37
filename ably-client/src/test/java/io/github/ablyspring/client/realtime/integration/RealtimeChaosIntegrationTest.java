package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ChannelState;
import io.github.ablyspring.client.realtime.ConnectionEvent;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance: 20 000 messages on 5 channels while the server drops every transport every ~2 s, NACKs about 1 % of
 * publishes (the test publishes those again) and expires the publisher's token once. The subscriber must see every
 * message exactly once, in publish order per channel (a re-published message in the place of its retry), and every
 * publish future must complete.
 */
class RealtimeChaosIntegrationTest {

	private static final int CHANNELS = 5;

	private static final int PER_CHANNEL = 4_000;

	/** Messages published per tick of {@link #TICK}: about 20 s of traffic, so about ten drops. */
	private static final int PER_TICK = 25;

	private static final Duration TICK = Duration.ofMillis(25);

	private static final int NACK_CODE = 50_099;

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { false, true })
	void RTN15_RTN19a_RTN7_RTN15h2_everyMessageOnceInOrderThroughDropsNacksAndTokenExpiry(boolean binary)
			throws Exception {
		String prefix = "chaos-" + binary + "-";
		ScheduledExecutorService chaos = Executors.newScheduledThreadPool(2);
		try (AblyRealtime subscriber = new AblyRealtime(EmbeddedServer.options(server).key(EmbeddedServer.KEY)
			.useBinaryProtocol(binary).build());
				AblyRealtime publisher = new AblyRealtime(EmbeddedServer.options(server).key(EmbeddedServer.KEY)
					.useTokenAuth(true).useBinaryProtocol(binary).build())) {
			// Per channel, the sequence numbers in arrival order.
			Map<Integer, List<Integer>> received = new ConcurrentHashMap<>();
			for (int c = 0; c < CHANNELS; c++) {
				List<Integer> arrivals = new CopyOnWriteArrayList<>();
				received.put(c, arrivals);
				RealtimeChannel channel = subscriber.channels().get(prefix + c);
				channel.subscribe(m -> arrivals.add(sequence(m)));
				channel.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			}
			publisher.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);
			AtomicInteger publisherDisconnects = new AtomicInteger();
			AtomicInteger subscriberDisconnects = new AtomicInteger();
			publisher.connection().on(ConnectionEvent.DISCONNECTED, e -> publisherDisconnects.incrementAndGet());
			subscriber.connection().on(ConnectionEvent.DISCONNECTED, e -> subscriberDisconnects.incrementAndGet());
			// A timeline for the failure message: what happened when, relative to the start.
			List<String> timeline = new CopyOnWriteArrayList<>();
			long t0 = System.nanoTime();
			java.util.function.Function<String, String> at = what -> (System.nanoTime() - t0) / 1_000_000 + "ms "
					+ what;
			publisher.connection().on(e -> timeline.add(at.apply("publisher " + e.previous() + "->" + e.current()
					+ (e.reason() != null ? " " + e.reason().code() : ""))));
			subscriber.connection().on(e -> timeline.add(at.apply("subscriber " + e.previous() + "->" + e.current()
					+ (e.reason() != null ? " " + e.reason().code() : ""))));

			Stats stats = new Stats();
			List<CompletableFuture<Void>> done = new CopyOnWriteArrayList<>();
			AtomicInteger next = new AtomicInteger();
			int total = CHANNELS * PER_CHANNEL;
			long started = System.nanoTime();
			chaos.scheduleAtFixedRate(() -> {
				server.faults().dropConnections(null);
				stats.drops.incrementAndGet();
				timeline.add(at.apply("drop"));
			}, 2000, 2000, TimeUnit.MILLISECONDS);
			CompletableFuture<Void> allSent = new CompletableFuture<>();
			chaos.scheduleAtFixedRate(() -> {
				try {
					for (int k = 0; k < PER_TICK; k++) {
						int i = next.getAndIncrement();
						if (i >= total) {
							allSent.complete(null);
							return;
						}
						if (i % 100 == 37) {
							// About 1 %: the server NACKs the next publish it takes.
							server.faults().nackPublishes(1, ErrorInfo.of(NACK_CODE, 500, "chaos nack"));
						}
						if (i == total / 2) {
							server.faults().expireTokens();
							stats.tokenExpiries.incrementAndGet();
							timeline.add(at.apply("token expiry"));
						}
						int c = i % CHANNELS;
						done.add(publishUntilAccepted(publisher.channels().get(prefix + c), i / CHANNELS, stats));
					}
				}
				catch (RuntimeException ex) {
					allSent.completeExceptionally(ex);
				}
			}, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);

			allSent.get(60, TimeUnit.SECONDS);
			CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			chaos.shutdownNow();
			try {
				await().atMost(Duration.ofSeconds(30))
					.until(() -> received.values().stream().mapToInt(List::size).sum() >= total);
			}
			catch (org.awaitility.core.ConditionTimeoutException ex) {
				// Fall through: the assertions below say which messages are missing.
			}
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			System.out.printf(
					"chaos binary=%s: %d messages on %d channels in %d ms; %d drops injected (publisher saw %d,"
							+ " subscriber %d disconnections); %d NACKs, %d retries, %d other failures, %d token expiry%n",
					binary, total, CHANNELS, took.toMillis(), stats.drops.get(), publisherDisconnects.get(),
					subscriberDisconnects.get(), stats.nacks.get(), stats.retries.get(), stats.otherFailures.get(),
					stats.tokenExpiries.get());

			assertThat(stats.drops.get()).as("drops injected").isGreaterThanOrEqualTo(5);
			assertThat(publisherDisconnects.get()).as("publisher disconnections").isGreaterThanOrEqualTo(5);
			// 1 % are asked for; a request made before the server took the previous one replaces it (the fault sets
			// a count), so under load fewer arrive.
			assertThat(stats.nacks.get()).as("NACKed publishes").isGreaterThanOrEqualTo(total / 1000);
			assertThat(stats.otherFailures.get()).as("publishes failed other than by the injected NACK").isZero();
			for (int c = 0; c < CHANNELS; c++) {
				List<Integer> arrivals = received.get(c);
				Set<Integer> missing = new java.util.TreeSet<>();
				for (int s = 0; s < PER_CHANNEL; s++) {
					missing.add(s);
				}
				missing.removeAll(arrivals);
				if (!missing.isEmpty()) {
					Set<Integer> stored = new java.util.TreeSet<>();
					var page = publisher.channels().get(prefix + c)
						.history(io.github.ablyspring.client.rest.HistoryParams.builder().limit(1000).build());
					while (page != null) {
						page.items().forEach(m -> stored.add(sequence(m)));
						page = page.hasNext() ? page.next() : null;
					}
					Set<Integer> inHistory = new java.util.TreeSet<>(missing);
					inHistory.retainAll(stored);
					assertThat(missing).as("channel %d: missing sequence numbers (in the server's history: %s;"
							+ " retried: %s)%ntimeline:%n%s", c, inHistory, stats.retried.get(prefix + c),
							String.join("\n", timeline))
						.isEmpty();
				}
				assertThat(arrivals).as("channel %d: every message exactly once", c)
					.hasSize(PER_CHANNEL)
					.doesNotHaveDuplicates();
				assertThat(Set.copyOf(arrivals)).hasSize(PER_CHANNEL).allMatch(s -> s >= 0 && s < PER_CHANNEL);
				// A NACKed message is re-published after later ones; the others keep publish order.
				List<Integer> firstTime = new ArrayList<>(arrivals);
				firstTime.removeAll(stats.retried.getOrDefault(prefix + c, Set.of()));
				assertThat(firstTime).as("channel %d: publish order", c).isSorted();
			}
		}
		finally {
			chaos.shutdownNow();
		}
	}

	/** Publishes sequence {@code seq}; a NACK (the injected fault) is answered by publishing it again. */
	private static CompletableFuture<Void> publishUntilAccepted(RealtimeChannel channel, int seq, Stats stats) {
		return channel.publish("seq", Integer.toString(seq)).handle((result, failure) -> {
			if (failure == null) {
				return CompletableFuture.<Void>completedFuture(null);
			}
			if (isInjectedNack(failure)) {
				stats.nacks.incrementAndGet();
			}
			else {
				stats.otherFailures.incrementAndGet();
			}
			stats.retries.incrementAndGet();
			stats.retried.computeIfAbsent(channel.name(), n -> ConcurrentHashMap.newKeySet()).add(seq);
			return publishUntilAccepted(channel, seq, stats);
		}).thenCompose(f -> f);
	}

	private static boolean isInjectedNack(Throwable failure) {
		Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
		return cause instanceof AblyException ex && ex.errorInfo().code() == NACK_CODE;
	}

	private static int sequence(Message message) {
		return Integer.parseInt((String) message.data());
	}

	private static final class Stats {

		final AtomicInteger drops = new AtomicInteger();

		final AtomicInteger nacks = new AtomicInteger();

		final AtomicInteger retries = new AtomicInteger();

		final AtomicInteger otherFailures = new AtomicInteger();

		final AtomicInteger tokenExpiries = new AtomicInteger();

		final Map<String, Set<Integer>> retried = new ConcurrentHashMap<>();
	}
}
