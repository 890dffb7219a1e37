package io.github.ablyspring.server.realtime.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolFlag;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Presence: multi-page SYNC (RTP18) and synthesized LEAVE for a lost connection's members (RTP2, RTP17). */
class PresenceBehaviourTest {

	private static final String KEY = "app.key:secret";

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key(KEY).presenceLeaveGrace(Duration.ofMillis(300)).build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void RTP18_largeSyncArrivesInPagesWithCursorsUntilTheLastAndListsEveryMemberOnce(WireFormat format) {
		String channel = "sync-" + format;
		int count = 250;
		// A key connection may enter any clientId (enterClient, RTP4/RTP15).
		try (WsClient enterer = WsClient.connect(server, format, "key=" + KEY)) {
			enterer.attach(channel);
			List<PresenceMessage> enters = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				enters.add(PresenceMessage.of(PresenceAction.ENTER, "member-" + i, "d" + i));
			}
			enterer.send(ProtocolMessage.builder(ProtocolAction.PRESENCE).channel(channel).msgSerial(0L)
				.presence(enters)
				.build());
			enterer.await(m -> m.action() == ProtocolAction.ACK && m.msgSerial() == 0L);

			try (WsClient observer = WsClient.connect(server, format, "key=" + KEY)) {
				observer.send(ProtocolMessage.builder(ProtocolAction.ATTACH).channel(channel).build());
				ProtocolMessage attached = observer.await(ProtocolAction.ATTACHED);
				assertThat(attached.flags() & ProtocolFlag.HAS_PRESENCE.mask()).isNotZero();
				ProtocolMessage last = observer.await(m -> m.action() == ProtocolAction.SYNC
						&& m.channelSerial() != null && m.channelSerial().endsWith(":"));
				List<ProtocolMessage> pages = observer.received(ProtocolAction.SYNC);
				assertThat(pages).hasSizeGreaterThanOrEqualTo(3).last().isEqualTo(last);
				String syncId = last.channelSerial().substring(0, last.channelSerial().indexOf(':'));
				for (ProtocolMessage page : pages.subList(0, pages.size() - 1)) {
					assertThat(page.channelSerial()).startsWith(syncId + ":");
					assertThat(page.channelSerial().substring(syncId.length() + 1)).isNotEmpty();
					assertThat(page.presence()).hasSizeLessThanOrEqualTo(100);
				}
				List<String> clientIds = pages.stream()
					.flatMap(p -> p.presence().stream())
					.map(PresenceMessage::clientId)
					.toList();
				assertThat(clientIds).hasSize(count).doesNotHaveDuplicates();
				assertThat(pages.stream().flatMap(p -> p.presence().stream()))
					.allSatisfy(p -> assertThat(p.action()).isEqualTo(PresenceAction.PRESENT));
			}
		}
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void RTP2_membersOfADroppedConnectionLeaveAfterTheGracePeriod(WireFormat format) {
		String channel = "leave-" + format;
		try (WsClient observer = WsClient.connect(server, format, "key=" + KEY)) {
			observer.attach(channel);
			WsClient member = WsClient.connect(server, format, "key=" + KEY + "&clientId=leaver");
			String memberId = member.connectionId();
			enter(member, channel);
			observer.await(m -> m.action() == ProtocolAction.PRESENCE
					&& m.presence().get(0).action() == PresenceAction.ENTER);

			server.faults().dropConnections(memberId);
			PresenceMessage leave = observer.await(m -> m.action() == ProtocolAction.PRESENCE
					&& m.presence().get(0).action() == PresenceAction.LEAVE).presence().get(0);
			assertThat(leave.clientId()).isEqualTo("leaver");
			assertThat(leave.connectionId()).isEqualTo(memberId);
			member.abort();
		}
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void RTN15_memberResumingWithinTheGraceDoesNotLeave(WireFormat format) {
		String channel = "stay-" + format;
		try (WsClient observer = WsClient.connect(server, format, "key=" + KEY)) {
			observer.attach(channel);
			WsClient member = WsClient.connect(server, format, "key=" + KEY + "&clientId=stayer");
			String memberId = member.connectionId();
			String memberKey = member.connectionKey();
			enter(member, channel);
			observer.await(m -> m.action() == ProtocolAction.PRESENCE
					&& m.presence().get(0).action() == PresenceAction.ENTER);

			server.faults().dropConnections(memberId);
			try (WsClient resumed = WsClient.open(server, format,
					"key=" + KEY + "&clientId=stayer&resume=" + memberKey)) {
				assertThat(resumed.connectionId()).isEqualTo(memberId);
				Awaitility.await()
					.during(Duration.ofMillis(900))
					.atMost(Duration.ofSeconds(3))
					.until(() -> observer.received(ProtocolAction.PRESENCE)
						.stream()
						.noneMatch(m -> m.presence().get(0).action() == PresenceAction.LEAVE));
				resumed.attach(channel);
			}
			member.abort();
		}
	}

	private static void enter(WsClient member, String channel) {
		member.attach(channel);
		member.send(ProtocolMessage.builder(ProtocolAction.PRESENCE).channel(channel).msgSerial(0L)
			.presence(List.of(PresenceMessage.of(PresenceAction.ENTER, null, "here")))
			.build());
		member.await(m -> m.action() == ProtocolAction.ACK);
	}
}
