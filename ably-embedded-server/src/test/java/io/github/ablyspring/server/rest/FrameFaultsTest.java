package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Frame faults: the server's outbound frames paused and released in order, or delayed. */
class FrameFaultsTest {

	private static final String KEY = "app.key:secret";

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key(KEY).build().start();
	}

	@AfterAll
	static void stop() {
		server.faults().resumeFrames();
		server.faults().delayFrames(Duration.ZERO);
		server.close();
	}

	@Test
	void pausedFramesAreHeldThenReleasedInOrder() {
		try (RealtimeTestClient client = RealtimeTestClient.connect(server, "key=" + KEY)) {
			client.attach("paused");
			server.faults().pauseFrames();
			for (int i = 0; i < 5; i++) {
				client.send(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel("paused").msgSerial((long) i)
					.messages(List.of(Message.of("m" + i, "x")))
					.build());
			}
			// Published and processed, but nothing reaches the client while paused.
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.realtime()
				.call(() -> server.realtime().channels().history("paused", null, null, true, 10, null).size()) == 5);
			assertThat(client.received()).noneMatch(m -> m.action() == ProtocolAction.ACK);

			server.faults().resumeFrames();
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> client.received()
				.stream()
				.filter(m -> m.action() == ProtocolAction.MESSAGE)
				.count() == 5);
			assertThat(client.received()
				.stream()
				.filter(m -> m.action() == ProtocolAction.MESSAGE)
				.map(m -> m.messages().get(0).name())).containsExactly("m0", "m1", "m2", "m3", "m4");
			assertThat(client.received().stream().filter(m -> m.action() == ProtocolAction.ACK).map(ProtocolMessage::msgSerial))
				.containsExactly(0L, 1L, 2L, 3L, 4L);
		}
	}

	@Test
	void delayedFramesArriveNoSoonerThanTheDelay() {
		try (RealtimeTestClient client = RealtimeTestClient.connect(server, "key=" + KEY)) {
			server.faults().delayFrames(Duration.ofMillis(300));
			long sent = System.nanoTime();
			client.send(ProtocolMessage.builder(ProtocolAction.HEARTBEAT).id("probe").build());
			client.await(m -> m.action() == ProtocolAction.HEARTBEAT && "probe".equals(m.id()));
			assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
			server.faults().delayFrames(Duration.ZERO);
		}
	}
}
