package io.github.ablyspring.client.realtime.presence;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.PresenceMessage;

import static io.github.ablyspring.client.realtime.presence.PresenceFixtures.presence;
import static io.github.ablyspring.protocol.PresenceAction.ABSENT;
import static io.github.ablyspring.protocol.PresenceAction.ENTER;
import static io.github.ablyspring.protocol.PresenceAction.LEAVE;
import static io.github.ablyspring.protocol.PresenceAction.PRESENT;
import static io.github.ablyspring.protocol.PresenceAction.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The map parts of uts/realtime/unit/presence/presence_sync.md. */
class PresenceMapSyncTest {

	private static final long NOW = 1_700_000_000_000L;

	private final PresenceMap map = new PresenceMap(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

	@Test
	void RTP18a_startSyncSetsSyncInProgress() {
		assertThat(this.map.isSyncInProgress()).isFalse();

		this.map.startSync();

		assertThat(this.map.isSyncInProgress()).isTrue();
	}

	@Test
	void RTP18b_endSyncClearsSyncInProgress() {
		this.map.startSync();
		assertThat(this.map.isSyncInProgress()).isTrue();

		this.map.endSync();

		assertThat(this.map.isSyncInProgress()).isFalse();
	}

	@Test
	void RTP19_staleMembersGetLeaveAfterSync() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		this.map.put(presence(ENTER, "bob", "c2", "c2:0:0", 100));
		assertThat(this.map.values()).hasSize(2);
		this.map.startSync();
		this.map.put(presence(PRESENT, "alice", "c1", "c1:1:0", 200));

		List<PresenceMessage> leaves = this.map.endSync();

		assertThat(leaves).extracting(PresenceMessage::clientId, PresenceMessage::action)
			.containsExactly(tuple("bob", LEAVE));
		assertThat(this.map.values()).hasSize(1);
		assertThat(this.map.get("c1:alice")).isNotNull();
		assertThat(this.map.get("c2:bob")).isNull();
	}

	@Test
	void RTP19_synthesizedLeaveHasNullIdAndCurrentTimestamp() {
		PresenceMap systemClockMap = new PresenceMap();
		systemClockMap.put(presence(ENTER, "bob", "c2", "c2:0:0", 100, "bob-data"));
		long before = System.currentTimeMillis();

		systemClockMap.startSync();
		List<PresenceMessage> leaves = systemClockMap.endSync();

		long after = System.currentTimeMillis();
		assertThat(leaves).hasSize(1);
		PresenceMessage leave = leaves.get(0);
		assertThat(leave.action()).isEqualTo(LEAVE);
		assertThat(leave.clientId()).isEqualTo("bob");
		assertThat(leave.connectionId()).isEqualTo("c2");
		assertThat(leave.data()).isEqualTo("bob-data");
		assertThat(leave.id()).isNull();
		assertThat(leave.timestamp()).isBetween(before, after);
	}

	@Test
	void RTP19_synthesizedLeaveTimestampComesFromTheClock() {
		this.map.put(presence(ENTER, "bob", "c2", "c2:0:0", 100));
		this.map.startSync();

		assertThat(this.map.endSync()).extracting(PresenceMessage::timestamp).containsExactly(NOW);
	}

	@Test
	void RTP19_membersUpdatedDuringSyncSurvive() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		this.map.put(presence(ENTER, "bob", "c2", "c2:0:0", 100));
		this.map.put(presence(ENTER, "carol", "c3", "c3:0:0", 100));
		this.map.startSync();
		// alice by SYNC, bob by PRESENCE during the sync, carol not at all
		this.map.put(presence(PRESENT, "alice", "c1", "c1:1:0", 200));
		this.map.put(presence(UPDATE, "bob", "c2", "c2:1:0", 200, "new-data"));

		List<PresenceMessage> leaves = this.map.endSync();

