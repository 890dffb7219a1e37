package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/channels/channel_detach.md: RTL5. */
class ChannelDetachUnitTest extends ChannelUnitTestSupport {

	@Test
	void RTL5a_detachWhenInitializedIsANoOp() {
		newClient();
		RealtimeChannel channel = client.channels().get("test-RTL5a");
		List<ChannelStateChange> changes = new CopyOnWriteArrayList<>();
		channel.on(changes::add);
		await(channel.detach());
		assertThat(channel.state()).isIn(ChannelState.INITIALIZED, ChannelState.DETACHED);
		assertThat(changes).allMatch(c -> c.current() == ChannelState.DETACHED);
		assertThat(fromClient).isEmpty();
	}

	@Test
	void RTL5a_detachWhenDetachedIsANoOp() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL5a-detached");
		await(channel.attach());
		await(channel.detach());
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(sent(ProtocolAction.DETACH)).hasSize(1);

		await(channel.detach());
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(sent(ProtocolAction.DETACH)).hasSize(1);
	}

	@Test
	void RTL5i_detachWhileDetachingWaitsForTheSameDetach() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL5i");
		await(channel.attach());
		CompletableFuture<Void> first = channel.detach();
		awaitState(channel, ChannelState.DETACHING);
		CompletableFuture<Void> second = channel.detach();
		clock.settle();
		mock.active().sendToClient(detached(channel.name(), null));
		await(first);
		await(second);
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(sent(ProtocolAction.DETACH)).hasSize(1);
	}

	@Test
	void RTL5i_detachWhileAttachingDetachesOnceAttached() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.DETACH) {
				c.sendToClient(detached(m.channel(), null));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL5i-attaching");
		CompletableFuture<Void> attach = channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		CompletableFuture<Void> detach = channel.detach();
		clock.settle();
		assertThat(sent(ProtocolAction.DETACH)).as("no DETACH until the attach is done").isEmpty();

		mock.active().sendToClient(attached(channel.name()));
		await(attach);
		await(detach);
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(fromClient).extracting(ProtocolMessage::action)
			.containsExactly(ProtocolAction.ATTACH, ProtocolAction.DETACH);
	}

	@Test
	void RTL5i_RTL4h_anAttachAfterAQueuedDetachCancelsTheDetach() {
		connectedClient();
		RealtimeChannel channel = client.channels().get("test-RTL5i-superseded");
		CompletableFuture<Void> attach = channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		CompletableFuture<Void> detach = channel.detach();
		CompletableFuture<Void> reattach = channel.attach();
		clock.settle();
		assertThat(awaitFailure(detach).message()).contains("superseded");

		mock.active().sendToClient(attached(channel.name()));
		await(attach);
		await(reattach);
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(sent(ProtocolAction.DETACH)).isEmpty();
	}

	@Test
	void RTL5b_detachFromFailedFails() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(channelError(m.channel(), 40160, 401, "Not permitted"));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL5b");
		awaitFailure(channel.attach());
		assertThat(channel.state()).isEqualTo(ChannelState.FAILED);

		ErrorInfo error = awaitFailure(channel.detach());
		assertThat(error.code()).isEqualTo(90001);
		assertThat(channel.state()).isEqualTo(ChannelState.FAILED);
	}

	@Test
	void RTL5j_detachFromSuspendedDetachesAtOnceWithoutDetach() {
		connectedClient(r -> r.realtimeRequestTimeout(Duration.ofMillis(100)));
		RealtimeChannel channel = client.channels().get("test-RTL5j");
		CompletableFuture<Void> attach = channel.attach();
		clock.advance(Duration.ofMillis(150));
		awaitFailure(attach);
		assertThat(channel.state()).isEqualTo(ChannelState.SUSPENDED);

		await(channel.detach());
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(sent(ProtocolAction.DETACH)).isEmpty();
	}

	@Test
	void RTL5l_detachWhileTheConnectionIsConnectingDetachesAtOnce() {
		newClient();
		mock.onConnectionAttempt(c -> {
		});
		RealtimeChannel channel = client.channels().get("test-RTL5l");
		client.connect();
		awaitUntil(() -> client.connection().state() == ConnectionState.CONNECTING);
		CompletableFuture<Void> attach = channel.attach();
		awaitState(channel, ChannelState.ATTACHING);

		await(channel.detach());
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(sent(ProtocolAction.DETACH)).isEmpty();
		awaitFailure(attach);
	}

	@Test
	void RTL5l_detachAnAttachedChannelWhileDisconnectedDetachesAtOnce() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-channel");
		await(channel.attach());
		mock.onConnectionAttempt(c -> {
		});
		mock.active().simulateDisconnect(null);
		awaitUntil(() -> client.connection().state() != ConnectionState.CONNECTED);
		assertThat(client.connection().state()).isIn(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING);

		await(channel.detach());
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(sent(ProtocolAction.DETACH)).isEmpty();
	}

	@Test
	void RTL5d_detachSendsDetachAndPassesThroughDetaching() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL5d");
		await(channel.attach());
		AtomicReference<ChannelState> stateDuringDetaching = new AtomicReference<>();
		channel.on(ChannelEvent.DETACHING, change -> stateDuringDetaching.set(channel.state()));
		await(channel.detach());

		assertThat(stateDuringDetaching.get()).isEqualTo(ChannelState.DETACHING);
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		List<ProtocolMessage> detaches = sent(ProtocolAction.DETACH);
		assertThat(detaches).hasSize(1);
		assertThat(detaches.get(0).channel()).isEqualTo("test-RTL5d");
	}

	@Test
	void RTL5f_detachTimeoutReturnsToThePreviousState() {
		connectedClient(r -> r.realtimeRequestTimeout(Duration.ofMillis(100)));
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL5f");
		await(channel.attach());
		CompletableFuture<Void> detach = channel.detach();
		clock.advance(Duration.ofMillis(150));
		ErrorInfo error = awaitFailure(detach);
		assertThat(error).isNotNull();
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
	}

	@Test
	void RTL5k_attachedWhileDetachingSendsAnotherDetach() {
		connectedClient();
		AtomicInteger detaches = new AtomicInteger();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
			else if (m.action() == ProtocolAction.DETACH) {
				c.sendToClient(detaches.incrementAndGet() == 1 ? attached(m.channel()) : detached(m.channel(), null));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL5k");
		await(channel.attach());
		await(channel.detach());
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(detaches.get()).isEqualTo(2);
	}

	@Test
	void RTL5k_attachedWhileDetachedSendsDetach() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL5k-detached");
		await(channel.attach());
		await(channel.detach());
		assertThat(sent(ProtocolAction.DETACH)).hasSize(1);

		mock.active().sendToClient(attached(channel.name()));
		clock.settle();
		assertThat(sent(ProtocolAction.DETACH)).hasSize(2);
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
	}

	@Test
	void RTL5_detachEmitsDetachingThenDetached() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL5-events");
		List<ChannelStateChange> changes = new CopyOnWriteArrayList<>();
		await(channel.attach());
		channel.on(changes::add);
		await(channel.detach());

		assertThat(changes).hasSizeGreaterThanOrEqualTo(2);
		assertThat(changes.get(0)).extracting(ChannelStateChange::previous, ChannelStateChange::current,
				ChannelStateChange::event)
			.containsExactly(ChannelState.ATTACHED, ChannelState.DETACHING, ChannelEvent.DETACHING);
		assertThat(changes.get(1)).extracting(ChannelStateChange::previous, ChannelStateChange::current,
				ChannelStateChange::event)
			.containsExactly(ChannelState.DETACHING, ChannelState.DETACHED, ChannelEvent.DETACHED);
	}
}
