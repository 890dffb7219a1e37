package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ChannelState;
import io.github.ablyspring.client.realtime.ConnectionEvent;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listener that blocks for 5 s or throws must not hold up the client: heartbeats (the server sends one every
 * 300 ms; a client that stopped reading them would disconnect), pings, publish ACKs and other channels' deliveries
 * stay fast while it blocks, and messages after a throwing listener's failure are still delivered.
 */
class ListenerIsolationIntegrationTest {

	private static final Duration BLOCK = Duration.ofSeconds(5);

	/** Generous for a loopback round trip, far below the 5 s block. */
	private static final Duration FAST = Duration.ofMillis(500);

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key(EmbeddedServer.KEY).maxIdleInterval(Duration.ofMillis(300)).build()
			.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void RTN23_RTN13_RTL7_blockedListenerDelaysNeitherHeartbeatsNorAcksNorOtherChannels() throws Exception {
		try (AblyRealtime client = client(); AblyRealtime other = client()) {
			CountDownLatch release = new CountDownLatch(1);
			CountDownLatch blocking = new CountDownLatch(1);
			List<String> slowReceived = new CopyOnWriteArrayList<>();
			RealtimeChannel slow = client.channels().get("isolation-slow");
			slow.subscribe(m -> {
				slowReceived.add((String) m.data());
				if ("block".equals(m.data())) {
					blocking.countDown();
					awaitQuietly(release, BLOCK);
				}
			});
			List<Message> fastReceived = new CopyOnWriteArrayList<>();
			RealtimeChannel fast = client.channels().get("isolation-fast");
			fast.subscribe(fastReceived::add);
			slow.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			fast.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			AtomicInteger disconnections = new AtomicInteger();
			client.connection().on(ConnectionEvent.DISCONNECTED, e -> disconnections.incrementAndGet());

			long blockedAt = System.nanoTime();
			other.channels().get("isolation-slow").publish("m", "block").get(10, TimeUnit.SECONDS);
			other.channels().get("isolation-slow").publish("m", "after-block").get(10, TimeUnit.SECONDS);
			assertThat(blocking.await(10, TimeUnit.SECONDS)).as("slow listener entered").isTrue();

			List<Long> pings = new ArrayList<>();
			List<Long> acks = new ArrayList<>();
			List<Long> deliveries = new ArrayList<>();
			// Measure for longer than several heartbeat intervals, all within the block.
			while (System.nanoTime() - blockedAt < BLOCK.minusSeconds(1).toNanos()) {
				pings.add(client.connection().ping().get(5, TimeUnit.SECONDS).toMillis());
				long t0 = System.nanoTime();
				client.channels().get("isolation-ack").publish("ack", "x").get(5, TimeUnit.SECONDS);
				acks.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
				int before = fastReceived.size();
				long t1 = System.nanoTime();
				other.channels().get("isolation-fast").publish("n", Integer.toString(before)).get(5, TimeUnit.SECONDS);
				await().atMost(Duration.ofSeconds(5)).until(() -> fastReceived.size() > before);
				deliveries.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));
			}
			boolean stillBlocked = release.getCount() == 1 && !slowReceived.contains("after-block");
			System.out.printf("blocked listener: %d pings (max %d ms), %d ACKs (max %d ms), %d other-channel deliveries"
					+ " (max %d ms), %d disconnections%n", pings.size(), max(pings), acks.size(), max(acks),
					deliveries.size(), max(deliveries), disconnections.get());

			assertThat(stillBlocked).as("all measured while the slow listener still blocked").isTrue();
			assertThat(pings).hasSizeGreaterThanOrEqualTo(3);
			assertThat(max(pings)).as("slowest ping, ms").isLessThan(FAST.toMillis());
			assertThat(max(acks)).as("slowest publish ACK, ms").isLessThan(FAST.toMillis());
			assertThat(max(deliveries)).as("slowest other-channel delivery, ms").isLessThan(FAST.toMillis());
			assertThat(disconnections.get()).as("heartbeats kept the connection alive").isZero();
			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);

			// The slow channel resumes in order once its listener returns.
			release.countDown();
			await().atMost(Duration.ofSeconds(5)).until(() -> slowReceived.size() == 2);
			assertThat(slowReceived).containsExactly("block", "after-block");
		}
	}

	@Test
	void RTL7_RTN4_throwingListenerDoesNotStopLaterMessagesOrOtherListeners() throws Exception {
		try (AblyRealtime client = client(); AblyRealtime other = client()) {
			RealtimeChannel channel = client.channels().get("isolation-throwing");
			AtomicInteger throwingCalls = new AtomicInteger();
			List<String> received = new CopyOnWriteArrayList<>();
			channel.subscribe(m -> {
				throwingCalls.incrementAndGet();
				throw new IllegalStateException("listener failure (expected by the test)");
			});
			channel.subscribe(m -> received.add((String) m.data()));
			AtomicInteger throwingStateCalls = new AtomicInteger();
			client.connection().on(e -> {
				throwingStateCalls.incrementAndGet();
				throw new IllegalStateException("connection listener failure (expected by the test)");
			});
			channel.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);

			RealtimeChannel out = other.channels().get("isolation-throwing");
			for (int i = 0; i < 20; i++) {
				out.publish("m", Integer.toString(i)).get(10, TimeUnit.SECONDS);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 20);
			assertThat(received).containsExactlyElementsOf(
					java.util.stream.IntStream.range(0, 20).mapToObj(Integer::toString).toList());
			await().atMost(Duration.ofSeconds(5)).until(() -> throwingCalls.get() == 20);

			// The connection still works after its listener threw on a state change.
			server.faults().dropConnections(client.connection().id());
			await().atMost(Duration.ofSeconds(10)).until(() -> throwingStateCalls.get() >= 2
					&& client.connection().state() == ConnectionState.CONNECTED);
			assertThat(client.connection().ping().get(5, TimeUnit.SECONDS)).isLessThan(FAST);
			out.publish("m", "after-drop").get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("after-drop"));
			await().atMost(Duration.ofSeconds(5)).until(() -> throwingCalls.get() == 21);
		}
	}

	private static AblyRealtime client() {
		return new AblyRealtime(EmbeddedServer.options(server).key(EmbeddedServer.KEY).build());
	}

	private static long max(List<Long> values) {
		return values.stream().mapToLong(Long::longValue).max().orElse(Long.MAX_VALUE);
	}

	/** The listener's 5 s of blocking work (ended early once the test has its measurements). */
	private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
		try {
			latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
