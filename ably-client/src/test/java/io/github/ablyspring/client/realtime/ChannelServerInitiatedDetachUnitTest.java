package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/channels/channel_server_initiated_detach.md: RTL13. */
class ChannelServerInitiatedDetachUnitTest extends ChannelUnitTestSupport {

	private final AtomicInteger attaches = new AtomicInteger();

	private final List<ChannelStateChange> changes = new CopyOnWriteArrayList<>();

	/** Answers the nth ATTACH with ATTACHED when {@code answer} accepts n; DETACH always. */
	private void answerAttaches(IntPredicate answer) {
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH && answer.test(attaches.incrementAndGet())) {
				c.sendToClient(attached(m.channel()));
			}
			else if (m.action() == ProtocolAction.DETACH) {
				c.sendToClient(detached(m.channel(), null));
			}
		});
	}

	private void serverDetaches(RealtimeChannel channel, int code, String message) {
		mock.active().sendToClient(detached(channel.name(), ErrorInfo.of(code, 500, message)));
	}

	@Test
	void RTL13a_serverDetachOfAnAttachedChannelReattachesAtOnce() {
		connectedClient();
		answerAttaches(n -> true);
		RealtimeChannel channel = client.channels().get("test-RTL13a-attached");
		await(channel.attach());
		assertThat(attaches.get()).isEqualTo(1);
		channel.on(changes::add);

		serverDetaches(channel, 90198, "Server detached channel");
		awaitState(channel, ChannelState.ATTACHED);

		assertThat(attaches.get()).isEqualTo(2);
		assertThat(changes).hasSizeGreaterThanOrEqualTo(2);
		assertThat(changes.get(0).previous()).isEqualTo(ChannelState.ATTACHED);
		assertThat(changes.get(0).current()).isEqualTo(ChannelState.ATTACHING);
		assertThat(changes.get(0).reason().code()).isEqualTo(90198);
		assertThat(changes.get(1).current()).isEqualTo(ChannelState.ATTACHED);
	}

	@Test
	void RTL13a_serverDetachOfASuspendedChannelReattachesAtOnce() {
		connectedClient(r -> r.realtimeRequestTimeout(Duration.ofMillis(100))
			.channelRetryTimeout(Duration.ofSeconds(60)));
		answerAttaches(n -> n != 2);
		RealtimeChannel channel = client.channels().get("test-RTL13a-suspended");
		await(channel.attach());

		serverDetaches(channel, 90198, "Detach 1");
		awaitState(channel, ChannelState.ATTACHING);
		clock.advance(Duration.ofMillis(150));
		awaitState(channel, ChannelState.SUSPENDED);

		serverDetaches(channel, 90199, "Detach 2");
		awaitState(channel, ChannelState.ATTACHED);
		assertThat(attaches.get()).isEqualTo(3);
	}

	@Test
	void RTL13b_failedReattachSuspendsThenRetriesAfterChannelRetryTimeout() {
		connectedClient(r -> r.realtimeRequestTimeout(Duration.ofMillis(100))
			.channelRetryTimeout(Duration.ofMillis(200)));
		answerAttaches(n -> n != 2);
		RealtimeChannel channel = client.channels().get("test-RTL13b");
		await(channel.attach());
		channel.on(changes::add);

		serverDetaches(channel, 90198, "Server detached");
		awaitState(channel, ChannelState.ATTACHING);
		assertThat(attaches.get()).isEqualTo(2);
		clock.advance(Duration.ofMillis(150));
		awaitState(channel, ChannelState.SUSPENDED);
		clock.advance(Duration.ofMillis(250));
		awaitState(channel, ChannelState.ATTACHED);

		assertThat(attaches.get()).isEqualTo(3);
		assertThat(changes).extracting(ChannelStateChange::current).containsSubsequence(ChannelState.ATTACHING,
				ChannelState.SUSPENDED, ChannelState.ATTACHING, ChannelState.ATTACHED);
	}

	@Test
	void RTL13b_serverDetachWhileAttachingSuspendsWithoutAnotherAttach() {
		connectedClient(r -> r.realtimeRequestTimeout(Duration.ofMillis(500))
			.channelRetryTimeout(Duration.ofMillis(200)));
		answerAttaches(n -> n != 1);
		RealtimeChannel channel = client.channels().get("test-RTL13b-attaching");
		channel.attach().exceptionally(ex -> null);
		awaitState(channel, ChannelState.ATTACHING);
		channel.on(changes::add);

		serverDetaches(channel, 90198, "Server detached");
		awaitState(channel, ChannelState.SUSPENDED);
		assertThat(attaches.get()).isEqualTo(1);
		clock.advance(Duration.ofMillis(250));
		awaitState(channel, ChannelState.ATTACHED);
		assertThat(attaches.get()).isEqualTo(2);

		assertThat(changes.get(0).previous()).isEqualTo(ChannelState.ATTACHING);
		assertThat(changes.get(0).current()).isEqualTo(ChannelState.SUSPENDED);
		assertThat(changes.get(0).reason().code()).isEqualTo(90198);
	}

	@Test
	void RTL13b_repeatedFailuresCycleBetweenSuspendedAndAttaching() {
		connectedClient(r -> r.realtimeRequestTimeout(Duration.ofMillis(100))
			.channelRetryTimeout(Duration.ofMillis(200)));
		answerAttaches(n -> n == 1 || n >= 4);
		RealtimeChannel channel = client.channels().get("test-RTL13b-repeat");
		await(channel.attach());
		channel.on(changes::add);

		serverDetaches(channel, 90198, "Detach");
		awaitState(channel, ChannelState.ATTACHING);
		clock.advance(Duration.ofMillis(150));
		awaitState(channel, ChannelState.SUSPENDED);
		// Small steps: the retry delay has an RTB1 jitter, so a fixed jump could also pass the next timeout.
		advanceUntil(Duration.ofMillis(10), 30, () -> channel.state() == ChannelState.ATTACHING);
		assertThat(attaches.get()).isEqualTo(3);

		clock.advance(Duration.ofMillis(150));
		awaitState(channel, ChannelState.SUSPENDED);
		// RTB1: the second retry waits up to 4/3 of channelRetryTimeout.
		advanceUntil(Duration.ofMillis(10), 40, () -> channel.state() == ChannelState.ATTACHED);
		assertThat(attaches.get()).isEqualTo(4);
		assertThat(changes).extracting(ChannelStateChange::current).containsSubsequence(ChannelState.ATTACHING,
				ChannelState.SUSPENDED, ChannelState.ATTACHING, ChannelState.SUSPENDED, ChannelState.ATTACHING,
				ChannelState.ATTACHED);
	}

	@Test
	void RTL13c_noRetryOnceTheConnectionIsNoLongerConnected() {
		connectedClient(r -> r.realtimeRequestTimeout(Duration.ofMillis(100))
			.channelRetryTimeout(Duration.ofMillis(200)));
		answerAttaches(n -> n == 1);
		RealtimeChannel channel = client.channels().get("test-RTL13c");
		await(channel.attach());

		serverDetaches(channel, 90198, "Detach");
		awaitState(channel, ChannelState.ATTACHING);
		clock.advance(Duration.ofMillis(150));
		awaitState(channel, ChannelState.SUSPENDED);

		mock.onConnectionAttempt(c -> {
		});
		mock.active().simulateDisconnect(null);
		awaitUntil(() -> client.connection().state() != ConnectionState.CONNECTED);
		int attachesAfterDisconnect = attaches.get();
		clock.advance(Duration.ofMillis(500));

		assertThat(attaches.get()).isEqualTo(attachesAfterDisconnect);
		assertThat(channel.state()).isEqualTo(ChannelState.SUSPENDED);
	}

	@Test
	void RTL13a_detachedWhileDetachingCompletesTheDetach() {
		connectedClient();
		answerAttaches(n -> true);
		RealtimeChannel channel = client.channels().get("test-RTL13-detaching");
		await(channel.attach());
		await(channel.detach());
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(attaches.get()).isEqualTo(1);
	}
}
