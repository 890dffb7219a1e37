package io.github.ablyspring.client.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * enter, update, leave and their *Client forms (uts/realtime/unit/presence/realtime_presence_enter.md). Our
 * ClientOptions refuse the wildcard clientId "*", so the wildcard tests get it the way a token grants it: in the
 * CONNECTED message's connectionDetails.
 */
class RealtimePresenceEnterUnitTest extends PresenceUnitTestBase {

	PresenceMessage sent(int index) {
		ProtocolMessage pm = capturedPresence.get(index);
		assertThat(pm.presence()).hasSize(1);
		return pm.presence().get(0);
	}

	@Test
	void RTP8a_RTP8c_enterSendsAnEnterWithoutClientId() {
		connect("my-client");
		await(channel().attach());

		await(channel().presence().enter(null));

		assertThat(capturedPresence).hasSize(1);
		ProtocolMessage pm = capturedPresence.get(0);
		assertThat(pm.action()).isEqualTo(ProtocolAction.PRESENCE);
		assertThat(pm.channel()).isEqualTo(CHANNEL);
		assertThat(sent(0).action()).isEqualTo(PresenceAction.ENTER);
		assertThat(sent(0).clientId()).isNull();
	}

	@Test
	void RTP8e_enterCarriesData() {
		connect("my-client");
		await(channel().attach());

		await(channel().presence().enter("hello world"));

		assertThat(sent(0).action()).isEqualTo(PresenceAction.ENTER);
		assertThat(sent(0).data()).isEqualTo("hello world");
	}

	@Test
	void RTP8e_jsonDataAndExtrasAreEncodedAndDecodedLikeAMessages() {
		onClientMessage = (c, m) -> attachAckAndEcho(c, m, "my-client");
		connect("my-client");
		await(channel().attach());
		List<PresenceMessage> received = new CopyOnWriteArrayList<>();
		channel().presence().subscribe(received::add);
		tools.jackson.databind.node.ObjectNode data = tools.jackson.databind.node.JsonNodeFactory.instance
			.objectNode().put("status", "busy");
		tools.jackson.databind.node.ObjectNode extras = tools.jackson.databind.node.JsonNodeFactory.instance
			.objectNode();
		extras.putObject("headers").put("room", "42");

		await(channel().presence().enter(data, extras));
		settle();

		assertThat(sent(0).encoding()).isEqualTo("json");
		assertThat(sent(0).data()).isInstanceOf(String.class);
		assertThat(sent(0).extras()).isEqualTo(extras);
		assertThat(received).singleElement().satisfies(event -> {
			assertThat(event.action()).isEqualTo(PresenceAction.ENTER);
			assertThat(event.encoding()).isNull();
			assertThat(event.data()).isEqualTo(data);
			assertThat(event.extras()).isEqualTo(extras);
		});
	}

	@Test
	void RTP8e_badDataFailsAtOnceWithoutSending() {
		connect("my-client");
		await(channel().attach());

		ErrorInfo error = failure(channel().presence().enter(42));

		assertThat(error.code()).isEqualTo(40013);
		settle();
		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTP8d_enterAttachesAnInitializedChannel() {
		connect("my-client");
		assertThat(channel().state()).isEqualTo(ChannelState.INITIALIZED);

		await(channel().presence().enter(null));

		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(capturedPresence).hasSize(1);
	}

	@Test
	void RTP8g_enterOnAFailedChannelFails() {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(channelError(90001, "Channel failed"));
			}
		};
		connect("my-client");
		assertThat(failure(channel().attach())).isNotNull();
		assertThat(channel().state()).isEqualTo(ChannelState.FAILED);

		ErrorInfo error = failure(channel().presence().enter(null));

