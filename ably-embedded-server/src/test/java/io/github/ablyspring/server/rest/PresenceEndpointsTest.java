package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.github.ablyspring.protocol.PageLinks;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code GET /channels/{ch}/presence} (RSP3) and {@code /presence/history} (RSP4), paged through Link headers. */
class PresenceEndpointsTest {

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
		AppsEndpointTest.createTestApp(server, WireFormat.JSON);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void membersArePagedByLimit(WireFormat format) {
		RestTestClient client = RestTestClient.of(server, format);
		List<String> clientIds = new ArrayList<>();
		RestTestClient.Reply page = client.get("/channels/" + AppsEndpointTest.FIXTURES + "/presence?limit=4")
			.assertStatus(200);
		int pages = 0;
		while (page != null) {
			pages++;
			List<PresenceMessage> members = page.as(WireTypes.PRESENCE_MESSAGES);
			assertThat(members.size()).isLessThanOrEqualTo(4);
			members.forEach(m -> clientIds.add(m.clientId()));
			PageLinks links = page.links();
			page = links.hasNext() ? client.follow(page, links.next()).assertStatus(200) : null;
		}
		assertThat(pages).isEqualTo(2);
		assertThat(clientIds).doesNotHaveDuplicates().hasSize(6);
	}

	@Test
	void membersFilterByClientIdAndConnectionId() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		List<PresenceMessage> one = client
			.get("/channels/" + AppsEndpointTest.FIXTURES + "/presence?clientId=client_int")
			.as(WireTypes.PRESENCE_MESSAGES);
		assertThat(one).extracting(PresenceMessage::clientId).containsExactly("client_int");
		assertThat(one.get(0).action()).isEqualTo(PresenceAction.PRESENT);
		assertThat(client.get("/channels/" + AppsEndpointTest.FIXTURES + "/presence?connectionId=nobody")
			.as(WireTypes.PRESENCE_MESSAGES)).isEmpty();
		assertThat(client.get("/channels/never-used/presence").as(WireTypes.PRESENCE_MESSAGES)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void historyHasEveryPresenceEventOnceInEitherDirection(WireFormat format) {
		String channel = "presence-history-" + format;
		try (RealtimeTestClient realtime = RealtimeTestClient.connect(server, "key=app.key:secret&clientId=walker")) {
			realtime.attach(channel);
			long serial = 0;
			for (PresenceAction action : List.of(PresenceAction.ENTER, PresenceAction.UPDATE, PresenceAction.UPDATE,
					PresenceAction.LEAVE, PresenceAction.ENTER)) {
				long msgSerial = serial++;
				realtime.send(ProtocolMessage.builder(ProtocolAction.PRESENCE)
					.channel(channel)
					.msgSerial(msgSerial)
					.presence(List.of(PresenceMessage.of(action, null, "step " + msgSerial)))
					.build());
				realtime.await(m -> m.action() == ProtocolAction.ACK && m.msgSerial() == msgSerial);
			}
		}
		// Closing the connection made its member leave: a sixth event.
		RestTestClient client = RestTestClient.of(server, format);
		assertThat(collect(client, "/channels/" + channel + "/presence/history?limit=2")).containsExactly(
				"LEAVE step 4", "ENTER step 4", "LEAVE step 3", "UPDATE step 2", "UPDATE step 1", "ENTER step 0");
		assertThat(collect(client, "/channels/" + channel + "/presence/history?limit=2&direction=forwards"))
			.containsExactly("ENTER step 0", "UPDATE step 1", "UPDATE step 2", "LEAVE step 3", "ENTER step 4",
					"LEAVE step 4");
	}

	/** Every page of a query, as "ACTION data", checking that there are three pages. */
	private static List<String> collect(RestTestClient client, String query) {
		List<String> events = new ArrayList<>();
		RestTestClient.Reply page = client.get(query).assertStatus(200);
		int pages = 1;
		while (true) {
			page.as(WireTypes.PRESENCE_MESSAGES).forEach(p -> events.add(p.action() + " " + p.data()));
			if (!page.links().hasNext()) {
				assertThat(pages).isEqualTo(3);
				return events;
			}
			page = client.follow(page, page.links().next()).assertStatus(200);
			pages++;
		}
	}

	@Test
	void historyAcceptsATimeWindow() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		String path = "/channels/" + AppsEndpointTest.FIXTURES + "/presence/history";
		assertThat(client.get(path + "?end=1000").as(WireTypes.PRESENCE_MESSAGES)).isEmpty();
		assertThat(client.get(path + "?start=1000").as(WireTypes.PRESENCE_MESSAGES)).hasSizeGreaterThanOrEqualTo(6);
		client.get(path + "?direction=up").assertError(400, 40003);
	}
}
