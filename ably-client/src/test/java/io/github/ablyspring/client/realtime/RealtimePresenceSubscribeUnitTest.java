package io.github.ablyspring.client.realtime;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;

import static org.assertj.core.api.Assertions.assertThat;

/** subscribe and unsubscribe (uts/realtime/unit/presence/realtime_presence_subscribe.md). */
class RealtimePresenceSubscribeUnitTest extends PresenceUnitTestBase {

	static final PresenceMessage ALICE_ENTER = member(PresenceAction.ENTER, "alice", "c1", "c1:0:0", 1000);

	static final PresenceMessage ALICE_UPDATE = member(PresenceAction.UPDATE, "alice", "c1", "c1:1:0", 2000,
			"updated");

	static final PresenceMessage ALICE_LEAVE = member(PresenceAction.LEAVE, "alice", "c1", "c1:2:0", 3000);

	@Test
	void RTP6a_subscribeReceivesEveryPresenceEvent() {
		// The UTS case attaches with HAS_PRESENCE and never sends the SYNC; the LEAVE would then arrive mid-sync
		// and be held as ABSENT without an event (RTP2h2a), so here the server has no presence to sync.
		connectAnonymous();
		List<PresenceMessage> received = new CopyOnWriteArrayList<>();
		channel().presence().subscribe(received::add);
		settle();
		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHED);

		serverSends(presence(ALICE_ENTER));
		serverSends(presence(ALICE_UPDATE));
		serverSends(presence(ALICE_LEAVE));

