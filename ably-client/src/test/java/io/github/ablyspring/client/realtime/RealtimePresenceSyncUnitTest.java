package io.github.ablyspring.client.realtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync of uts/realtime/unit/presence/presence_sync.md driven over the channel: SYNC pages with their cursors
 * (RTP18), the LEAVEs of members the sync did not mention (RTP19) and an ATTACHED without HAS_PRESENCE (RTP19a). The
 * map-level cases are in presence/PresenceMapSyncTest.
 */
class RealtimePresenceSyncUnitTest extends PresenceUnitTestBase {

	final List<PresenceMessage> events = new CopyOnWriteArrayList<>();

	@BeforeEach
	void attachedWithoutPresence() {
		connectAnonymous();
		await(channel().attach());
		channel().presence().subscribe(events::add);
	}

	/** alice ("a") and bob ("b") entered at 100 through PRESENCE messages; events cleared. */
	void aliceAndBobEntered() {
		serverSends(presence(member(PresenceAction.ENTER, "alice", "c1", "c1:0:0", 100, "a"),
				member(PresenceAction.ENTER, "bob", "c2", "c2:0:0", 100, "b")));
		assertThat(events).hasSize(2);
		events.clear();
	}

	List<String> members() {
		return await(channel().presence().get(false, null, null)).stream().map(PresenceMessage::clientId).toList();
	}

	@Test
	void RTP18a_RTP18b_aSyncInPagesCompletesOnTheEmptyCursor() {
		serverSends(sync("seq1:cursor1", member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100)));
		assertThat(channel().presence().isSyncComplete()).isFalse();
		CompletableFuture<List<PresenceMessage>> get = channel().presence().get();
		settle();
		assertThat(get).isNotDone();

		serverSends(sync("seq1:cursor2", member(PresenceAction.PRESENT, "bob", "c2", "c2:0:0", 100)));
		assertThat(channel().presence().isSyncComplete()).isFalse();
		serverSends(sync("seq1:", member(PresenceAction.PRESENT, "carol", "c3", "c3:0:0", 100)));

