package io.github.ablyspring.client.realtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolFlag;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * uts/realtime/unit/channels/channel_state_events.md (RTL2, TH1-TH6) and channel_additional_attached.md (RTL12).
 */
class ChannelStateEventsUnitTest extends ChannelUnitTestSupport {

	private void serveAttached(ProtocolFlag... flags) {
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel(), null, flags));
			}
		});
	}

	private void serveDenied(String message) {
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(channelError(m.channel(), 40160, 401, message));
			}
		});
	}

	@Test
	void RTL2b_aNewChannelIsInitialized() {
		newClient();
		RealtimeChannel channel = client.channels().get("test-RTL2b");
		assertThat(channel.state()).isInstanceOf(ChannelState.class).isEqualTo(ChannelState.INITIALIZED);
	}

	@Test
	void RTL2a_everyStateChangeIsEmitted() {
		connectedClient();
		RealtimeChannel channel = client.channels().get("test-RTL2a");
		List<ChannelStateChange> changes = new CopyOnWriteArrayList<>();
		channel.on(changes::add);
		serveAttached();
		await(channel.attach());

		assertThat(changes).hasSizeGreaterThanOrEqualTo(2);
		assertThat(changes.get(0)).extracting(ChannelStateChange::previous, ChannelStateChange::current)
			.containsExactly(ChannelState.INITIALIZED, ChannelState.ATTACHING);
		assertThat(changes.get(1)).extracting(ChannelStateChange::previous, ChannelStateChange::current)
			.containsExactly(ChannelState.ATTACHING, ChannelState.ATTACHED);
	}

	@Test
	void RTL2d_TH1_TH2_TH5_aChangeCarriesPreviousCurrentAndEvent() {
		connectedClient();
		serveAttached();
		RealtimeChannel channel = client.channels().get("test-RTL2d");
		AtomicReference<ChannelStateChange> captured = new AtomicReference<>();
		channel.on(change -> {
			if (change.current() == ChannelState.ATTACHING) {
				captured.set(change);
			}
		});
		await(channel.attach());
		assertThat(captured.get()).extracting(ChannelStateChange::previous, ChannelStateChange::current,
				ChannelStateChange::event)
			.containsExactly(ChannelState.INITIALIZED, ChannelState.ATTACHING, ChannelEvent.ATTACHING);
	}

	@Test
	void RTL2d_TH3_aChangeCarriesTheErrorOfItsProtocolMessage() {
		connectedClient();
		serveDenied("Channel denied");
		RealtimeChannel channel = client.channels().get("test-RTL2d-error");
		AtomicReference<ChannelStateChange> captured = new AtomicReference<>();
		channel.on(ChannelEvent.FAILED, captured::set);
		awaitFailure(channel.attach());
		assertThat(captured.get().current()).isEqualTo(ChannelState.FAILED);
		assertThat(captured.get().reason().code()).isEqualTo(40160);
		assertThat(captured.get().reason().message()).isEqualTo("Channel denied");
	}

	@Test
	void RTL2_aFilteredListenerSeesOnlyItsEvent() {
		connectedClient();
		serveAttached();
		RealtimeChannel channel = client.channels().get("test-RTL2-filtered");
		List<ChannelStateChange> attached = new CopyOnWriteArrayList<>();
		channel.on(ChannelEvent.ATTACHED, attached::add);
		await(channel.attach());
		assertThat(attached).singleElement().satisfies(c -> {
			assertThat(c.current()).isEqualTo(ChannelState.ATTACHED);
			assertThat(c.event()).isEqualTo(ChannelEvent.ATTACHED);
		});
	}

	@Test
	void RTL2g_anotherAttachedWithoutResumedIsAnUpdateNotAStateEvent() {
		connectedClient();
		serveAttached();
		RealtimeChannel channel = client.channels().get("test-RTL2g");
		List<ChannelStateChange> all = new CopyOnWriteArrayList<>();
		channel.on(all::add);
		await(channel.attach());

		mock.active().sendToClient(attached(channel.name()));
		clock.settle();
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(all).filteredOn(c -> c.event() == ChannelEvent.UPDATE).singleElement().satisfies(c -> {
			assertThat(c.previous()).isEqualTo(ChannelState.ATTACHED);
			assertThat(c.current()).isEqualTo(ChannelState.ATTACHED);
			assertThat(c.resumed()).isFalse();
		});
		assertThat(all).filteredOn(c -> c.event() == ChannelEvent.ATTACHED).hasSize(1);
	}

	@Test
	void RTL2g_setOptionsWhileAttachingEmitsNoRepeatedAttaching() {
		connectedClient();
		RealtimeChannel channel = client.channels().get("test-RTL2g-setoptions");
		List<ChannelStateChange> all = new CopyOnWriteArrayList<>();
		channel.on(all::add);
		channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		channel.setOptions(io.github.ablyspring.protocol.ChannelOptions.builder().param("rewind", "1").build());
		clock.settle();
		mock.active().sendToClient(attached(channel.name()));
		awaitState(channel, ChannelState.ATTACHED);
		assertThat(all).extracting(ChannelStateChange::current).containsExactly(ChannelState.ATTACHING,
				ChannelState.ATTACHED);
		assertThat(all).allMatch(c -> c.previous() != c.current());
	}

	@Test
	void RTL2i_TH6_hasBacklogFollowsTheAttachedFlag() {
		connectedClient();
		serveAttached(ProtocolFlag.HAS_BACKLOG);
		RealtimeChannel withBacklog = client.channels().get("test-RTL2i");
		AtomicReference<ChannelStateChange> captured = new AtomicReference<>();
		withBacklog.on(ChannelEvent.ATTACHED, captured::set);
		await(withBacklog.attach());
		assertThat(captured.get().hasBacklog()).isTrue();

		serveAttached();
		RealtimeChannel without = client.channels().get("test-RTL2i-false");
		without.on(ChannelEvent.ATTACHED, captured::set);
		await(without.attach());
		assertThat(captured.get().hasBacklog()).isFalse();
	}

	@Test
	void RTL2d_resumedFollowsTheAttachedFlag() {
		connectedClient();
		serveAttached(ProtocolFlag.RESUMED);
		RealtimeChannel channel = client.channels().get("test-RTL2d-resumed");
		AtomicReference<ChannelStateChange> captured = new AtomicReference<>();
		channel.on(ChannelEvent.ATTACHED, captured::set);
		await(channel.attach());
		assertThat(captured.get().resumed()).isTrue();
	}

	@Test
	void RTL24_errorReasonIsSetWhenTheChannelFails() {
		connectedClient();
		serveDenied("Not authorized");
		RealtimeChannel channel = client.channels().get("test-errorReason");
		awaitFailure(channel.attach());
		assertThat(channel.state()).isEqualTo(ChannelState.FAILED);
		assertThat(channel.errorReason().code()).isEqualTo(40160);
		assertThat(channel.errorReason().message()).isEqualTo("Not authorized");
	}

	@Test
	void RTL4c_errorReasonIsClearedByASuccessfulAttach() {
		connectedClient();
		AtomicInteger attaches = new AtomicInteger();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attaches.incrementAndGet() == 1 ? channelError(m.channel(), 40160, 400, "Denied")
						: attached(m.channel()));
			}
		});
		RealtimeChannel channel = client.channels().get("test-errorReason-clear");
		awaitFailure(channel.attach());
		assertThat(channel.errorReason()).isNotNull();
		await(channel.attach());
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(channel.errorReason()).isNull();
	}

	// ---------------------------------------------------------------- channel_additional_attached.md

	@Test
	void RTL12_additionalAttachedWithoutResumedEmitsUpdateWithItsError() {
		connectedClient();
		serveAttached();
		RealtimeChannel channel = client.channels().get("test-RTL12-update");
		await(channel.attach());
		List<ChannelStateChange> updates = new CopyOnWriteArrayList<>();
		channel.on(ChannelEvent.UPDATE, updates::add);

		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.ATTACHED).channel(channel.name())
			.error(ErrorInfo.of(50000, 500, "generic serverside failure"))
			.build());
		clock.settle();
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(updates).singleElement().satisfies(c -> {
			assertThat(c.event()).isEqualTo(ChannelEvent.UPDATE);
			assertThat(c.previous()).isEqualTo(ChannelState.ATTACHED);
			assertThat(c.current()).isEqualTo(ChannelState.ATTACHED);
			assertThat(c.resumed()).isFalse();
			assertThat(c.reason().code()).isEqualTo(50000);
		});
	}

	@Test
	void RTL12_additionalAttachedWithResumedEmitsNothing() {
		connectedClient();
		serveAttached();
		RealtimeChannel channel = client.channels().get("test-RTL12-no-update");
		await(channel.attach());
		List<ChannelStateChange> updates = new CopyOnWriteArrayList<>();
		channel.on(ChannelEvent.UPDATE, updates::add);

		mock.active().sendToClient(attached(channel.name(), null, ProtocolFlag.RESUMED));
		clock.settle();
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(updates).isEmpty();
	}

	@Test
	void RTL12_additionalAttachedWithoutErrorHasANullReason() {
		connectedClient();
		serveAttached();
		RealtimeChannel channel = client.channels().get("test-RTL12-no-error");
		await(channel.attach());
		List<ChannelStateChange> updates = new CopyOnWriteArrayList<>();
		channel.on(ChannelEvent.UPDATE, updates::add);

		mock.active().sendToClient(attached(channel.name()));
		clock.settle();
		assertThat(updates).singleElement().satisfies(c -> {
			assertThat(c.resumed()).isFalse();
			assertThat(c.reason()).isNull();
		});
	}
}
