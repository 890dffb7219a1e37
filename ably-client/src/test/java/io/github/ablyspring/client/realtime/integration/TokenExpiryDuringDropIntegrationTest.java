package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ChannelState;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RTN15h2 with RTN19a: the publisher's token expires while its transport (and the subscriber's) is dropped, with
 * publishes in flight. Every publish is ACKed, every message arrives once, in order, without waiting for a timeout.
 */
class TokenExpiryDuringDropIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest(name = "round {0}")
	@ValueSource(ints = { 1, 2, 3, 4, 5, 6 })
	void RTN15h2_RTN19a_tokenExpiryTogetherWithADropLosesNothing(int round) throws Exception {
		boolean binary = round % 2 == 0;
		String name = "expiry-drop-" + round;
		try (AblyRealtime subscriber = new AblyRealtime(
				EmbeddedServer.options(server).key(EmbeddedServer.KEY).useBinaryProtocol(binary).build());
				AblyRealtime publisher = new AblyRealtime(EmbeddedServer.options(server).key(EmbeddedServer.KEY)
					.useTokenAuth(true).useBinaryProtocol(binary).build())) {
			List<Integer> received = new CopyOnWriteArrayList<>();
			RealtimeChannel in = subscriber.channels().get(name);
			in.subscribe(m -> received.add(Integer.parseInt((String) m.data())));
			in.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			publisher.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);
			RealtimeChannel out = publisher.channels().get(name);
			List<CompletableFuture<?>> acks = new CopyOnWriteArrayList<>();
			int total = 400;
			long started = System.nanoTime();
			for (int i = 0; i < total; i++) {
				if (i == total / 2) {
					server.faults().expireTokens();
					if (round % 3 != 0) {
						server.faults().dropConnections(null);
					}
				}
				acks.add(out.publish("seq", Integer.toString(i)));
			}
			CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= total);
			long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			System.out.println("expiry+drop round " + round + ": " + took + " ms");
			assertThat(received).hasSize(total).isSorted().doesNotHaveDuplicates();
			assertThat(took).as("recovered without waiting for a timeout, ms").isLessThan(5_000);
		}
	}
}
