package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ChannelState;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * UTS realtime/integration/proxy/presence_reentry.md against the embedded server. The proxy's frame log is replaced
 * by an observer client: the re-entry (RTP17i, with the stored clientId and data, RTP17g) reaches the server, which
 * broadcasts it, so the observer sees client-a's presence again after the non-resumed ATTACHED.
 */
class PresenceReentryIntegrationTest {

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
	void RTP17i_RTP17g_reentersOnANonResumedAttached() throws Exception {
		String name = IntegrationSupport.randomName("test-rtp17i");
		try (AblyRealtime client = IntegrationSupport
			.connected(IntegrationSupport.options(server, "json").clientId("client-a").build());
				AblyRealtime observer = IntegrationSupport
					.connected(IntegrationSupport.options(server, "json").build())) {
			RealtimeChannel channel = client.channels().get(name);
			channel.attach().get(10, TimeUnit.SECONDS);
			channel.presence().enter("hello").get(10, TimeUnit.SECONDS);
			List<PresenceMessage> seen = new CopyOnWriteArrayList<>();
			RealtimeChannel watched = observer.channels().get(name);
			watched.presence().subscribe(seen::add);
			watched.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			assertThat(watched.presence().get().get(10, TimeUnit.SECONDS)).hasSize(1);
			int before = seen.size();

			server.faults().send(client.connection().id(), ProtocolMessage.builder(ProtocolAction.ATTACHED)
				.channel(name)
				.flags(0L)
				.error(ErrorInfo.of(91001, 500, "Continuity lost"))
				.build());

			await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() > before);
			PresenceMessage reentered = seen.get(seen.size() - 1);
			assertThat(reentered.clientId()).isEqualTo("client-a");
			assertThat(reentered.data()).isEqualTo("hello");
			assertThat(reentered.connectionId()).isEqualTo(client.connection().id());
			assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		}
	}
}
