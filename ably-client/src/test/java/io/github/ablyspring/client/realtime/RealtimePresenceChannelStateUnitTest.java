package io.github.ablyspring.client.realtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;

import static org.assertj.core.api.Assertions.assertThat;

/** Channel states and presence (uts/realtime/unit/presence/realtime_presence_channel_state.md). */
class RealtimePresenceChannelStateUnitTest extends PresenceUnitTestBase {

	/** The server answers ATTACH with ATTACHED + HAS_PRESENCE and a one-page SYNC of {@code members}. */
	void attachWithSync(PresenceMessage... members) {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(true));
				c.sendToClient(sync("seq1:", members));
			}
			else {
				attachAndAck(c, m);
			}
		};
	}

	@Test
	void RTP1_hasPresenceFlagStartsASyncThatGetWaitsFor() {
		attachWithSync(member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100));
		connectAnonymous();
		await(channel().attach());
		List<PresenceMessage> members = await(channel().presence().get());
		assertThat(members).extracting(PresenceMessage::clientId).containsExactly("alice");
		assertThat(channel().presence().isSyncComplete()).isTrue();
	}

	@Test
	void RTP1_noHasPresenceFlagMeansInSyncWithNoMembers() {
		connectAnonymous();
		await(channel().attach());
		assertThat(await(channel().presence().get())).isEmpty();
		assertThat(channel().presence().isSyncComplete()).isTrue();
	}

	@Test
	void RTP1_RTP19a_attachedWithoutHasPresenceLeavesEveryKnownMember() {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH && connectionCount.get() == 1) {
				c.sendToClient(attached(true));
				c.sendToClient(sync("seq1:", member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100),
						member(PresenceAction.PRESENT, "bob", "c2", "c2:0:0", 100)));
			}
			else {
				attachAndAck(c, m);
			}
		};
		connectAnonymous();
		await(channel().attach());
		assertThat(await(channel().presence().get())).hasSize(2);
		List<PresenceMessage> leaves = new CopyOnWriteArrayList<>();
		channel().presence().subscribe(PresenceAction.LEAVE, leaves::add);

		dropAndReconnect();
		settle();

		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(await(channel().presence().get())).isEmpty();
		assertThat(leaves).extracting(PresenceMessage::clientId).containsExactlyInAnyOrder("alice", "bob");
		assertThat(leaves).allSatisfy(l -> {
			assertThat(l.id()).isNull();
			assertThat(l.action()).isEqualTo(PresenceAction.LEAVE);
			assertThat(l.timestamp()).isEqualTo(clock.currentTimeMillis());
		});
	}

	@Test
	void RTP5a_detachedClearsTheMembersWithoutLeaveEvents() {
		java.util.concurrent.atomic.AtomicInteger attaches = new java.util.concurrent.atomic.AtomicInteger();
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH && attaches.incrementAndGet() == 1) {
				c.sendToClient(attached(true));
				c.sendToClient(sync("seq1:", member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100)));
			}
			else if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(true));                                          // its SYNC not sent yet
			}
			else {
				attachAndAck(c, m);
			}
		};
		connectAnonymous();
		await(channel().attach());
		assertThat(await(channel().presence().get())).hasSize(1);
		List<PresenceMessage> leaves = new CopyOnWriteArrayList<>();
		channel().presence().subscribe(PresenceAction.LEAVE, leaves::add);

		await(channel().detach());

		assertThat(channel().state()).isEqualTo(ChannelState.DETACHED);
		settle();
		assertThat(leaves).isEmpty();
		// get() attaches a DETACHED channel again (RTP11e); before the new SYNC the map holds nothing old
		assertThat(await(channel().presence().get(false, null, null))).isEmpty();
		assertThat(attaches).hasValue(2);
	}

	@Test
	void RTP5a_failedClearsTheMembersWithoutLeaveEvents() {
		attachWithSync(member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100));
		connectAnonymous();
		await(channel().attach());
		assertThat(await(channel().presence().get())).hasSize(1);
		List<PresenceMessage> leaves = new CopyOnWriteArrayList<>();
		channel().presence().subscribe(PresenceAction.LEAVE, leaves::add);

		serverSends(channelError(90001, "Channel failed"));

		assertThat(channel().state()).isEqualTo(ChannelState.FAILED);
		assertThat(leaves).isEmpty();
		// get() on a FAILED channel is refused (RTL33c); the map was cleared, so nothing would be re-entered
		assertThat(failure(channel().presence().get(false, null, null)).code()).isEqualTo(90001);
	}

	@Test
	void RTL11_RTL13b_presenceQueuedWhileAttachingFailsWhenTheServerDetachesTheChannel() {
		// RTL5i makes detach() wait for the pending attach, so the channel leaves ATTACHING by the server's DETACHED.
		onClientMessage = (c, m) -> {
			// ATTACH stays unanswered: the channel is ATTACHING.
		};
		connect("my-client");
		channel().attach();
		settle();
		CompletableFuture<Void> enter = channel().presence().enter("queued");
		settle();

		serverSends(io.github.ablyspring.protocol.ProtocolMessage.builder(ProtocolAction.DETACHED).channel(CHANNEL)
			.error(io.github.ablyspring.protocol.ErrorInfo.of(90198, 500, "detached by the server")).build());
		settle();

		assertThat(channel().state()).isEqualTo(ChannelState.SUSPENDED);
		assertThat(failure(enter)).isNotNull();
		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTP5b_presenceQueuedWhileAttachingIsSentOnAttached() {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.PRESENCE) {
				c.sendToClient(ack(m));
			}
		};
		connect("my-client");
		channel().attach();
		settle();
		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHING);
		CompletableFuture<Void> enter = channel().presence().enter("queued");
		settle();
		assertThat(capturedPresence).isEmpty();

		serverSends(attached(false));

		await(enter);
		assertThat(capturedPresence).hasSize(1);
		assertThat(capturedPresence.get(0).presence().get(0).action()).isEqualTo(PresenceAction.ENTER);
		assertThat(capturedPresence.get(0).presence().get(0).data()).isEqualTo("queued");
	}

	@Test
	void RTP5f_suspendedKeepsTheMembers() {
		attachWithSync(member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100),
				member(PresenceAction.PRESENT, "bob", "c2", "c2:0:0", 100));
		connectAnonymous();
		await(channel().attach());
		assertThat(await(channel().presence().get())).hasSize(2);

		dropUntilSuspended();

		assertThat(channel().state()).isEqualTo(ChannelState.SUSPENDED);
		assertThat(await(channel().presence().get(false, null, null))).extracting(PresenceMessage::clientId)
			.containsExactly("alice", "bob");
	}

	@Test
	void RTP13_syncCompleteOnlyOnceTheLastSyncPageArrives() {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(true));
				c.sendToClient(sync("seq1:cursor1", member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100)));
			}
		};
		connectAnonymous();
		assertThat(channel().presence().isSyncComplete()).isFalse();
		await(channel().attach());
		settle();
		assertThat(channel().presence().isSyncComplete()).isFalse();

		serverSends(sync("seq1:", member(PresenceAction.PRESENT, "bob", "c2", "c2:0:0", 100)));

		assertThat(channel().presence().isSyncComplete()).isTrue();
	}

	@Test
	void RTL9_RTL9a_theChannelHasOnePresenceObject() {
		connectAnonymous();
		RealtimePresence presence = channel().presence();
		assertThat(presence).isNotNull().isSameAs(channel().presence());
	}

	@Test
	void RTL11_presenceOnADetachedChannelFailsAndIsNotSent() {
		connect("my-client");
		await(channel().attach());
		await(channel().detach());
		assertThat(channel().state()).isEqualTo(ChannelState.DETACHED);

		ErrorInfo error = failure(channel().presence().enter("queued-enter"));

		assertThat(error.code()).isEqualTo(90001);
		settle();
		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTL11_queuedPresenceFailsWhenTheChannelIsSuspended() {
		onClientMessage = (c, m) -> {
		};
		connect("my-client");
		channel().attach();
		settle();
		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHING);
		CompletableFuture<Void> enter = channel().presence().enter("queued-enter");
		CompletableFuture<Void> update = channel().presence().update("queued-update");
		settle();
		assertThat(capturedPresence).isEmpty();

		dropUntilSuspended();

		assertThat(channel().state()).isEqualTo(ChannelState.SUSPENDED);
		assertThat(failure(enter)).isNotNull();
		assertThat(failure(update)).isNotNull();
		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTL11_queuedPresenceFailsWhenTheChannelFails() {
		onClientMessage = (c, m) -> {
		};
		connect("my-client");
		channel().attach();
		settle();
		CompletableFuture<Void> enter = channel().presence().enter("queued-enter");
		settle();
		assertThat(capturedPresence).isEmpty();

		serverSends(channelError(90001, "Channel failed"));

		assertThat(channel().state()).isEqualTo(ChannelState.FAILED);
		assertThat(failure(enter).code()).isEqualTo(90001);
		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTL11a_anAckAfterDetachStillCompletesThePresenceCall() {
		onClientMessage = (c, m) -> {
			switch (m.action()) {
				case ATTACH -> c.sendToClient(attached(false));
				case DETACH -> c.sendToClient(
						io.github.ablyspring.protocol.ProtocolMessage.builder(ProtocolAction.DETACHED).channel(CHANNEL)
							.build());
				default -> {
				}
			}
		};
		connect("my-client");
		await(channel().attach());
		CompletableFuture<Void> enter = channel().presence().enter("awaiting-ack");
		settle();
		assertThat(capturedPresence).hasSize(1);

		await(channel().detach());
		assertThat(channel().state()).isEqualTo(ChannelState.DETACHED);
		assertThat(enter).isNotDone();

		serverSends(ack(capturedPresence.get(0)));

		await(enter);
	}
}
