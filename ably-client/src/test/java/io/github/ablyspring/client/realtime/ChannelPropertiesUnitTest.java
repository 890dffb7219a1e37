package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolFlag;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/channels/channel_properties.md: RTL15. */
class ChannelPropertiesUnitTest extends ChannelUnitTestSupport {

	private void serveAttachedWithSerial(String serial) {
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel(), serial));
			}
			else if (m.action() == ProtocolAction.DETACH) {
				c.sendToClient(detached(m.channel(), null));
			}
		});
	}

	@Test
	void RTL15c_attachSerialComesFromEachNonResumedAttached() {
		connectedClient();
		AtomicInteger attaches = new AtomicInteger();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel(), "attach-serial-" + attaches.incrementAndGet()));
			}
			else if (m.action() == ProtocolAction.DETACH) {
				c.sendToClient(detached(m.channel(), null));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL15c");
		assertThat(channel.properties().attachSerial()).isNull();
		await(channel.attach());
		assertThat(channel.properties().attachSerial()).isEqualTo("attach-serial-1");
		await(channel.detach());
		await(channel.attach());
		assertThat(channel.properties().attachSerial()).isEqualTo("attach-serial-2");
	}

	@Test
	void RTL15c_attachSerialFollowsAnUnsolicitedNonResumedAttached() {
		connectedClient();
		serveAttachedWithSerial("initial-serial");
		RealtimeChannel channel = client.channels().get("test-RTL15c-update");
		await(channel.attach());
		assertThat(channel.properties().attachSerial()).isEqualTo("initial-serial");

		mock.active().sendToClient(attached(channel.name(), "updated-serial"));
		awaitUntil(() -> "updated-serial".equals(channel.properties().attachSerial()));
	}

	@Test
	void RTL15c_attachSerialIgnoresAResumedAttached() {
		connectedClient();
		serveAttachedWithSerial("initial-serial");
		RealtimeChannel channel = client.channels().get("test-RTL15c-resumed");
		await(channel.attach());

		mock.active().sendToClient(attached(channel.name(), "resumed-serial", ProtocolFlag.RESUMED));
		awaitUntil(() -> "resumed-serial".equals(channel.properties().channelSerial()));
		assertThat(channel.properties().attachSerial()).isEqualTo("initial-serial");
	}

	@Test
	void RTL15b_channelSerialComesFromAttached() {
		connectedClient();
		serveAttachedWithSerial("serial-001");
		RealtimeChannel channel = client.channels().get("test-RTL15b");
		assertThat(channel.properties().channelSerial()).isNull();
		await(channel.attach());
		assertThat(channel.properties().channelSerial()).isEqualTo("serial-001");
	}

	@Test
	void RTL15b_channelSerialFollowsMessageAndPresence() {
		connectedClient();
		serveAttachedWithSerial("serial-001");
		RealtimeChannel channel = client.channels().get("test-RTL15b-msg",
				ChannelOptions.builder().attachOnSubscribe(false).build());
		await(channel.attach());

		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel.name())
			.channelSerial("serial-002").messages(java.util.List.of(Message.of("event", "data"))).build());
		awaitUntil(() -> "serial-002".equals(channel.properties().channelSerial()));
		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.PRESENCE).channel(channel.name())
			.channelSerial("serial-003").build());
		awaitUntil(() -> "serial-003".equals(channel.properties().channelSerial()));
	}

	@Test
	void RTL15b_channelSerialUnchangedByAMessageWithoutOne() {
		connectedClient();
		serveAttachedWithSerial("serial-001");
		RealtimeChannel channel = client.channels().get("test-RTL15b-none");
		await(channel.attach());
		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel.name())
			.messages(java.util.List.of(Message.of("event", "data"))).build());
		clock.settle();
		assertThat(channel.properties().channelSerial()).isEqualTo("serial-001");
	}

	@Test
	void RTL15b_channelSerialNotTakenFromDetached() {
		connectedClient();
		AtomicInteger attaches = new AtomicInteger();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				attaches.incrementAndGet();
				c.sendToClient(attached(m.channel(), "serial-001"));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL15b-detached");
		await(channel.attach());
		AtomicInteger attachingSeen = new AtomicInteger();
		channel.on(ChannelEvent.ATTACHING, c -> attachingSeen.incrementAndGet());
		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.DETACHED).channel(channel.name())
			.channelSerial("serial-should-not-apply").error(ErrorInfo.of(90198, 500, "Detached")).build());
		awaitUntil(() -> attachingSeen.get() == 1 && channel.state() == ChannelState.ATTACHED);
		assertThat(attaches.get()).isEqualTo(2);
		assertThat(channel.properties().channelSerial()).isEqualTo("serial-001");
	}

	@Test
	void RTL15b1_channelSerialClearedOnDetached() {
		connectedClient();
		serveAttachedWithSerial("serial-001");
		RealtimeChannel channel = client.channels().get("test-RTL15b1-detached");
		await(channel.attach());
		await(channel.detach());
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(channel.properties().channelSerial()).isNull();
	}

	@Test
	void RTL15b1_channelSerialClearedOnSuspended() {
		connectedClient(r -> r.realtimeRequestTimeout(Duration.ofMillis(100)));
		AtomicInteger attaches = new AtomicInteger();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH && attaches.incrementAndGet() == 1) {
				c.sendToClient(attached(m.channel(), "serial-001"));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL15b1-suspended");
		await(channel.attach());
		mock.active().sendToClient(detached(channel.name(), ErrorInfo.of(90198, 500, "Detached")));
		awaitState(channel, ChannelState.ATTACHING);
		clock.advance(Duration.ofMillis(150));
		awaitState(channel, ChannelState.SUSPENDED);
		assertThat(channel.properties().channelSerial()).isNull();
	}

	@Test
	void RTL15b1_channelSerialClearedOnFailed() {
		connectedClient();
		serveAttachedWithSerial("serial-001");
		RealtimeChannel channel = client.channels().get("test-RTL15b1-failed");
		await(channel.attach());
		mock.active().sendToClient(channelError(channel.name(), 40160, 401, "Not permitted"));
		awaitState(channel, ChannelState.FAILED);
		assertThat(channel.properties().channelSerial()).isNull();
	}
}
