package io.github.ablyspring.client.realtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.PublishResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coalescing (our extension of the queued-message bundling of RTL6d): publishes made while the socket is still writing
 * are bundled per channel, each publish keeping its own future and its own serials from the ACK (PBR2a, RTN7a).
 */
class ChannelPublishCoalescingUnitTest {

	final MockWebSocket mock = new MockWebSocket();

	final ManualScheduler clock = new ManualScheduler();

	AblyRealtime client;

	@AfterEach
	void close() {
		if (client != null) {
			client.loop().shutdown();
		}
	}

	private MockWebSocket.PendingConnection connect(boolean coalesce) {
		client = RealtimeUnitSupport.client(RealtimeUnitSupport.options(mock, clock)
			.realtime(r -> r.coalescePublishes(coalesce))
			.build(), clock);
		client.connect();
		MockWebSocket.PendingConnection connection = mock.awaitConnectionAttempt();
		connection.respondWithSuccess(RealtimeUnitSupport.connected("conn-1", "key-1"));
		clock.settle();
		return connection;
	}

	private static ProtocolMessage ack(ProtocolMessage m) {
		List<String> serials = new java.util.ArrayList<>();
		for (int i = 0; i < m.messages().size(); i++) {
			serials.add("s" + m.msgSerial() + "-" + i);
		}
		return ProtocolMessage.builder(ProtocolAction.ACK).msgSerial(m.msgSerial()).count(1)
			.res(List.of(new PublishResult(serials))).build();
	}

	@Test
	void publishesBehindABusySocketAreBundledPerChannelAndEachGetsItsOwnSerials() {
		MockWebSocket.PendingConnection connection = connect(true);
		RealtimeChannel a = client.channels().get("a", ChannelOptions.builder().attachOnSubscribe(false).build());
		RealtimeChannel b = client.channels().get("b", ChannelOptions.builder().attachOnSubscribe(false).build());
		connection.fakeBacklog = 3;
		// Hold the event loop so that all four publishes are waiting on it together, as in a burst.
		java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
		client.loop().execute(() -> {
			try {
				hold.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		CompletableFuture<PublishResult> a1 = a.publish("a1", "x");
		CompletableFuture<PublishResult> a2 = a.publish(List.of(Message.of("a2", "y"), Message.of("a3", "z")));
		CompletableFuture<PublishResult> b1 = b.publish("b1", "w");
		CompletableFuture<PublishResult> a4 = a.publish("a4", "v");
		hold.countDown();
		clock.settle();

		List<ProtocolMessage> frames = List.of(mock.awaitNextMessageFromClient(), mock.awaitNextMessageFromClient(),
				mock.awaitNextMessageFromClient());
		assertThat(mock.pollMessageFromClient()).isNull();
		// Order is kept: a1+a2 bundled, then b1, then a4 (it cannot join the first bundle without overtaking b1).
		assertThat(frames).extracting(ProtocolMessage::channel).containsExactly("a", "b", "a");
		assertThat(frames.get(0).messages()).extracting(Message::name).containsExactly("a1", "a2", "a3");
		assertThat(frames).extracting(ProtocolMessage::msgSerial).containsExactly(0L, 1L, 2L);

		frames.forEach(f -> connection.sendToClient(ack(f)));
		clock.settle();
		assertThat(a1.join().serials()).containsExactly("s0-0");
		assertThat(a2.join().serials()).containsExactly("s0-1", "s0-2");
		assertThat(b1.join().serials()).containsExactly("s1-0");
		assertThat(a4.join().serials()).containsExactly("s2-0");
	}

	@Test
	void withCoalescingOffEveryPublishIsItsOwnFrameEvenBehindABusySocket() {
		MockWebSocket.PendingConnection connection = connect(false);
		RealtimeChannel a = client.channels().get("a", ChannelOptions.builder().attachOnSubscribe(false).build());
		connection.fakeBacklog = 3;
		java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(1);
		client.loop().execute(() -> {
			try {
				hold.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		a.publish("a1", "x");
		a.publish("a2", "y");
		hold.countDown();
		clock.settle();
		assertThat(List.of(mock.awaitNextMessageFromClient(), mock.awaitNextMessageFromClient()))
			.extracting(ProtocolMessage::msgSerial).containsExactly(0L, 1L);
		assertThat(mock.pollMessageFromClient()).isNull();
	}

	@Test
	void aPublishOnAnIdleConnectionIsSentAtOnceAlone() {
		MockWebSocket.PendingConnection connection = connect(true);
		RealtimeChannel a = client.channels().get("a", ChannelOptions.builder().attachOnSubscribe(false).build());
		a.publish("a1", "x");
		clock.settle();
		ProtocolMessage frame = mock.awaitNextMessageFromClient();
		assertThat(frame.messages()).extracting(Message::name).containsExactly("a1");
		assertThat(connection.fakeBacklog).isZero();
	}
}
