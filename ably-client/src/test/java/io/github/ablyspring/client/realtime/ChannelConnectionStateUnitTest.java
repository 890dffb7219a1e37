package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/channels/channel_connection_state.md: RTL3 (and RTL4c1 on re-attach). */
class ChannelConnectionStateUnitTest extends ChannelUnitTestSupport {

	private static final ProtocolMessage FATAL = ProtocolMessage.builder(ProtocolAction.ERROR)
		.error(ErrorInfo.of(40198, 403, "Account disabled"))
		.build();

	private final List<ChannelStateChange> changes = new CopyOnWriteArrayList<>();

	private RealtimeChannel attachedChannel(String name) {
		RealtimeChannel channel = client.channels().get(name);
		await(channel.attach());
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		channel.on(changes::add);
		return channel;
	}

	private RealtimeChannel attachingChannel(String name) {
		RealtimeChannel channel = client.channels().get(name);
		channel.attach().exceptionally(ex -> null);
		awaitState(channel, ChannelState.ATTACHING);
		channel.on(changes::add);
		return channel;
	}

	@Test
	void RTL3e_disconnectedLeavesAnAttachedChannelAlone() {
		connectedClient();
		serveAttachAndDetach();
		mock.onConnectionAttempt(c -> {
		});
		RealtimeChannel channel = attachedChannel("test-RTL3e-attached");
		mock.active().simulateDisconnect(null);
		awaitUntil(() -> client.connection().state() != ConnectionState.CONNECTED);
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(changes).isEmpty();
	}

