package io.github.ablyspring.client.realtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolFlag;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic re-entry (uts/realtime/unit/presence/realtime_presence_reentry.md). The scripted server echoes each
 * PRESENCE back with the connection's id, as the service does: that echo is what fills the RTP17 map.
 */
class RealtimePresenceReentryUnitTest extends PresenceUnitTestBase {

	List<PresenceMessage> sentItems() {
		return capturedPresence.stream().flatMap(pm -> pm.presence().stream()).toList();
	}

	/** A client "my-client" that entered with "hello" on conn-1 and saw the echo. */
	void enteredAsMyClient() {
		onClientMessage = (c, m) -> attachAckAndEcho(c, m, "my-client");
		connect("my-client");
		await(channel().attach());
		await(channel().presence().enter("hello"));
		settle();
		assertThat(capturedPresence).hasSize(1);
	}

	@Test
	void RTP17i_reentersOnTheAttachedAfterAReconnect() {
		enteredAsMyClient();
		capturedPresence.clear();

		dropAndReconnect();
		settle();

		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(sentItems()).extracting(PresenceMessage::action).contains(PresenceAction.ENTER);
	}

	@Test
	void RTP17g_reentryEntersEachMemberWithItsClientIdAndData() {
		grantedClientId = "*";                       // enterClient for others needs the wildcard (RTP15f)
		onClientMessage = (c, m) -> attachAckAndEcho(c, m, "*");
		connectAnonymous();
		await(channel().attach());
		await(channel().presence().enterClient("alice", "alice-data"));
		await(channel().presence().enterClient("bob", "bob-data"));
		settle();
		assertThat(capturedPresence).hasSize(2);
		capturedPresence.clear();

		dropAndReconnect();
		settle();

		List<PresenceMessage> items = sentItems();
		assertThat(items).hasSizeGreaterThanOrEqualTo(2);
		assertThat(items).filteredOn(p -> "alice".equals(p.clientId())).singleElement().satisfies(p -> {
			assertThat(p.action()).isEqualTo(PresenceAction.ENTER);
			assertThat(p.data()).isEqualTo("alice-data");
		});
		assertThat(items).filteredOn(p -> "bob".equals(p.clientId())).singleElement().satisfies(p -> {
			assertThat(p.action()).isEqualTo(PresenceAction.ENTER);
			assertThat(p.data()).isEqualTo("bob-data");
		});
	}

	@Test
	void RTP17g1_reentryOnANewConnectionHasNoId() {
		enteredAsMyClient();
		assertThat(connectionCount).hasValue(1);
		capturedPresence.clear();

		dropAndReconnect();
		settle();

		assertThat(connectionCount).hasValue(2);
		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(sentItems()).first().satisfies(p -> {
			assertThat(p.action()).isEqualTo(PresenceAction.ENTER);
			assertThat(p.id()).isNull();
			assertThat(p.data()).isEqualTo("hello");
		});
	}

	@Test
	void RTP17g_reentryOnTheSameConnectionKeepsTheMembersId() {
		enteredAsMyClient();
		capturedPresence.clear();

		// An unsolicited ATTACHED without RESUMED on the same connection (RTL12): continuity was lost
		serverSends(attached(false));

		assertThat(sentItems()).singleElement().satisfies(p -> {
			assertThat(p.action()).isEqualTo(PresenceAction.ENTER);
			assertThat(p.id()).isEqualTo("conn-1:0:0");
			assertThat(p.clientId()).isEqualTo("my-client");
			assertThat(p.data()).isEqualTo("hello");
		});
	}

