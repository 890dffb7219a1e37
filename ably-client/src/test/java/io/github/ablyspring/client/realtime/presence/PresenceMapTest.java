package io.github.ablyspring.client.realtime.presence;

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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** uts/realtime/unit/presence/presence_map.md */
class PresenceMapTest {

	private final PresenceMap map = new PresenceMap();

	@Test
	void RTP2_basicPutAndGet() {
		PresenceMessage result = this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 1000));

		assertThat(result).isNotNull();
		PresenceMessage stored = this.map.get("conn-1:client-1");
		assertThat(stored).isNotNull();
		assertThat(stored.clientId()).isEqualTo("client-1");
		assertThat(stored.connectionId()).isEqualTo("conn-1");
	}

	@Test
	void RTP2d2_enterStoredAsPresent() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 1000, "entered"));

		PresenceMessage stored = this.map.get("conn-1:client-1");
		assertThat(stored).isNotNull();
		assertThat(stored.action()).isEqualTo(PRESENT);
		assertThat(stored.data()).isEqualTo("entered");
	}

	@Test
	void RTP2d2_updateStoredAsPresent() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 1000, "initial"));
		this.map.put(presence(UPDATE, "client-1", "conn-1", "conn-1:1:0", 2000, "updated"));

		PresenceMessage stored = this.map.get("conn-1:client-1");
		assertThat(stored).isNotNull();
		assertThat(stored.action()).isEqualTo(PRESENT);
		assertThat(stored.data()).isEqualTo("updated");
	}

	@Test
	void RTP2d2_presentStoredAsPresent() {
		this.map.put(presence(PRESENT, "client-1", "conn-1", "conn-1:0:0", 1000));

		PresenceMessage stored = this.map.get("conn-1:client-1");
		assertThat(stored).isNotNull();
		assertThat(stored.action()).isEqualTo(PRESENT);
	}

	@Test
	void RTP2d1_putReturnsMessageWithOriginalAction() {
		PresenceMessage enter = presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 1000);
		PresenceMessage update = presence(UPDATE, "client-1", "conn-1", "conn-1:1:0", 2000, "updated");

		PresenceMessage emittedEnter = this.map.put(enter);
		PresenceMessage emittedUpdate = this.map.put(update);

		assertThat(emittedEnter).isEqualTo(enter);
		assertThat(emittedEnter.action()).isEqualTo(ENTER);
		assertThat(emittedUpdate).isEqualTo(update);
		assertThat(emittedUpdate.action()).isEqualTo(UPDATE);
	}

	@Test
	void RTP2h1_leaveOutsideSyncRemovesMember() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 1000));

		PresenceMessage emitted = this.map.remove(presence(LEAVE, "client-1", "conn-1", "conn-1:1:0", 2000));

		// RTP2h1a
		assertThat(emitted).isNotNull();
		assertThat(emitted.action()).isEqualTo(LEAVE);
		// RTP2h1b
		assertThat(this.map.get("conn-1:client-1")).isNull();
		assertThat(this.map.values()).isEmpty();
	}

	@Test
	void RTP2h1_leaveForNonexistentMemberReturnsNull() {
		PresenceMessage emitted = this.map.remove(presence(LEAVE, "unknown", "conn-x", "conn-x:0:0", 1000));

		assertThat(emitted).isNull();
		assertThat(this.map.get("conn-x:unknown")).isNull();
	}

	@Test
	void RTP2h2a_leaveDuringSyncStoresAbsent() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 1000));
		this.map.startSync();

		PresenceMessage emitted = this.map.remove(presence(LEAVE, "client-1", "conn-1", "conn-1:1:0", 2000));

		assertThat(emitted).isNull();
		PresenceMessage stored = this.map.get("conn-1:client-1");
		assertThat(stored).isNotNull();
		assertThat(stored.action()).isEqualTo(ABSENT);
	}

	@Test
	void RTP2h2b_absentMembersDeletedOnEndSync() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		this.map.put(presence(ENTER, "bob", "c2", "c2:0:0", 100));
		this.map.startSync();
		this.map.put(presence(PRESENT, "alice", "c1", "c1:1:0", 200));
		this.map.remove(presence(LEAVE, "bob", "c2", "c2:1:0", 200));

		this.map.endSync();

		assertThat(this.map.get("c2:bob")).isNull();
		PresenceMessage alice = this.map.get("c1:alice");
		assertThat(alice).isNotNull();
		assertThat(alice.action()).isEqualTo(PRESENT);
		assertThat(this.map.values()).hasSize(1);
	}

	@Test
	void RTP2b2_newnessByMsgSerial() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:5:0", 1000, "first"));

		PresenceMessage stale = this.map.put(presence(UPDATE, "client-1", "conn-1", "conn-1:3:0", 2000, "stale"));

		// RTP2a: discarded, even though its timestamp is later
		assertThat(stale).isNull();
		assertThat(this.map.get("conn-1:client-1").data()).isEqualTo("first");

		PresenceMessage newer = this.map.put(presence(UPDATE, "client-1", "conn-1", "conn-1:7:0", 500, "newer"));

		// accepted, even though its timestamp is earlier
		assertThat(newer).isNotNull();
		assertThat(this.map.get("conn-1:client-1").data()).isEqualTo("newer");
	}

	@Test
	void RTP2b2_newnessByIndexWhenMsgSerialEqual() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:5:2", 1000, "index-2"));

		PresenceMessage stale = this.map.put(presence(UPDATE, "client-1", "conn-1", "conn-1:5:1", 2000, "index-1"));
		PresenceMessage newer = this.map.put(presence(UPDATE, "client-1", "conn-1", "conn-1:5:5", 500, "index-5"));

		assertThat(stale).isNull();
		assertThat(newer).isNotNull();
		assertThat(this.map.get("conn-1:client-1").data()).isEqualTo("index-5");
	}

	@Test
	void RTP2b2_sameIdIsNotNewer() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:5:2", 1000, "first"));

		PresenceMessage again = this.map.put(presence(PRESENT, "client-1", "conn-1", "conn-1:5:2", 2000, "again"));

		assertThat(again).isNull();
		assertThat(this.map.get("conn-1:client-1").data()).isEqualTo("first");
	}

	@Test
	void RTP2b1_synthesizedLeaveNewerByTimestampRemoves() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 1000, "entered"));

		PresenceMessage leave = this.map.remove(presence(LEAVE, "client-1", "conn-1", "synthesized-leave-id", 2000));

		assertThat(leave).isNotNull();
		assertThat(leave.action()).isEqualTo(LEAVE);
		assertThat(this.map.get("conn-1:client-1")).isNull();
	}

	@Test
	void RTP2b1_synthesizedLeaveOlderByTimestampRejected() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 5000, "entered"));

		PresenceMessage leave = this.map.remove(presence(LEAVE, "client-1", "conn-1", "synthesized-leave-id", 3000));

		assertThat(leave).isNull();
		PresenceMessage stored = this.map.get("conn-1:client-1");
		assertThat(stored).isNotNull();
		assertThat(stored.data()).isEqualTo("entered");
	}

	@Test
	void RTP2b1a_equalTimestampsIncomingWins() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "synthesized-id-1", 1000, "first"));

		PresenceMessage result = this.map.put(presence(UPDATE, "client-1", "conn-1", "synthesized-id-2", 1000, "second"));

		assertThat(result).isNotNull();
		assertThat(this.map.get("conn-1:client-1").data()).isEqualTo("second");
	}

	@Test
	void RTP2c_syncMessagesUseSameNewness() {
		this.map.startSync();
		this.map.put(presence(PRESENT, "client-1", "conn-1", "conn-1:5:0", 1000, "sync-first"));

		PresenceMessage stale = this.map.put(presence(PRESENT, "client-1", "conn-1", "conn-1:3:0", 2000, "sync-stale"));
		PresenceMessage newer = this.map.put(presence(PRESENT, "client-1", "conn-1", "conn-1:8:0", 500, "sync-newer"));

		assertThat(stale).isNull();
		assertThat(newer).isNotNull();
		assertThat(this.map.get("conn-1:client-1").data()).isEqualTo("sync-newer");
	}

	@Test
	void RTP2_multipleMembersCoexist() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		this.map.put(presence(ENTER, "bob", "c2", "c2:0:0", 100));
		this.map.put(presence(ENTER, "alice", "c3", "c3:0:0", 100));

		assertThat(this.map.values()).hasSize(3);
		assertThat(this.map.get("c1:alice")).isNotNull();
		assertThat(this.map.get("c2:bob")).isNotNull();
		assertThat(this.map.get("c3:alice")).isNotNull();
	}

	@Test
	void RTP2_valuesExcludesAbsentMembers() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		this.map.put(presence(ENTER, "bob", "c2", "c2:0:0", 100));
		this.map.startSync();
		this.map.remove(presence(LEAVE, "bob", "c2", "c2:1:0", 200));

		PresenceMessage bob = this.map.get("c2:bob");
		assertThat(bob).isNotNull();
		assertThat(bob.action()).isEqualTo(ABSENT);
		assertThat(this.map.values()).extracting(PresenceMessage::clientId).containsExactly("alice");
	}

	@Test
	void RTP11c_valuesFilteredByClientIdAndConnectionId() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		this.map.put(presence(ENTER, "bob", "c1", "c1:0:1", 100));
		this.map.put(presence(ENTER, "alice", "c2", "c2:0:0", 100));

		assertThat(this.map.values("alice", null)).extracting(PresenceMessage::memberKey)
			.containsExactly("c1:alice", "c2:alice");
		assertThat(this.map.values(null, "c1")).extracting(PresenceMessage::memberKey)
			.containsExactly("c1:alice", "c1:bob");
		assertThat(this.map.values("alice", "c2")).extracting(PresenceMessage::memberKey).containsExactly("c2:alice");
		assertThat(this.map.values("carol", null)).isEmpty();
		assertThat(this.map.values(null, null)).hasSize(3);
	}

	@Test
	void RTP2_valuesIsASnapshot() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		List<PresenceMessage> snapshot = this.map.values();

		this.map.put(presence(ENTER, "bob", "c2", "c2:0:0", 100));

		assertThat(snapshot).hasSize(1);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> snapshot.add(snapshot.get(0)));
	}

	@Test
	void RTP5a_clearResetsState() {
		this.map.put(presence(ENTER, "alice", "c1", "c1:0:0", 100));
		this.map.startSync();

		this.map.clear();

		assertThat(this.map.values()).isEmpty();
		assertThat(this.map.get("c1:alice")).isNull();
		assertThat(this.map.isSyncInProgress()).isFalse();
		assertThat(this.map.endSync()).isEmpty();
	}

	@Test
	void RTP2d_putRejectsLeaveAndMessagesWithoutMemberKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.map.put(presence(LEAVE, "a", "c1", "c1:0:0", 1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.map.remove(presence(ENTER, "a", "c1", "c1:0:0", 1)));
		PresenceMessage noConnection = PresenceMessage.builder().action(ENTER).clientId("a").build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.map.put(noConnection));
	}
}