		assertThat(leaves).extracting(PresenceMessage::clientId).containsExactly("carol");
		assertThat(this.map.values()).hasSize(2);
		assertThat(this.map.get("c1:alice")).isNotNull();
		assertThat(this.map.get("c2:bob").data()).isEqualTo("new-data");
	}

	@Test
	void RTP18a_newSyncDiscardsPreviousInFlightSync() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		this.map.put(presence(ENTER, "bob", "c2", "c2:0:0", 100));
		this.map.startSync();
		this.map.put(presence(PRESENT, "alice", "c1", "c1:1:0", 200));

		this.map.startSync();
		this.map.put(presence(PRESENT, "alice", "c1", "c1:2:0", 300));
		this.map.put(presence(PRESENT, "bob", "c2", "c2:1:0", 300));
		List<PresenceMessage> leaves = this.map.endSync();

		assertThat(leaves).isEmpty();
		assertThat(this.map.values()).hasSize(2);
		assertThat(this.map.get("c1:alice")).isNotNull();
		assertThat(this.map.get("c2:bob")).isNotNull();
	}

	@Test
	void RTP18a_newSyncMakesMembersSeenByThePreviousOneResidualAgain() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		this.map.startSync();
		this.map.put(presence(PRESENT, "alice", "c1", "c1:1:0", 200));

		this.map.startSync();
		List<PresenceMessage> leaves = this.map.endSync();

		assertThat(leaves).extracting(PresenceMessage::clientId).containsExactly("alice");
		assertThat(this.map.values()).isEmpty();
	}

	@Test
	void RTP18c_singleMessageSync() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		this.map.put(presence(ENTER, "bob", "c2", "c2:0:0", 100));

		this.map.startSync();
		this.map.put(presence(PRESENT, "alice", "c1", "c1:1:0", 200));
		List<PresenceMessage> leaves = this.map.endSync();

		assertThat(leaves).extracting(PresenceMessage::clientId, PresenceMessage::action)
			.containsExactly(tuple("bob", LEAVE));
		assertThat(this.map.values()).hasSize(1);
		assertThat(this.map.get("c1:alice")).isNotNull();
		assertThat(this.map.isSyncInProgress()).isFalse();
	}

	@Test
	void RTP19a_attachedWithoutHasPresenceLeavesAllMembers() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100, "a"));
		this.map.put(presence(ENTER, "bob", "c2", "c2:0:0", 100, "b"));
		this.map.put(presence(ENTER, "carol", "c3", "c3:0:0", 100, "c"));

		this.map.startSync();
		List<PresenceMessage> leaves = this.map.endSync();

		assertThat(leaves)
			.extracting(PresenceMessage::clientId, PresenceMessage::action, PresenceMessage::data, PresenceMessage::id)
			.containsExactlyInAnyOrder(tuple("alice", LEAVE, "a", null), tuple("bob", LEAVE, "b", null),
					tuple("carol", LEAVE, "c", null));
		assertThat(this.map.values()).isEmpty();
	}

	@Test
	void RTP2h2a_leaveDuringSyncIsAbsentThenDeletedWithoutLeaveEvent() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		this.map.put(presence(ENTER, "bob", "c2", "c2:0:0", 100));
		this.map.startSync();
		this.map.put(presence(PRESENT, "alice", "c1", "c1:1:0", 200));

		PresenceMessage leaveResult = this.map.remove(presence(LEAVE, "bob", "c2", "c2:1:0", 200));

		assertThat(leaveResult).isNull();
		assertThat(this.map.get("c2:bob").action()).isEqualTo(ABSENT);

		List<PresenceMessage> leaves = this.map.endSync();

		// RTP2h2b: ABSENT members go without an event; RTP19 leaves are only for residual PRESENT ones
		assertThat(leaves).isEmpty();
		assertThat(this.map.get("c2:bob")).isNull();
		assertThat(this.map.values()).hasSize(1);
		assertThat(this.map.get("c1:alice")).isNotNull();
	}

	@Test
	void RTP2h2a_olderPresentDuringSyncDoesNotReviveAbsentMember() {
		this.map.startSync();
		this.map.put(presence(PRESENT, "bob", "c2", "c2:1:0", 100));
		this.map.remove(presence(LEAVE, "bob", "c2", "c2:3:0", 300));

		PresenceMessage older = this.map.put(presence(PRESENT, "bob", "c2", "c2:2:0", 200));

		assertThat(older).isNull();
		assertThat(this.map.get("c2:bob").action()).isEqualTo(ABSENT);
		assertThat(this.map.endSync()).isEmpty();
		assertThat(this.map.get("c2:bob")).isNull();
	}

	@Test
	void RTP19_emptyMapSyncProducesNoLeaves() {
		this.map.startSync();
		this.map.put(presence(PRESENT, "alice", "c1", "c1:0:0", 100));

		List<PresenceMessage> leaves = this.map.endSync();

		assertThat(leaves).isEmpty();
		assertThat(this.map.values()).hasSize(1);
		assertThat(this.map.get("c1:alice")).isNotNull();
	}

	@Test
	void RTP18_endSyncWithoutStartSyncIsNoOp() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));

		List<PresenceMessage> leaves = this.map.endSync();

		assertThat(leaves).isEmpty();
		assertThat(this.map.values()).hasSize(1);
		assertThat(this.map.get("c1:alice")).isNotNull();
		assertThat(this.map.isSyncInProgress()).isFalse();
	}

	@Test
	void RTP19_staleSyncMessageStillCountsAsSeen() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:5:0", 500, "original"));
		this.map.startSync();

		PresenceMessage result = this.map.put(presence(PRESENT, "alice", "c1", "c1:3:0", 300, "stale"));
		List<PresenceMessage> leaves = this.map.endSync();

		assertThat(result).isNull();
		assertThat(leaves).isEmpty();
		assertThat(this.map.values()).hasSize(1);
		assertThat(this.map.get("c1:alice").data()).isEqualTo("original");
	}

	@Test
	void RTP19_presenceEchoesThenSyncPreservesAllMembers() {
		for (int i = 0; i < 3; i++) {
			this.map.put(presence(ENTER, "user-" + i, "c1", "c1:" + i + ":0", 100, "data-" + i));
		}
		assertThat(this.map.values()).hasSize(3);

		this.map.startSync();
		for (int i = 0; i < 3; i++) {
			this.map.put(presence(PRESENT, "user-" + i, "c1", "c1:" + i + ":0", 100, "data-" + i));
		}
		List<PresenceMessage> leaves = this.map.endSync();

		assertThat(leaves).isEmpty();
		assertThat(this.map.values()).hasSize(3);
		for (int i = 0; i < 3; i++) {
			PresenceMessage member = this.map.get("c1:user-" + i);
			assertThat(member).isNotNull();
			assertThat(member.data()).isEqualTo("data-" + i);
		}
	}

	@Test
	void RTP19_newMemberAddedDuringSyncIsNotStale() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		this.map.startSync();
		this.map.put(presence(PRESENT, "alice", "c1", "c1:1:0", 200));
		this.map.put(presence(ENTER, "bob", "c2", "c2:0:0", 200));

		List<PresenceMessage> leaves = this.map.endSync();

		assertThat(leaves).isEmpty();
		assertThat(this.map.values()).hasSize(2);
		assertThat(this.map.get("c1:alice")).isNotNull();
		assertThat(this.map.get("c2:bob")).isNotNull();
	}
}
