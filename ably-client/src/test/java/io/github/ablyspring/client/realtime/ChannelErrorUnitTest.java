package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/channels/channel_error.md: RTL14. */
class ChannelErrorUnitTest extends ChannelUnitTestSupport {

	@Test
	void RTL14_channelErrorFailsAnAttachedChannelOnly() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL14-attached");
		await(channel.attach());
		List<ChannelStateChange> changes = new CopyOnWriteArrayList<>();
		channel.on(changes::add);

		mock.active().sendToClient(channelError(channel.name(), 40160, 401, "Not permitted"));
		awaitState(channel, ChannelState.FAILED);

		assertThat(channel.errorReason().code()).isEqualTo(40160);
		assertThat(channel.errorReason().statusCode()).isEqualTo(401);
		assertThat(channel.errorReason().message()).contains("Not permitted");
		assertThat(changes).singleElement().satisfies(c -> {
			assertThat(c.current()).isEqualTo(ChannelState.FAILED);
			assertThat(c.previous()).isEqualTo(ChannelState.ATTACHED);
			assertThat(c.reason().code()).isEqualTo(40160);
		});
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void RTL14_channelErrorFailsAnAttachingChannelAndItsAttach() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(channelError(m.channel(), 40160, 401, "Not permitted"));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL14-attaching");
		ErrorInfo error = awaitFailure(channel.attach());
		assertThat(channel.state()).isEqualTo(ChannelState.FAILED);
		assertThat(channel.errorReason().code()).isEqualTo(40160);
		assertThat(error.code()).isEqualTo(40160);
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void RTL14_channelErrorFailsAPendingDetach() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
			else if (m.action() == ProtocolAction.DETACH) {
				c.sendToClient(channelError(m.channel(), 90198, 500, "Detach failed"));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL14-detaching");
		await(channel.attach());
		ErrorInfo error = awaitFailure(channel.detach());
		assertThat(channel.state()).isEqualTo(ChannelState.FAILED);
		assertThat(channel.errorReason().code()).isEqualTo(90198);
		assertThat(error.code()).isEqualTo(90198);
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void RTL14_channelErrorLeavesOtherChannelsAlone() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel a = client.channels().get("test-RTL14-a");
		RealtimeChannel b = client.channels().get("test-RTL14-b");
		await(a.attach());
		await(b.attach());

		mock.active().sendToClient(channelError(a.name(), 40160, 401, "Not permitted"));
		awaitState(a, ChannelState.FAILED);
		assertThat(a.errorReason()).isNotNull();
		assertThat(b.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(b.errorReason()).isNull();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void RTL14_channelErrorCancelsThePendingRetry() {
		connectedClient(r -> r.realtimeRequestTimeout(Duration.ofMillis(100))
			.channelRetryTimeout(Duration.ofMillis(200)));
		AtomicInteger attaches = new AtomicInteger();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH && attaches.incrementAndGet() == 1) {
				c.sendToClient(attached(m.channel()));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL14-timers");
		await(channel.attach());
		mock.active().sendToClient(detached(channel.name(), ErrorInfo.of(90198, 500, "Detach")));
		clock.settle();
		clock.advance(Duration.ofMillis(150));
		awaitState(channel, ChannelState.SUSPENDED);

		mock.active().sendToClient(channelError(channel.name(), 40160, 401, "Not permitted"));
		awaitState(channel, ChannelState.FAILED);
		int attachesAfterError = attaches.get();
		clock.advance(Duration.ofMillis(500));
		assertThat(channel.state()).isEqualTo(ChannelState.FAILED);
		assertThat(attaches.get()).isEqualTo(attachesAfterError);
	}
}
