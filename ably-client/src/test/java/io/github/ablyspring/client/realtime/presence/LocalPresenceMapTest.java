package io.github.ablyspring.client.realtime.presence;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.PresenceMessage;

import static io.github.ablyspring.client.realtime.presence.PresenceFixtures.presence;
import static io.github.ablyspring.protocol.PresenceAction.ENTER;
import static io.github.ablyspring.protocol.PresenceAction.LEAVE;
import static io.github.ablyspring.protocol.PresenceAction.PRESENT;
import static io.github.ablyspring.protocol.PresenceAction.UPDATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** uts/realtime/unit/presence/local_presence_map.md */
class LocalPresenceMapTest {

	private final LocalPresenceMap map = new LocalPresenceMap();

	@Test
	void RTP17h_keyedByClientIdNotMemberKey() {
		this.map.put(presence(ENTER, "user-1", "conn-A", "conn-A:0:0", 1000, "first"));
		this.map.put(presence(ENTER, "user-1", "conn-B", "conn-B:0:0", 2000, "second"));

		assertThat(this.map.values()).hasSize(1);
		PresenceMessage member = this.map.get("user-1");
		assertThat(member).isNotNull();
		assertThat(member.data()).isEqualTo("second");
		assertThat(member.connectionId()).isEqualTo("conn-B");
	}

	@Test
	void RTP17b_enterAddsToMap() {
		boolean changed = this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 1000, "hello"));

		assertThat(changed).isTrue();
		PresenceMessage member = this.map.get("client-1");
		assertThat(member).isNotNull();
		assertThat(member.action()).isEqualTo(PRESENT);
		assertThat(member.data()).isEqualTo("hello");
		assertThat(this.map.values()).hasSize(1);
	}

	@Test
	void RTP17b_updateWithoutPriorEntryAddsToMap() {
		this.map.put(presence(UPDATE, "client-1", "conn-1", "conn-1:0:0", 1000, "from-update"));

		PresenceMessage member = this.map.get("client-1");
		assertThat(member).isNotNull();
		assertThat(member.action()).isEqualTo(PRESENT);
		assertThat(member.data()).isEqualTo("from-update");
		assertThat(this.map.values()).hasSize(1);
	}

	@Test
	void RTP17b_enterAfterEnterOverwrites() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 1000, "first"));
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:1:0", 2000, "second"));

		assertThat(this.map.values()).hasSize(1);
		assertThat(this.map.get("client-1").action()).isEqualTo(PRESENT);
		assertThat(this.map.get("client-1").data()).isEqualTo("second");
	}

	@Test
	void RTP17b_updateAfterEnterOverwrites() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 1000, "initial"));
		this.map.put(presence(UPDATE, "client-1", "conn-1", "conn-1:1:0", 2000, "updated"));

		assertThat(this.map.values()).hasSize(1);
		assertThat(this.map.get("client-1").action()).isEqualTo(PRESENT);
		assertThat(this.map.get("client-1").data()).isEqualTo("updated");
	}

	@Test
	void RTP17b_presentAddsToMap() {
		this.map.put(presence(PRESENT, "client-1", "conn-1", "conn-1:0:0", 1000, "present"));

		PresenceMessage member = this.map.get("client-1");
		assertThat(member).isNotNull();
		assertThat(member.action()).isEqualTo(PRESENT);
		assertThat(member.data()).isEqualTo("present");
	}

	@Test
	void RTP17b_nonSynthesizedLeaveRemoves() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 1000));
		assertThat(this.map.get("client-1")).isNotNull();

		boolean removed = this.map.remove(presence(LEAVE, "client-1", "conn-1", "conn-1:1:0", 2000));

		assertThat(removed).isTrue();
		assertThat(this.map.get("client-1")).isNull();
		assertThat(this.map.values()).isEmpty();
	}

	@Test
	void RTP17b_synthesizedLeaveIgnored() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:0:0", 1000, "entered"));

		boolean removed = this.map.remove(presence(LEAVE, "client-1", "conn-1", "synthesized-leave-id", 2000));

		assertThat(removed).isFalse();
		assertThat(this.map.get("client-1").data()).isEqualTo("entered");
		assertThat(this.map.values()).hasSize(1);
	}

	@Test
	void RTP2a_olderMessageIsDiscarded() {
		this.map.put(presence(ENTER, "client-1", "conn-1", "conn-1:5:0", 1000, "current"));

		boolean changed = this.map.put(presence(UPDATE, "client-1", "conn-1", "conn-1:3:0", 2000, "stale"));
		boolean removed = this.map.remove(presence(LEAVE, "client-1", "conn-1", "conn-1:4:0", 2000));

		assertThat(changed).isFalse();
		assertThat(removed).isFalse();
		assertThat(this.map.get("client-1").data()).isEqualTo("current");
	}

	@Test
	void RTP17_multipleClientIdsCoexist() {
		this.map.put(presence(ENTER, "alice", "conn-1", "conn-1:0:0", 100, "alice-data"));
		this.map.put(presence(ENTER, "bob", "conn-1", "conn-1:0:1", 100, "bob-data"));
		this.map.put(presence(ENTER, "carol", "conn-1", "conn-1:0:2", 100, "carol-data"));

		assertThat(this.map.values()).extracting(PresenceMessage::clientId).containsExactly("alice", "bob", "carol");
		assertThat(this.map.get("alice").data()).isEqualTo("alice-data");
		assertThat(this.map.get("bob").data()).isEqualTo("bob-data");
		assertThat(this.map.get("carol").data()).isEqualTo("carol-data");
	}

	@Test
	void RTP17_removeOneOfMultipleMembers() {
		this.map.put(presence(ENTER, "alice", "conn-1", "conn-1:0:0", 100));
		this.map.put(presence(ENTER, "bob", "conn-1", "conn-1:0:1", 100));

		this.map.remove(presence(LEAVE, "alice", "conn-1", "conn-1:1:0", 200));

		assertThat(this.map.get("alice")).isNull();
		assertThat(this.map.get("bob")).isNotNull();
		assertThat(this.map.values()).hasSize(1);
	}

	@Test
	void RTP5a_clearResetsState() {
		this.map.put(presence(ENTER, "alice", "conn-1", "conn-1:0:0", 100));
		this.map.put(presence(ENTER, "bob", "conn-1", "conn-1:0:1", 100));
		assertThat(this.map.values()).hasSize(2);

		this.map.clear();

		assertThat(this.map.values()).isEmpty();
		assertThat(this.map.get("alice")).isNull();
		assertThat(this.map.get("bob")).isNull();
	}

	@Test
	void RTP17_getReturnsNullForUnknownClientId() {
		assertThat(this.map.get("nonexistent")).isNull();
	}

	@Test
	void RTP17_removeForUnknownClientIdIsNoOp() {
		this.map.put(presence(ENTER, "alice", "conn-1", "conn-1:0:0", 100));

		boolean removed = this.map.remove(presence(LEAVE, "nonexistent", "conn-1", "conn-1:1:0", 200));

		assertThat(removed).isFalse();
		assertThat(this.map.get("alice")).isNotNull();
		assertThat(this.map.values()).hasSize(1);
	}

	@Test
	void RTP17_rejectsWrongActionsAndMissingClientId() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.map.put(presence(LEAVE, "a", "c1", "c1:0:0", 1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.map.remove(presence(ENTER, "a", "c1", "c1:0:0", 1)));
		PresenceMessage noClientId = PresenceMessage.builder().action(ENTER).connectionId("c1").id("c1:0:0").build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.map.put(noClientId));
	}
}