		assertThat(error.code()).isEqualTo(90001);
		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTP8j_enterWithoutClientIdFails() {
		connectAnonymous();
		await(channel().attach());

		ErrorInfo error = failure(channel().presence().enter(null));

		assertThat(error.code()).isEqualTo(91000);
		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTP8j_enterWithTheWildcardClientIdFails() {
		grantedClientId = "*";
		connectAnonymous();
		await(channel().attach());

		ErrorInfo error = failure(channel().presence().enter(null));

		assertThat(error.code()).isEqualTo(91000);
		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTP8h_aNackFailsTheEnterWithItsError() {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.PRESENCE) {
				c.sendToClient(nack(m, ErrorInfo.of(40160, 401, "Presence permission denied")));
			}
			else {
				attachAndAck(c, m);
			}
		};
		connect("my-client");
		await(channel().attach());

		ErrorInfo error = failure(channel().presence().enter(null));

		assertThat(error.code()).isEqualTo(40160);
	}

	@Test
	void RTP9a_RTP9d_updateSendsAnUpdateWithoutClientId() {
		connect("my-client");
		await(channel().attach());

		await(channel().presence().update("new-status"));

		assertThat(capturedPresence).hasSize(1);
		assertThat(sent(0).action()).isEqualTo(PresenceAction.UPDATE);
		assertThat(sent(0).data()).isEqualTo("new-status");
		assertThat(sent(0).clientId()).isNull();
	}

	@Test
	void RTP10a_RTP10c_leaveSendsALeaveWithoutClientId() {
		connect("my-client");
		await(channel().attach());

		await(channel().presence().leave(null));

		assertThat(capturedPresence).hasSize(1);
		assertThat(sent(0).action()).isEqualTo(PresenceAction.LEAVE);
		assertThat(sent(0).clientId()).isNull();
	}

	@Test
	void RTP10a_leaveCarriesData() {
		connect("my-client");
		await(channel().attach());

		await(channel().presence().leave("goodbye"));

		assertThat(sent(0).action()).isEqualTo(PresenceAction.LEAVE);
		assertThat(sent(0).data()).isEqualTo("goodbye");
	}

	@Test
	void RTP14a_enterClientEntersOnBehalfOfOtherClientIds() {
		grantedClientId = "*";
		connectAnonymous();
		await(channel().attach());

		await(channel().presence().enterClient("user-alice", "alice-data"));
		await(channel().presence().enterClient("user-bob", "bob-data"));

		assertThat(capturedPresence).hasSize(2);
		assertThat(sent(0).action()).isEqualTo(PresenceAction.ENTER);
		assertThat(sent(0).clientId()).isEqualTo("user-alice");
		assertThat(sent(0).data()).isEqualTo("alice-data");
		assertThat(sent(1).action()).isEqualTo(PresenceAction.ENTER);
		assertThat(sent(1).clientId()).isEqualTo("user-bob");
		assertThat(sent(1).data()).isEqualTo("bob-data");
	}

	@Test
	void RTP15a_updateClientAndLeaveClient() {
		grantedClientId = "*";
		connectAnonymous();
		await(channel().attach());

		await(channel().presence().enterClient("user-1", "entered"));
		await(channel().presence().updateClient("user-1", "updated"));
		await(channel().presence().leaveClient("user-1", "leaving"));

		assertThat(capturedPresence).hasSize(3);
		assertThat(List.of(sent(0), sent(1), sent(2))).extracting(PresenceMessage::action)
			.containsExactly(PresenceAction.ENTER, PresenceAction.UPDATE, PresenceAction.LEAVE);
		assertThat(List.of(sent(0), sent(1), sent(2))).extracting(PresenceMessage::clientId)
			.containsOnly("user-1");
		assertThat(List.of(sent(0), sent(1), sent(2))).extracting(PresenceMessage::data)
			.containsExactly("entered", "updated", "leaving");
	}

