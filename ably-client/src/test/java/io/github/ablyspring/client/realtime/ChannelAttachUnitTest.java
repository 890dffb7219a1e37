package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ChannelMode;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/channels/channel_attach.md: RTL4. */
class ChannelAttachUnitTest extends ChannelUnitTestSupport {

	@Test
	void RTL4a_attachWhenAlreadyAttachedIsANoOp() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL4a");
		await(channel.attach());
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(1);

		await(channel.attach());
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(1);
	}

	@Test
	void RTL4h_attachWhileAttachingWaitsForTheSameAttach() {
		connectedClient();
		RealtimeChannel channel = client.channels().get("test-RTL4h");
		CompletableFuture<Void> first = channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		CompletableFuture<Void> second = channel.attach();
		clock.settle();
		mock.active().sendToClient(attached(channel.name()));
		await(first);
		await(second);
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(1);
	}

	@Test
	void RTL4h_attachWhileDetachingAttachesAfterTheDetach() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL4h-detaching");
		await(channel.attach());
		CompletableFuture<Void> detach = channel.detach();
		awaitState(channel, ChannelState.DETACHING);
		CompletableFuture<Void> attach = channel.attach();
		clock.settle();
		assertThat(sent(ProtocolAction.ATTACH)).as("no ATTACH until the detach is done").hasSize(1);

		mock.active().sendToClient(detached(channel.name(), null));
		await(detach);
		await(attach);
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(fromClient).extracting(ProtocolMessage::action)
			.containsExactly(ProtocolAction.ATTACH, ProtocolAction.DETACH, ProtocolAction.ATTACH);
	}

	@Test
	void RTL4g_attachFromFailedAttachesAgain() {
		connectedClient();
		AtomicInteger attaches = new AtomicInteger();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attaches.incrementAndGet() == 1 ? channelError(m.channel(), 40160, 401, "Denied")
						: attached(m.channel()));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL4g");
		ErrorInfo error = awaitFailure(channel.attach());
		assertThat(error.code()).isEqualTo(40160);
		assertThat(channel.state()).isEqualTo(ChannelState.FAILED);
		assertThat(channel.errorReason()).isNotNull();

		await(channel.attach());
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(channel.errorReason()).isNull();
	}

	@Test
	void RTL4c_successfulAttachClearsTheErrorReasonOfASuspendedChannel() {
		connectedClient(r -> r.suspendedRetryTimeout(Duration.ofSeconds(2)));
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL4c-error-clear");
		await(channel.attach());

		suspendConnection(client);
		assertThat(channel.state()).isEqualTo(ChannelState.SUSPENDED);
		assertThat(channel.errorReason()).isNotNull();

		allowConnections();
		advanceUntil(Duration.ofMillis(2500), 10, () -> client.connection().state() == ConnectionState.CONNECTED);
		awaitState(channel, ChannelState.ATTACHED);
		assertThat(channel.errorReason()).isNull();
	}

	@Test
	void RTL4b_attachFailsWhenTheConnectionIsClosed() {
		connectedClient();
		RealtimeChannel channel = client.channels().get("test-RTL4b-closed");
		client.connection().close();
		awaitUntil(() -> client.connection().state() == ConnectionState.CLOSED);

		ErrorInfo error = awaitFailure(channel.attach());
		assertThat(error.code()).isEqualTo(90001);
		assertThat(channel.state()).isNotEqualTo(ChannelState.ATTACHED);
	}

	@Test
	void RTL4b_attachFailsWhenTheConnectionHasFailed() {
		newClient();
		mock.onConnectionAttempt(c -> {
			c.respondWithSuccess(RealtimeUnitSupport.connected("conn-1", "key-1"));
			c.sendToClientAndClose(ProtocolMessage.builder(ProtocolAction.ERROR)
				.error(ErrorInfo.of(80000, 400, "Fatal error"))
				.build());
		});
		RealtimeChannel channel = client.channels().get("test-RTL4b-failed");
		client.connect();
		awaitUntil(() -> client.connection().state() == ConnectionState.FAILED);

		ErrorInfo error = awaitFailure(channel.attach());
		assertThat(error).isNotNull();
		assertThat(channel.state()).isNotEqualTo(ChannelState.ATTACHED);
	}

	@Test
	void RTL4b_attachFailsWhenTheConnectionIsSuspended() {
		newClient(r -> r.channelRetryTimeout(Duration.ofMillis(100)));
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithRefused);
		RealtimeChannel channel = client.channels().get("test-RTL4b-suspended");
		client.connect();
		advanceUntil(Duration.ofSeconds(5), 60, () -> client.connection().state() == ConnectionState.SUSPENDED);

		ErrorInfo error = awaitFailure(channel.attach());
		assertThat(error).isNotNull();
		assertThat(channel.state()).isNotEqualTo(ChannelState.ATTACHED);
	}

	@Test
	void RTL4i_attachWhileConnectingGoesToAttachingWithoutSendingAttach() {
		newClient();
		mock.onConnectionAttempt(c -> {
		});
		RealtimeChannel channel = client.channels().get("test-RTL4i");
		client.connect();
		awaitUntil(() -> client.connection().state() == ConnectionState.CONNECTING);
		channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		assertThat(sent(ProtocolAction.ATTACH)).isEmpty();
	}

	@Test
	void RTL4i_queuedAttachCompletesOnceConnected() {
		newClient();
		AtomicReference<MockWebSocket.PendingConnection> pending = new AtomicReference<>();
		mock.onConnectionAttempt(pending::set);
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL4i-connected");
		client.connect();
		awaitUntil(() -> pending.get() != null);
		CompletableFuture<Void> attach = channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		assertThat(sent(ProtocolAction.ATTACH)).isEmpty();

		pending.get().respondWithSuccess(RealtimeUnitSupport.connected("conn-1", "key-1"));
		await(attach);
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(1);
	}

	@Test
	void RTL4c_attachSendsAttachAndPassesThroughAttaching() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL4c");
		AtomicReference<ChannelState> stateDuringAttaching = new AtomicReference<>();
		channel.on(ChannelEvent.ATTACHING, change -> stateDuringAttaching.set(channel.state()));
		await(channel.attach());

		assertThat(stateDuringAttaching.get()).isEqualTo(ChannelState.ATTACHING);
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		List<ProtocolMessage> attaches = sent(ProtocolAction.ATTACH);
		assertThat(attaches).hasSize(1);
		assertThat(attaches.get(0).channel()).isEqualTo("test-RTL4c");
	}

	@Test
	void RTL4c1_reattachCarriesTheChannelSerial() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel(), "serial-from-server-1"));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL4c1");
		await(channel.attach());
		await(channel.setOptions(ChannelOptions.builder().modes(ChannelMode.SUBSCRIBE).build()));

		List<ProtocolMessage> attaches = sent(ProtocolAction.ATTACH);
		assertThat(attaches).hasSize(2);
		assertThat(attaches.get(0).channelSerial()).isNull();
		assertThat(attaches.get(1).channelSerial()).isEqualTo("serial-from-server-1");
	}

	@Test
	void RTL4f_attachTimesOutIntoSuspended() {
		connectedClient(r -> r.realtimeRequestTimeout(Duration.ofMillis(100)));
		RealtimeChannel channel = client.channels().get("test-RTL4f");
		CompletableFuture<Void> attach = channel.attach();
		clock.advance(Duration.ofMillis(150));
		ErrorInfo error = awaitFailure(attach);
		assertThat(error).isNotNull();
		assertThat(channel.state()).isEqualTo(ChannelState.SUSPENDED);
	}

	@Test
	void RTL4k_attachCarriesTheChannelParams() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL4k",
				ChannelOptions.builder().param("rewind", "1").param("delta", "vcdiff").build());
		await(channel.attach());
		ProtocolMessage attach = sent(ProtocolAction.ATTACH).get(0);
		assertThat(attach.params()).containsEntry("rewind", "1").containsEntry("delta", "vcdiff");
	}

	@Test
	void RTL4l_attachCarriesTheModesAsFlags() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL4l",
				ChannelOptions.builder().modes(ChannelMode.PUBLISH, ChannelMode.SUBSCRIBE).build());
		await(channel.attach());
		Long flags = sent(ProtocolAction.ATTACH).get(0).flags();
		assertThat(flags).isNotNull();
		assertThat(flags & 131072).isNotZero();
		assertThat(flags & 262144).isNotZero();
	}

	@Test
	void RTL4m_modesComeFromTheAttachedFlags() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.ATTACHED).channel(m.channel()).flags(393216L)
					.build());
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL4m");
		await(channel.attach());
		assertThat(channel.modes()).contains(ChannelMode.PUBLISH, ChannelMode.SUBSCRIBE);
	}

	@Test
	void RTL4j_attachResumeIsSetOnAReattachWhileAttachedOnly() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL4j");
		await(channel.attach());
		await(channel.setOptions(ChannelOptions.builder().param("rewind", "1").build()));

		List<ProtocolMessage> attaches = sent(ProtocolAction.ATTACH);
		assertThat(attaches).hasSize(2);
		assertThat(flags(attaches.get(0)) & 32).isZero();
		assertThat(flags(attaches.get(1)) & 32).isNotZero();
	}

	@Test
	void RTL4b_operationsOnAChannelOfAClosedClientFailClearly() {
		connectedClient();
		RealtimeChannel channel = client.channels().get("test-closed-client");
		client.close();
		assertThat(awaitFailureUnsettled(channel.attach()).message()).contains("closed");
		assertThat(awaitFailureUnsettled(channel.publish("name", "data")).message()).contains("closed");
		assertThat(awaitFailureUnsettled(channel.detach()).message()).contains("closed");
	}

	/** Like awaitFailure, without waiting for the (stopped) event loop. */
	private static ErrorInfo awaitFailureUnsettled(CompletableFuture<?> future) {
		try {
			future.get(5, java.util.concurrent.TimeUnit.SECONDS);
			throw new AssertionError("expected a failure");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			assertThat(ex.getCause()).isInstanceOf(io.github.ablyspring.protocol.AblyException.class);
			return ((io.github.ablyspring.protocol.AblyException) ex.getCause()).errorInfo();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private static long flags(ProtocolMessage m) {
		return m.flags() == null ? 0 : m.flags();
	}
}
