package io.github.ablyspring.client.realtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * uts/realtime/unit/channels/channel_attributes.md (RTL23, RTL24) and channel_when_state_test.md (RTL25).
 */
class ChannelAttributesUnitTest extends ChannelUnitTestSupport {

	@Test
	void RTL23_nameIsTheNameAskedFor() {
		newClient();
		assertThat(client.channels().get("my-channel").name()).isEqualTo("my-channel");
		assertThat(client.channels().get("namespace:channel-name").name()).isEqualTo("namespace:channel-name");
	}

	@Test
	void RTL24_errorReasonIsSetByAChannelError() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL24");
		await(channel.attach());
		assertThat(channel.errorReason()).isNull();

		mock.active().sendToClient(channelError(channel.name(), 90001, 500, "Channel error occurred"));
		awaitState(channel, ChannelState.FAILED);
		assertThat(channel.errorReason()).extracting(ErrorInfo::code, ErrorInfo::statusCode, ErrorInfo::message)
			.containsExactly(90001, 500, "Channel error occurred");
	}

	@Test
	void RTL24_errorReasonIsSetByARejectedAttach() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(detached(m.channel(), ErrorInfo.of(40160, 401, "Permission denied")));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL24-attach");
		awaitFailure(channel.attach());
		assertThat(channel.errorReason().code()).isEqualTo(40160);
		assertThat(channel.errorReason().statusCode()).isEqualTo(401);
	}

	@Test
	void RTL4c_RTL24_errorReasonIsClearedByTheNextAttach() {
		connectedClient();
		AtomicInteger attaches = new AtomicInteger();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attaches.incrementAndGet() == 1
						? detached(m.channel(), ErrorInfo.of(50000, 500, "Temporary error")) : attached(m.channel()));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL24-clear");
		awaitFailure(channel.attach());
		assertThat(channel.errorReason().code()).isEqualTo(50000);
		await(channel.attach());
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(channel.errorReason()).isNull();
	}

	@Test
	void RTL4c_RTL24_errorReasonStaysClearedThroughDetach() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL24-detach");
		await(channel.attach());
		mock.active().sendToClient(channelError(channel.name(), 90002, 500, "Channel error"));
		awaitState(channel, ChannelState.FAILED);
		assertThat(channel.errorReason().code()).isEqualTo(90002);

		await(channel.attach());
		assertThat(channel.errorReason()).isNull();
		await(channel.detach());
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(channel.errorReason()).isNull();
	}

	// ---------------------------------------------------------------- channel_when_state_test.md

	@Test
	void RTL25a_whenStateCompletesAtOnceWithNullWhenAlreadyThere() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL25a");
		await(channel.attach());
		assertThat(await(channel.whenState(ChannelState.ATTACHED))).isNull();
	}

	@Test
	void RTL25b_whenStateWaitsAndCompletesWithTheChange() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL25b");
		CompletableFuture<ChannelStateChange> when = channel.whenState(ChannelState.ATTACHED);
		clock.settle();
		assertThat(when).isNotDone();
		await(channel.attach());
		ChannelStateChange change = await(when);
		assertThat(change.current()).isEqualTo(ChannelState.ATTACHED);
		assertThat(change.previous()).isIn(ChannelState.INITIALIZED, ChannelState.ATTACHING);
	}

	@Test
	void RTL25b_whenStateAndOnceFireOnlyOnce() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL25b-once");
		AtomicInteger onceCalls = new AtomicInteger();
		channel.once(ChannelEvent.ATTACHED, c -> onceCalls.incrementAndGet());
		CompletableFuture<ChannelStateChange> when = channel.whenState(ChannelState.ATTACHED);
		await(channel.attach());
		ChannelStateChange first = await(when);
		assertThat(first).isNotNull();
		assertThat(onceCalls.get()).isEqualTo(1);

		await(channel.detach());
		await(channel.attach());
		assertThat(onceCalls.get()).isEqualTo(1);
		assertThat(await(when)).isSameAs(first);
	}

	@Test
	void RTL25a_whenStateForAPastStateDoesNotComplete() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL25a-past");
		await(channel.attach());
		CompletableFuture<ChannelStateChange> when = channel.whenState(ChannelState.ATTACHING);
		clock.settle();
		assertThat(when).isNotDone();
	}
}