		assertThat(channel().presence().isSyncComplete()).isTrue();
		assertThat(await(get)).extracting(PresenceMessage::clientId).containsExactly("alice", "bob", "carol");
		assertThat(events).extracting(PresenceMessage::action).containsOnly(PresenceAction.PRESENT);
	}

	@Test
	void RTP19_membersTheSyncDidNotMentionLeaveWithNoIdAndTheCurrentTime() {
		aliceAndBobEntered();
		clock.advance(java.time.Duration.ofSeconds(7));

		serverSends(sync("seq2:cursor1", member(PresenceAction.PRESENT, "alice", "c1", "c1:1:0", 200, "a")));
		assertThat(events).extracting(PresenceMessage::action).containsExactly(PresenceAction.PRESENT);
		serverSends(sync("seq2:"));

		assertThat(members()).containsExactly("alice");
		assertThat(events).hasSize(2);
		assertThat(events.get(1)).satisfies(leave -> {
			assertThat(leave.action()).isEqualTo(PresenceAction.LEAVE);
			assertThat(leave.clientId()).isEqualTo("bob");
			assertThat(leave.connectionId()).isEqualTo("c2");
			assertThat(leave.data()).isEqualTo("b");
			assertThat(leave.id()).isNull();
			assertThat(leave.timestamp()).isEqualTo(clock.currentTimeMillis());
		});
	}

	@Test
	void RTP19_membersUpdatedOrAddedDuringTheSyncSurvive() {
		aliceAndBobEntered();

		serverSends(sync("seq1:cursor1", member(PresenceAction.PRESENT, "alice", "c1", "c1:1:0", 200)));
		serverSends(presence(member(PresenceAction.UPDATE, "bob", "c2", "c2:1:0", 200, "b2")));
		serverSends(presence(member(PresenceAction.ENTER, "dave", "c4", "c4:0:0", 200)));
		serverSends(sync("seq1:"));

		assertThat(members()).containsExactlyInAnyOrder("alice", "bob", "dave");
		assertThat(events).extracting(PresenceMessage::action).doesNotContain(PresenceAction.LEAVE);
	}

	@Test
	void RTP18a_aNewSequenceIdDiscardsTheSyncInProgress() {
		aliceAndBobEntered();

		serverSends(sync("seq1:cursor1", member(PresenceAction.PRESENT, "carol", "c3", "c3:0:0", 200)));
		// a new sequence: what seq1 brought counts for nothing, so carol must be in seq2 to stay
		serverSends(sync("seq2:cursor1", member(PresenceAction.PRESENT, "alice", "c1", "c1:1:0", 300)));
		serverSends(sync("seq2:", member(PresenceAction.PRESENT, "bob", "c2", "c2:1:0", 300)));

		assertThat(members()).containsExactlyInAnyOrder("alice", "bob");
		assertThat(events).filteredOn(e -> e.action() == PresenceAction.LEAVE).extracting(PresenceMessage::clientId)
			.containsExactly("carol");
		assertThat(channel().presence().isSyncComplete()).isTrue();
	}

	@Test
	void RTP18c_aSyncWithoutChannelSerialIsWholeInOneMessage() {
		aliceAndBobEntered();

		serverSends(sync(null, member(PresenceAction.PRESENT, "alice", "c1", "c1:1:0", 200)));

		assertThat(channel().presence().isSyncComplete()).isTrue();
		assertThat(members()).containsExactly("alice");
		assertThat(events).filteredOn(e -> e.action() == PresenceAction.LEAVE).extracting(PresenceMessage::clientId)
			.containsExactly("bob");
	}

	@Test
	void RTP19a_anAttachedWithoutHasPresenceLeavesEveryMember() {
		aliceAndBobEntered();
		serverSends(presence(member(PresenceAction.ENTER, "carol", "c3", "c3:0:0", 100, "c")));
		events.clear();

		serverSends(attached(false));                                                    // unsolicited (RTL12)

		assertThat(members()).isEmpty();
		assertThat(events).hasSize(3).allSatisfy(leave -> {
			assertThat(leave.action()).isEqualTo(PresenceAction.LEAVE);
			assertThat(leave.id()).isNull();
			assertThat(leave.timestamp()).isEqualTo(clock.currentTimeMillis());
		});
		assertThat(events).extracting(PresenceMessage::clientId, PresenceMessage::data)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("alice", "a"),
					org.assertj.core.groups.Tuple.tuple("bob", "b"), org.assertj.core.groups.Tuple.tuple("carol", "c"));
		assertThat(channel().presence().isSyncComplete()).isTrue();
	}

	@Test
	void RTP2h2a_RTP2h2b_aLeaveDuringTheSyncIsHeldThenDroppedWithoutAnEvent() {
		aliceAndBobEntered();

		serverSends(sync("seq1:cursor1", member(PresenceAction.PRESENT, "alice", "c1", "c1:1:0", 200)));
		serverSends(presence(member(PresenceAction.LEAVE, "bob", "c2", "c2:1:0", 200)));
		assertThat(members()).containsExactly("alice");
		serverSends(sync("seq1:"));

		assertThat(members()).containsExactly("alice");
		assertThat(events).extracting(PresenceMessage::action).doesNotContain(PresenceAction.LEAVE);
	}

	@Test
	void RTP19_aStaleSyncEntryStillCountsAsSeen() {
		serverSends(presence(member(PresenceAction.ENTER, "alice", "c1", "c1:5:0", 500, "new")));
		events.clear();

		serverSends(sync("seq1:cursor1", member(PresenceAction.PRESENT, "alice", "c1", "c1:1:0", 100, "old")));
		serverSends(sync("seq1:"));

		assertThat(events).isEmpty();                                                    // neither PRESENT nor LEAVE
		assertThat(await(channel().presence().get())).singleElement().extracting(PresenceMessage::data)
			.isEqualTo("new");
	}

	@Test
	void RTP19_aSyncOfAnEmptyMapLeavesNobody() {
		serverSends(sync("seq1:cursor1"));
		serverSends(sync("seq1:"));

		assertThat(events).isEmpty();
		assertThat(members()).isEmpty();
		assertThat(channel().presence().isSyncComplete()).isTrue();
	}

	@Test
	void RTP5f_afterSuspensionTheSyncEmitsOnlyWhatChanged() {
		aliceAndBobEntered();
		dropUntilSuspended();
		assertThat(members()).containsExactlyInAnyOrder("alice", "bob");
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(true));
				c.sendToClient(sync("seq9:", member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100, "a"),
						member(PresenceAction.PRESENT, "carol", "c3", "c3:0:0", 150, "c")));
			}
		};

		reconnectFromSuspended();
		settle();

		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(members()).containsExactlyInAnyOrder("alice", "carol");
		assertThat(events).extracting(PresenceMessage::clientId, PresenceMessage::action).containsExactlyInAnyOrder(
				org.assertj.core.groups.Tuple.tuple("carol", PresenceAction.PRESENT),
				org.assertj.core.groups.Tuple.tuple("bob", PresenceAction.LEAVE));
	}
}