	@Test
	void RTL3e_disconnectedLeavesAnAttachingChannelAlone() {
		connectedClient();
		mock.onConnectionAttempt(c -> {
		});
		RealtimeChannel channel = attachingChannel("test-RTL3e-attaching");
		mock.active().simulateDisconnect(null);
		awaitUntil(() -> client.connection().state() != ConnectionState.CONNECTED);
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHING);
		assertThat(changes).isEmpty();
	}

	@Test
	void RTL3a_failedConnectionFailsAnAttachedChannel() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = attachedChannel("test-RTL3a-attached");
		mock.active().sendToClientAndClose(FATAL);
		awaitUntil(() -> client.connection().state() == ConnectionState.FAILED);

		assertThat(channel.state()).isEqualTo(ChannelState.FAILED);
		assertThat(channel.errorReason().code()).isEqualTo(40198);
		ChannelStateChange failed = changes.stream().filter(c -> c.current() == ChannelState.FAILED).findFirst()
			.orElseThrow();
		assertThat(failed.previous()).isEqualTo(ChannelState.ATTACHED);
		assertThat(failed.reason().code()).isEqualTo(40198);
	}

	@Test
	void RTL3a_failedConnectionFailsAnAttachingChannelAndItsAttach() {
		connectedClient();
		RealtimeChannel channel = client.channels().get("test-RTL3a-attaching");
		CompletableFuture<Void> attach = channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		channel.on(changes::add);
		mock.active().sendToClientAndClose(FATAL);
		awaitUntil(() -> client.connection().state() == ConnectionState.FAILED);

		awaitFailure(attach);
		assertThat(channel.state()).isEqualTo(ChannelState.FAILED);
		assertThat(channel.errorReason()).isNotNull();
		assertThat(changes).filteredOn(c -> c.current() == ChannelState.FAILED)
			.singleElement()
			.extracting(ChannelStateChange::previous)
			.isEqualTo(ChannelState.ATTACHING);
	}

	@Test
	void RTL3a_failedConnectionLeavesInitializedAndDetachedChannelsAlone() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel initialized = client.channels().get("test-RTL3a-init");
		RealtimeChannel detached = client.channels().get("test-RTL3a-detached");
		await(detached.attach());
		await(detached.detach());
		List<ChannelStateChange> initChanges = new CopyOnWriteArrayList<>();
		initialized.on(initChanges::add);
		detached.on(changes::add);
		mock.active().sendToClientAndClose(FATAL);
		awaitUntil(() -> client.connection().state() == ConnectionState.FAILED);

		assertThat(initialized.state()).isEqualTo(ChannelState.INITIALIZED);
		assertThat(detached.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(initChanges).isEmpty();
		assertThat(changes).isEmpty();
	}

	@Test
	void RTL3b_closedConnectionDetachesAnAttachedChannel() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = attachedChannel("test-RTL3b");
		client.connection().close();
		awaitUntil(() -> client.connection().state() == ConnectionState.CLOSED);

		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(changes).filteredOn(c -> c.current() == ChannelState.DETACHED)
			.singleElement()
			.extracting(ChannelStateChange::previous)
			.isEqualTo(ChannelState.ATTACHED);
	}

	@Test
	void RTL3b_closedConnectionDetachesAnAttachingChannelAndFailsItsAttach() {
		connectedClient();
		RealtimeChannel channel = client.channels().get("test-RTL3b-attaching");
		CompletableFuture<Void> attach = channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		channel.on(changes::add);
		client.connection().close();
		awaitUntil(() -> client.connection().state() == ConnectionState.CLOSED);

		awaitFailure(attach);
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(changes).filteredOn(c -> c.current() == ChannelState.DETACHED)
			.singleElement()
			.extracting(ChannelStateChange::previous)
			.isEqualTo(ChannelState.ATTACHING);
	}

	@Test
	void RTL3c_suspendedConnectionSuspendsAnAttachedChannel() {
		connectedClient(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1)));
		serveAttachAndDetach();
		RealtimeChannel channel = attachedChannel("test-RTL3c");
		suspendConnection(client);

		assertThat(channel.state()).isEqualTo(ChannelState.SUSPENDED);
		assertThat(changes).filteredOn(c -> c.current() == ChannelState.SUSPENDED)
			.singleElement()
			.extracting(ChannelStateChange::previous)
			.isEqualTo(ChannelState.ATTACHED);
	}

	@Test
	void RTL3c_suspendedConnectionSuspendsAnAttachingChannel() {
		connectedClient(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1)));
		RealtimeChannel channel = attachingChannel("test-RTL3c-attaching");
		suspendConnection(client);

		assertThat(channel.state()).isEqualTo(ChannelState.SUSPENDED);
		assertThat(changes).filteredOn(c -> c.current() == ChannelState.SUSPENDED)
			.singleElement()
			.extracting(ChannelStateChange::previous)
			.isEqualTo(ChannelState.ATTACHING);
	}

	@Test
	void RTL3d_RTL4c1_reconnectReattachesAnAttachedChannelFromItsSerial() {
		connectedClient(r -> r.disconnectedRetryTimeout(Duration.ofMillis(100)));
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel(), "serial-001"));
			}
		});
		RealtimeChannel channel = attachedChannel("test-RTL3d-attached");
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(1);

		mock.active().simulateDisconnect(null);
		advanceUntil(Duration.ofMillis(100), 50, () -> sent(ProtocolAction.ATTACH).size() == 2);
		awaitState(channel, ChannelState.ATTACHED);

		assertThat(sent(ProtocolAction.ATTACH).get(1).channelSerial()).isEqualTo("serial-001");
		assertThat(changes).extracting(ChannelStateChange::current)
			.containsSubsequence(ChannelState.ATTACHING, ChannelState.ATTACHED);
	}

	@Test
	void RTL3d_reconnectReattachesASuspendedChannel() {
		connectedClient(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1))
			.suspendedRetryTimeout(Duration.ofSeconds(2)));
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL3d-suspended");
		await(channel.attach());
		suspendConnection(client);
		assertThat(channel.state()).isEqualTo(ChannelState.SUSPENDED);
		channel.on(changes::add);

		allowConnections();
		advanceUntil(Duration.ofMillis(2500), 10, () -> client.connection().state() == ConnectionState.CONNECTED);
		awaitState(channel, ChannelState.ATTACHED);
		assertThat(sent(ProtocolAction.ATTACH)).hasSizeGreaterThanOrEqualTo(2);
		assertThat(changes).extracting(ChannelStateChange::current)
			.containsSubsequence(ChannelState.ATTACHING, ChannelState.ATTACHED);
	}

	@Test
	void RTL3d_reconnectLeavesInitializedAndDetachedChannelsAlone() {
		connectedClient(r -> r.disconnectedRetryTimeout(Duration.ofMillis(100)));
		serveAttachAndDetach();
		RealtimeChannel initialized = client.channels().get("test-RTL3d-init");
		RealtimeChannel detached = client.channels().get("test-RTL3d-detached");
		await(detached.attach());
		await(detached.detach());
		int attachesBefore = sent(ProtocolAction.ATTACH).size();
		List<ChannelStateChange> initChanges = new CopyOnWriteArrayList<>();
		initialized.on(initChanges::add);
		detached.on(changes::add);

		mock.active().simulateDisconnect(null);
		advanceUntil(Duration.ofMillis(100), 50, () -> client.connection().state() == ConnectionState.CONNECTED);

		assertThat(initialized.state()).isEqualTo(ChannelState.INITIALIZED);
		assertThat(detached.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(initChanges).isEmpty();
		assertThat(changes).isEmpty();
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(attachesBefore);
	}

	@Test
	void RTL3d_reconnectReattachesEveryAttachedChannel() {
		connectedClient(r -> r.disconnectedRetryTimeout(Duration.ofMillis(100)));
		serveAttachAndDetach();
		RealtimeChannel one = client.channels().get("test-RTL3d-multi1");
		RealtimeChannel two = client.channels().get("test-RTL3d-multi2");
		await(one.attach());
		await(two.attach());
		int before = sent(ProtocolAction.ATTACH).size();

		mock.active().simulateDisconnect(null);
		advanceUntil(Duration.ofMillis(100), 50, () -> sent(ProtocolAction.ATTACH).size() >= before + 2);
		awaitState(one, ChannelState.ATTACHED);
		awaitState(two, ChannelState.ATTACHED);
		assertThat(sent(ProtocolAction.ATTACH).subList(before, sent(ProtocolAction.ATTACH).size()))
			.extracting(ProtocolMessage::channel)
			.contains("test-RTL3d-multi1", "test-RTL3d-multi2");
	}
}
