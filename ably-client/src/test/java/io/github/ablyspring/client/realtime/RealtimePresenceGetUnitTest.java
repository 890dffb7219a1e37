package io.github.ablyspring.client.realtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;

import static org.assertj.core.api.Assertions.assertThat;

/** RealtimePresence#get (uts/realtime/unit/presence/realtime_presence_get.md). */
class RealtimePresenceGetUnitTest extends PresenceUnitTestBase {

	/** The server answers ATTACH with ATTACHED + HAS_PRESENCE and, when given, these SYNC pages. */
	void attachWithPresence(io.github.ablyspring.protocol.ProtocolMessage... syncPages) {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(true));
				for (var page : syncPages) {
					c.sendToClient(page);
				}
			}
		};
	}

	@Test
	void RTP11a_getWaitsForASingleMessageSync() {
		attachWithPresence();
		connectAnonymous();
		await(channel().attach());

		CompletableFuture<List<PresenceMessage>> get = channel().presence().get();
		settle();
		assertThat(get).isNotDone();
		serverSends(sync("seq1:", member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100, "a"),
				member(PresenceAction.PRESENT, "bob", "c2", "c2:0:0", 100, "b")));

		assertThat(await(get)).extracting(PresenceMessage::clientId).containsExactlyInAnyOrder("alice", "bob");
	}

	@Test
	void RTP11a_RTP11c1_getWaitsForTheLastPageOfAMultiMessageSync() {
		attachWithPresence();
		connectAnonymous();
		await(channel().attach());

		CompletableFuture<List<PresenceMessage>> get = channel().presence().get();
		settle();
		assertThat(get).isNotDone();
		serverSends(sync("seq1:cursor1", member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100)));
		assertThat(get).isNotDone();
		serverSends(sync("seq1:", member(PresenceAction.PRESENT, "bob", "c2", "c2:0:0", 100)));

		assertThat(await(get)).extracting(PresenceMessage::clientId).containsExactlyInAnyOrder("alice", "bob");
	}

	@Test
	void RTP11c1_getWithoutWaitingReturnsWhatIsKnownMidSync() {
		attachWithPresence(sync("seq1:cursor1", member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100)));
		connectAnonymous();
		await(channel().attach());
		settle();

		List<PresenceMessage> members = await(channel().presence().get(false, null, null));

		assertThat(members).extracting(PresenceMessage::clientId).containsExactly("alice");
		assertThat(channel().presence().isSyncComplete()).isFalse();
	}

	@Test
	void RTP11c2_getFilteredByClientId() {
		attachWithPresence(sync("seq1:", member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100),
				member(PresenceAction.PRESENT, "bob", "c2", "c2:0:0", 100),
				member(PresenceAction.PRESENT, "alice", "c3", "c3:0:0", 100)));
		connectAnonymous();
		await(channel().attach());

		List<PresenceMessage> members = await(channel().presence().get(true, "alice", null));

		assertThat(members).hasSize(2).allSatisfy(m -> assertThat(m.clientId()).isEqualTo("alice"));
		assertThat(members).extracting(PresenceMessage::connectionId).containsExactlyInAnyOrder("c1", "c3");
	}

	@Test
	void RTP11c3_getFilteredByConnectionId() {
		attachWithPresence(sync("seq1:", member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100),
				member(PresenceAction.PRESENT, "bob", "c2", "c2:0:0", 100),
				member(PresenceAction.PRESENT, "carol", "c1", "c1:0:1", 100)));
		connectAnonymous();
		await(channel().attach());

		List<PresenceMessage> members = await(channel().presence().get(true, null, "c1"));

		assertThat(members).hasSize(2).allSatisfy(m -> assertThat(m.connectionId()).isEqualTo("c1"));
		assertThat(members).extracting(PresenceMessage::clientId).containsExactlyInAnyOrder("alice", "carol");
	}

	@Test
	void RTP11b_RTP11e_getAttachesAnInitializedChannel() {
		connectAnonymous();
		assertThat(channel().state()).isEqualTo(ChannelState.INITIALIZED);

		List<PresenceMessage> members = await(channel().presence().get(false, null, null));

		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(members).isNotNull().isEmpty();
	}

	@Test
	void RTP11e_getFailsWithTheErrorOfAFailedImplicitAttach() {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(channelError(40160, "not permitted"));
			}
		};
		connectAnonymous();

		ErrorInfo error = failure(channel().presence().get());

		assertThat(error.code()).isEqualTo(40160);
		assertThat(channel().state()).isEqualTo(ChannelState.FAILED);
	}

	@Test
	void RTP11d_getOnASuspendedChannelFailsWith91005() {
		attachWithPresence(sync("seq1:", member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100)));
		connectAnonymous();
		await(channel().attach());
		dropUntilSuspended();
		assertThat(channel().state()).isEqualTo(ChannelState.SUSPENDED);

		ErrorInfo error = failure(channel().presence().get());

		assertThat(error.code()).isEqualTo(91005);
	}

	@Test
	void RTP11d_getWithoutWaitingOnASuspendedChannelReturnsTheLastMembers() {
		attachWithPresence(sync("seq1:", member(PresenceAction.PRESENT, "alice", "c1", "c1:0:0", 100)));
		connectAnonymous();
		await(channel().attach());
		dropUntilSuspended();
		assertThat(channel().state()).isEqualTo(ChannelState.SUSPENDED);

		List<PresenceMessage> members = await(channel().presence().get(false, null, null));

		assertThat(members).extracting(PresenceMessage::clientId).containsExactly("alice");
	}
}