	@Test
	void RTP15e_enterClientAttachesAnInitializedChannel() {
		grantedClientId = "*";
		connectAnonymous();
		assertThat(channel().state()).isEqualTo(ChannelState.INITIALIZED);

		await(channel().presence().enterClient("user-1", null));

		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHED);
	}

	@Test
	void RTP15e_enterClientFailsWhenTheImplicitAttachFails() {
		grantedClientId = "*";
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(channelError(40160, "not permitted"));
			}
		};
		connectAnonymous();

		ErrorInfo error = failure(channel().presence().enterClient("user-1", null));

		assertThat(error.code()).isEqualTo(40160);
		assertThat(channel().state()).isEqualTo(ChannelState.FAILED);
		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTP15f_enterClientWithAnotherClientIdFailsAndLeavesEverythingUsable() {
		connect("my-client");
		await(channel().attach());

		ErrorInfo error = failure(channel().presence().enterClient("other-client", null));

		assertThat(error.code()).isEqualTo(40012);
		assertThat(capturedPresence).isEmpty();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHED);
		await(channel().presence().enter("still works"));
		assertThat(capturedPresence).hasSize(1);
	}

	@Test
	void RTP16a_presenceOnAnAttachedChannelIsSentAtOnce() {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(false));
			}
		};
		connect("my-client");
		await(channel().attach());

		CompletableFuture<Void> enter = channel().presence().enter(null);
		settle();

		assertThat(capturedPresence).hasSize(1);
		assertThat(enter).isNotDone();                                                   // sent, awaiting its ACK
		serverSends(ack(capturedPresence.get(0)));
		await(enter);
	}

	@Test
	void RTP16b_presenceWhileAttachingIsQueuedUntilAttached() {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.PRESENCE) {
				c.sendToClient(ack(m));
			}
		};
		connect("my-client");
		channel().attach();
		settle();
		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHING);

		CompletableFuture<Void> enter = channel().presence().enter(null);
		settle();
		assertThat(capturedPresence).isEmpty();
		serverSends(attached(false));

		await(enter);
		assertThat(capturedPresence).hasSize(1);
		assertThat(sent(0).action()).isEqualTo(PresenceAction.ENTER);
	}

	@Test
	void RTP16b_RTP16c_withQueueMessagesOffPresenceWhileAttachingFails() {
		onClientMessage = (c, m) -> {
		};
		connectWith(RealtimeUnitSupport.options(mock, clock).clientId("my-client").queueMessages(false));
		channel().attach();
		settle();
		assertThat(channel().state()).isEqualTo(ChannelState.ATTACHING);

		ErrorInfo error = failure(channel().presence().enter(null));

		assertThat(error.code()).isEqualTo(90001);
		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTP16c_presenceOnADetachedChannelFails() {
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.DETACHED).channel(CHANNEL)
					.error(ErrorInfo.of(90001, 400, "Detached")).build());
			}
			else {
				attachAndAck(c, m);
			}
		};
		connect("my-client");
		// RTL13b makes an ATTACHING channel that gets DETACHED SUSPENDED; an explicit detach gives DETACHED
		assertThat(failure(channel().attach())).isNotNull();
		await(channel().detach());
		assertThat(channel().state()).isEqualTo(ChannelState.DETACHED);

		ErrorInfo error = failure(channel().presence().enter(null));

		assertThat(error.code()).isEqualTo(90001);
		assertThat(capturedPresence).isEmpty();
	}

	@Test
	void RTP15c_enterClientDoesNotDisturbTheClientsOwnEnter() {
		grantedClientId = "*";
		connectAnonymous();
		await(channel().attach());

		// The connection's own clientId is the wildcard here, so its own enter is refused (RTP8j) whatever else
		// it entered on behalf of others; enterClient for "main-client" stands in for it.
		await(channel().presence().enterClient("main-client", "main-client"));
		await(channel().presence().enterClient("other-user", "other-data"));
		await(channel().presence().leaveClient("other-user", null));

		assertThat(capturedPresence).hasSize(3);
		assertThat(sent(0).action()).isEqualTo(PresenceAction.ENTER);
		assertThat(sent(0).clientId()).isEqualTo("main-client");
		assertThat(sent(0).data()).isEqualTo("main-client");
		assertThat(sent(1).action()).isEqualTo(PresenceAction.ENTER);
		assertThat(sent(1).clientId()).isEqualTo("other-user");
		assertThat(sent(2).action()).isEqualTo(PresenceAction.LEAVE);
		assertThat(sent(2).clientId()).isEqualTo("other-user");
	}

	@Test
	void RTP4_fiftyMembersEnteredByEnterClientOnOneConnection() {
		int count = 50;
		grantedClientId = "*";
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(true));
			}
			else {
				attachAckAndEcho(c, m, "*");
			}
		};
		connectAnonymous();
		await(channel().attach());
		List<PresenceMessage> enters = new CopyOnWriteArrayList<>();
		channel().presence().subscribe(PresenceAction.ENTER, enters::add);

		for (int i = 0; i < count; i++) {
			await(channel().presence().enterClient("user-" + i, "data-" + i));
		}
		settle();
		List<PresenceMessage> syncMembers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			syncMembers.add(member(PresenceAction.PRESENT, "user-" + i, "conn-1", "conn-1:" + i + ":0",
					clock.currentTimeMillis(), "data-" + i));
		}
		serverSends(sync("seq1:", syncMembers.toArray(PresenceMessage[]::new)));
		List<PresenceMessage> members = await(channel().presence().get());

		assertThat(capturedPresence).hasSize(count);
		assertThat(enters).hasSize(count);
		assertThat(members).hasSize(count);
		for (int i = 0; i < count; i++) {
			String clientId = "user-" + i;
			assertThat(members).filteredOn(m -> clientId.equals(m.clientId())).singleElement()
				.extracting(PresenceMessage::data).isEqualTo("data-" + i);
		}
	}

	@Test
	void RTP4_fiftyMembersEnteredOnOneConnectionSeenByAnother() {
		int count = 50;
		grantedClientId = "*";
		onClientMessage = (c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(true));
			}
			else {
				attachAndAck(c, m);
			}
		};
		connectAnonymous();
		await(channel().attach());
		MockWebSocket mockB = new MockWebSocket();
		mockB.onConnectionAttempt(c -> c.respondWithSuccess(RealtimeUnitSupport.connected("conn-B", "key-B")));
		mockB.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(true));
			}
		});
		AblyRealtime clientB = RealtimeUnitSupport.client(RealtimeUnitSupport.options(mockB, clock).build(), clock);
		try {
			clientB.connect();
			settle();
			RealtimeChannel channelB = clientB.channels().get(CHANNEL);
			await(channelB.attach());
			List<PresenceMessage> entersB = new CopyOnWriteArrayList<>();
			channelB.presence().subscribe(PresenceAction.ENTER, entersB::add);

			for (int i = 0; i < count; i++) {
				await(channel().presence().enterClient("user-" + i, "data-" + i));
			}
			List<PresenceMessage> syncMembers = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				PresenceMessage enter = member(PresenceAction.ENTER, "user-" + i, "conn-1", "conn-1:" + i + ":0",
						clock.currentTimeMillis(), "data-" + i);
				mockB.active().sendToClient(presence(enter));
				syncMembers.add(enter.toBuilder().action(PresenceAction.PRESENT).build());
			}
			mockB.active().sendToClient(sync("seq1:", syncMembers.toArray(PresenceMessage[]::new)));
			settle();
			List<PresenceMessage> members = await(channelB.presence().get());

			assertThat(capturedPresence).hasSize(count);
			assertThat(entersB).hasSize(count);
			assertThat(members).hasSize(count).allSatisfy(m -> assertThat(m.connectionId()).isEqualTo("conn-1"));
			for (int i = 0; i < count; i++) {
				String clientId = "user-" + i;
				assertThat(members).filteredOn(m -> clientId.equals(m.clientId())).singleElement()
					.extracting(PresenceMessage::data).isEqualTo("data-" + i);
			}
		}
		finally {
			clientB.loop().shutdown();
		}
	}
}