		assertThat(received).extracting(PresenceMessage::action).containsExactly(PresenceAction.ENTER,
				PresenceAction.UPDATE, PresenceAction.LEAVE);
		assertThat(received.get(0).clientId()).isEqualTo("alice");
		assertThat(received.get(1).data()).isEqualTo("updated");
	}

	@Test
	void RTP6b_subscribeToOneAction() {
		connectAnonymous();
		await(channel().attach());
		List<PresenceMessage> enters = new CopyOnWriteArrayList<>();
		List<PresenceMessage> leaves = new CopyOnWriteArrayList<>();
		channel().presence().subscribe(PresenceAction.ENTER, enters::add);
		channel().presence().subscribe(PresenceAction.LEAVE, leaves::add);

		serverSends(presence(ALICE_ENTER, ALICE_UPDATE, ALICE_LEAVE));

		assertThat(enters).extracting(PresenceMessage::action).containsExactly(PresenceAction.ENTER);
		assertThat(leaves).extracting(PresenceMessage::action).containsExactly(PresenceAction.LEAVE);
	}

	@Test
	void RTP6b_subscribeToSeveralActions() {
		connectAnonymous();
		await(channel().attach());
		List<PresenceMessage> received = new CopyOnWriteArrayList<>();
		channel().presence().subscribe(EnumSet.of(PresenceAction.ENTER, PresenceAction.LEAVE), received::add);

		serverSends(presence(ALICE_ENTER, ALICE_UPDATE, ALICE_LEAVE));

		assertThat(received).extracting(PresenceMessage::action).containsExactly(PresenceAction.ENTER,
				PresenceAction.LEAVE);
	}

	@Test
	void RTP6d_subscribeAttachesAnInitializedChannel() {
		AtomicInteger attaches = new AtomicInteger();
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				attaches.incrementAndGet();
			}
			attachAndAck(c, m);
		};
		connectAnonymous();
		assertThat(channel().state()).isEqualTo(ChannelState.INITIALIZED);

		channel().presence().subscribe(m -> {
		});
		settle();

		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(attaches).hasValue(1);
	}

	@Test
	void RTP6d_subscribeAttachesADetachedChannelAgain() {
		connectAnonymous();
		await(channel().attach());
		await(channel().detach());
		assertThat(channel().state()).isEqualTo(ChannelState.DETACHED);

		channel().presence().subscribe(m -> {
		});
		settle();

		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHED);
	}

	@Test
	void RTP6d_theListenerStaysWhenTheImplicitAttachFails() {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(channelError(40160, "not permitted"));
			}
		};
		connectAnonymous();
		List<PresenceMessage> received = new CopyOnWriteArrayList<>();

		channel().presence().subscribe(received::add);
		settle();
		assertThat(channel().state()).isEqualTo(ChannelState.FAILED);
		onClientMessage = this::attachAndAck;
		await(channel().attach());
		serverSends(presence(ALICE_ENTER));

		assertThat(received).extracting(PresenceMessage::clientId).containsExactly("alice");
	}

	@Test
	void RTP6e_subscribeDoesNotAttachWhenAttachOnSubscribeIsOff() {
		AtomicInteger attaches = new AtomicInteger();
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				attaches.incrementAndGet();
			}
		};
		connectAnonymous();
		RealtimeChannel channel = client.channels().get(CHANNEL,
				ChannelOptions.builder().attachOnSubscribe(false).build());
		assertThat(channel.state()).isEqualTo(ChannelState.INITIALIZED);

		channel.presence().subscribe(m -> {
		});
		settle();

		assertThat(channel.state()).isEqualTo(ChannelState.INITIALIZED);
		assertThat(attaches).hasValue(0);
	}

	@Test
	void RTP7c_unsubscribeWithoutArgumentsRemovesEveryListener() {
		connectAnonymous();
		await(channel().attach());
		List<PresenceMessage> a = new CopyOnWriteArrayList<>();
		List<PresenceMessage> b = new CopyOnWriteArrayList<>();
		channel().presence().subscribe(a::add);
		channel().presence().subscribe(b::add);
		serverSends(presence(ALICE_ENTER));
		assertThat(a).hasSize(1);
		assertThat(b).hasSize(1);

		channel().presence().unsubscribe();
		serverSends(presence(member(PresenceAction.ENTER, "bob", "c2", "c2:0:0", 2000)));

		assertThat(a).hasSize(1);
		assertThat(b).hasSize(1);
	}

	@Test
	void RTP7a_unsubscribeOneListener() {
		connectAnonymous();
		await(channel().attach());
		List<PresenceMessage> a = new CopyOnWriteArrayList<>();
		List<PresenceMessage> b = new CopyOnWriteArrayList<>();
		Consumer<PresenceMessage> listenerA = a::add;
		Consumer<PresenceMessage> listenerB = b::add;
		channel().presence().subscribe(listenerA);
		channel().presence().subscribe(PresenceAction.ENTER, listenerA);
		channel().presence().subscribe(listenerB);

		channel().presence().unsubscribe(listenerA);
		serverSends(presence(ALICE_ENTER));

		assertThat(a).isEmpty();
		assertThat(b).hasSize(1);
	}

	@Test
	void RTP7a_theReturnedSubscriptionRemovesItsListener() {
		connectAnonymous();
		await(channel().attach());
		List<PresenceMessage> a = new CopyOnWriteArrayList<>();
		List<PresenceMessage> b = new CopyOnWriteArrayList<>();
		Subscription subscriptionA = channel().presence().subscribe(a::add);
		channel().presence().subscribe(b::add);

		subscriptionA.unsubscribe();
		serverSends(presence(ALICE_ENTER));

		assertThat(a).isEmpty();
		assertThat(b).hasSize(1);
	}

	@Test
	void RTP7b_unsubscribeAListenerFromOneAction() {
		connectAnonymous();
		await(channel().attach());
		List<PresenceMessage> received = new CopyOnWriteArrayList<>();
		Consumer<PresenceMessage> listener = received::add;
		channel().presence().subscribe(PresenceAction.ENTER, listener);
		channel().presence().subscribe(PresenceAction.LEAVE, listener);

		channel().presence().unsubscribe(PresenceAction.ENTER, listener);
		serverSends(presence(ALICE_ENTER, member(PresenceAction.LEAVE, "alice", "c1", "c1:1:0", 2000)));

		assertThat(received).extracting(PresenceMessage::action).containsExactly(PresenceAction.LEAVE);
	}

	@Test
	void RTP7b_unsubscribeOneActionOfAnAllActionsListener() {
		connectAnonymous();
		await(channel().attach());
		List<PresenceMessage> received = new CopyOnWriteArrayList<>();
		Consumer<PresenceMessage> listener = received::add;
		channel().presence().subscribe(listener);

		channel().presence().unsubscribe(PresenceAction.UPDATE, listener);
		serverSends(presence(ALICE_ENTER, ALICE_UPDATE, ALICE_LEAVE));

		assertThat(received).extracting(PresenceMessage::action).containsExactly(PresenceAction.ENTER,
				PresenceAction.LEAVE);
	}

	@Test
	void RTP6_RTP2d2_presenceEventsUpdateTheMembers() {
		connectAnonymous();
		await(channel().attach());
		channel().presence().subscribe(m -> {
		});

		serverSends(presence(member(PresenceAction.ENTER, "alice", "c1", "c1:0:0", 1000, "hello")));

		List<PresenceMessage> members = await(channel().presence().get(false, null, null));
		assertThat(members).singleElement().satisfies(m -> {
			assertThat(m.clientId()).isEqualTo("alice");
			assertThat(m.data()).isEqualTo("hello");
			assertThat(m.action()).isEqualTo(PresenceAction.PRESENT);
		});
	}

	@Test
	void RTP6_severalPresenceMessagesInOneProtocolMessage() {
		connectAnonymous();
		await(channel().attach());
		List<PresenceMessage> received = new CopyOnWriteArrayList<>();
		channel().presence().subscribe(received::add);

		serverSends(presence(member(PresenceAction.ENTER, "alice", "c1", "c1:0:0", 1000),
				member(PresenceAction.ENTER, "bob", "c2", "c2:0:0", 1000),
				member(PresenceAction.ENTER, "carol", "c3", "c3:0:0", 1000)));

		assertThat(received).extracting(PresenceMessage::clientId).containsExactly("alice", "bob", "carol");
	}
}
