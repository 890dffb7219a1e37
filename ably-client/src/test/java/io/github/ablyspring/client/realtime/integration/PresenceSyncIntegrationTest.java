package io.github.ablyspring.client.realtime.integration;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;

/** UTS realtime/integration/presence/presence_sync_test.md against the embedded server. */
class PresenceSyncIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void RTP2_RTP11a_syncDeliversExistingMember() throws Exception {
		String name = IntegrationSupport.randomName("presence-sync");
		try (AblyRealtime a = IntegrationSupport
			.connected(IntegrationSupport.options(server, "json").clientId("sync-member-a").build())) {
			RealtimeChannel channelA = a.channels().get(name);
			channelA.attach().get(10, TimeUnit.SECONDS);
			channelA.presence().enter("sync-data").get(10, TimeUnit.SECONDS);
			try (AblyRealtime b = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build())) {
				RealtimeChannel channelB = b.channels().get(name);
				channelB.attach().get(10, TimeUnit.SECONDS);
				List<PresenceMessage> members = channelB.presence().get().get(10, TimeUnit.SECONDS);

				assertThat(members).hasSize(1);
				assertThat(members.get(0).clientId()).isEqualTo("sync-member-a");
				assertThat(members.get(0).data()).isEqualTo("sync-data");
				assertThat(members.get(0).action()).isEqualTo(PresenceAction.PRESENT);
			}
		}
	}

	@Test
	void RTP2_syncDeliversManyMembers() throws Exception {
		String name = IntegrationSupport.randomName("presence-sync-multi");
		int count = 10;
		try (AblyRealtime a = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build())) {
			RealtimeChannel channelA = a.channels().get(name);
			channelA.attach().get(10, TimeUnit.SECONDS);
			for (int i = 0; i < count; i++) {
				channelA.presence().enterClient("sync-user-" + i, "data-" + i).get(10, TimeUnit.SECONDS);
			}
			try (AblyRealtime b = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build())) {
				RealtimeChannel channelB = b.channels().get(name);
				channelB.attach().get(10, TimeUnit.SECONDS);
				List<PresenceMessage> members = channelB.presence().get().get(10, TimeUnit.SECONDS);

				assertThat(members).hasSize(count);
				for (int i = 0; i < count; i++) {
					String clientId = "sync-user-" + i;
					assertThat(members).filteredOn(m -> clientId.equals(m.clientId()))
						.singleElement()
						.extracting(PresenceMessage::data)
						.isEqualTo("data-" + i);
				}
			}
		}
	}
}