	@Test
	void RTP17i_noReentryOnAResumedAttachedWhileAttached() {
		enteredAsMyClient();
		capturedPresence.clear();

		serverSends(attached(false, ProtocolFlag.RESUMED));

		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTP17i_reentryOnAResumedAttachedThatEndsAnAttach() {
		enteredAsMyClient();
		capturedPresence.clear();
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(false, ProtocolFlag.RESUMED));
			}
			else {
				attachAckAndEcho(c, m, "my-client");
			}
		};

		// The channel was ATTACHING, not attached: RESUMED does not spare the re-entry
		dropAndReconnect();
		settle();

		assertThat(sentItems()).extracting(PresenceMessage::action).containsExactly(PresenceAction.ENTER);
	}

	@Test
	void RTP17e_aFailedReentryEmitsAnUpdateWith91004() {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.PRESENCE && connectionCount.get() > 1) {
				c.sendToClient(nack(m, ErrorInfo.of(40160, 401, "Presence denied")));
			}
			else {
				attachAckAndEcho(c, m, "my-client");
			}
		};
		connect("my-client");
		await(channel().attach());
		await(channel().presence().enter("hello"));
		List<ChannelStateChange> updates = new CopyOnWriteArrayList<>();
		channel().on(ChannelEvent.UPDATE, change -> {
			if (change.reason() != null && change.reason().code() == 91004) {
				updates.add(change);
			}
		});

		dropAndReconnect();
		settle();

		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(updates).singleElement().satisfies(update -> {
			assertThat(update.resumed()).isTrue();
			assertThat(update.current()).isEqualTo(ChannelState.ATTACHED);
			assertThat(update.reason().message()).contains("my-client");
			assertThat(update.reason().cause()).isNotNull();
			assertThat(update.reason().cause().code()).isEqualTo(40160);
		});
	}

	@Test
	void RTP17a_RTP17b_theOwnEchoFillsBothMapsWithoutSubscribeCapability() {
		onClientMessage = (c, m) -> {
			switch (m.action()) {
				case ATTACH -> c.sendToClient(ProtocolMessage.builder(ProtocolAction.ATTACHED).channel(CHANNEL)
					.flags(ProtocolFlag.PRESENCE.mask()).build());                       // presence, no subscribe
				case PRESENCE -> {
					c.sendToClient(ack(m));
					c.sendToClient(presence(member(PresenceAction.ENTER, "my-client", "conn-1", "conn-1:0:0", 1000)));
				}
				default -> {
				}
			}
		};
		connect("my-client");
		await(channel().attach());

		await(channel().presence().enter(null));
		settle();

		assertThat(await(channel().presence().get(false, null, null))).singleElement()
			.extracting(PresenceMessage::clientId).isEqualTo("my-client");
		// the internal map has it too: an ATTACHED without RESUMED re-enters it
		capturedPresence.clear();
		serverSends(attached(false));
		assertThat(sentItems()).singleElement().satisfies(p -> {
			assertThat(p.action()).isEqualTo(PresenceAction.ENTER);
			assertThat(p.clientId()).isEqualTo("my-client");
		});
	}

	@Test
	void RTP17b_anotherConnectionsMemberIsNotReentered() {
		onClientMessage = (c, m) -> attachAckAndEcho(c, m, "my-client");
		connect("my-client");
		await(channel().attach());
		serverSends(presence(member(PresenceAction.ENTER, "my-client", "conn-other", "conn-other:0:0", 1000)));
		assertThat(await(channel().presence().get())).hasSize(1);

		serverSends(attached(false));

		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTP17b_aSynthesizedLeaveKeepsTheMemberForReentry() {
		enteredAsMyClient();
		// a LEAVE whose id does not start with its connectionId was made up by the server (RTP2b1)
		serverSends(presence(member(PresenceAction.LEAVE, "my-client", "conn-1", "synthesized:0:0",
				clock.currentTimeMillis() + 1)));
		capturedPresence.clear();

		serverSends(attached(false));

		assertThat(sentItems()).extracting(PresenceMessage::clientId).containsExactly("my-client");
	}

	@Test
	void RTP17b_anOwnLeaveRemovesTheMemberFromReentry() {
		enteredAsMyClient();
		await(channel().presence().leave(null));
		settle();
		capturedPresence.clear();

		serverSends(attached(false));

		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTP5a_noReentryAfterADetach() {
		enteredAsMyClient();
		await(channel().detach());
		capturedPresence.clear();

		await(channel().attach());
		settle();

		assertThat(capturedPresence).isEmpty();
	}
}
