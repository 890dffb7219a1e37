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
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** UTS realtime/integration/channels/channel_subscribe_test.md against the embedded server. */
class ChannelSubscribeIntegrationTest {

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
	void RTL7a_subscribeWithoutANameReceivesAll() throws Exception {
		String name = IntegrationSupport.randomName("subscribe-all");
		try (AblyRealtime publisher = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build());
				AblyRealtime subscriber = IntegrationSupport
					.connected(IntegrationSupport.options(server, "json").build())) {
			List<Message> received = new CopyOnWriteArrayList<>();
			RealtimeChannel in = subscriber.channels().get(name);
			in.subscribe(received::add);
			in.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			RealtimeChannel out = publisher.channels().get(name);
			out.attach().get(10, TimeUnit.SECONDS);
			for (String event : List.of("a", "b", "c")) {
				out.publish("event-" + event, "data-" + event).get(10, TimeUnit.SECONDS);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3);

			assertThat(received).hasSize(3)
				.extracting(Message::name)
				.containsExactlyInAnyOrder("event-a", "event-b", "event-c");
		}
	}

	@Test
	void RTL7b_subscribeWithANameReceivesOnlyThatName() throws Exception {
		String name = IntegrationSupport.randomName("subscribe-filtered");
		try (AblyRealtime publisher = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build());
				AblyRealtime subscriber = IntegrationSupport
					.connected(IntegrationSupport.options(server, "json").build())) {
			RealtimeChannel in = subscriber.channels().get(name);
			List<Message> target = new CopyOnWriteArrayList<>();
			List<Message> all = new CopyOnWriteArrayList<>();
			in.subscribe("target", target::add);
			in.subscribe(all::add);
			in.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			RealtimeChannel out = publisher.channels().get(name);
			out.attach().get(10, TimeUnit.SECONDS);
			out.publish("other", "ignored").get(10, TimeUnit.SECONDS);
			out.publish("target", "wanted-1").get(10, TimeUnit.SECONDS);
			out.publish("other", "ignored").get(10, TimeUnit.SECONDS);
			out.publish("target", "wanted-2").get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> all.size() >= 4);

			assertThat(all).hasSize(4);
			await().atMost(Duration.ofSeconds(2)).until(() -> target.size() >= 2);
			assertThat(target).extracting(Message::name, Message::data)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("target", "wanted-1"),
						org.assertj.core.groups.Tuple.tuple("target", "wanted-2"));
		}
	}

	@Test
	void RTL7_messagesFlowBothWays() throws Exception {
		String name = IntegrationSupport.randomName("subscribe-bidir");
		try (AblyRealtime a = IntegrationSupport
			.connected(IntegrationSupport.options(server, "json").clientId("client-a").build());
				AblyRealtime b = IntegrationSupport
					.connected(IntegrationSupport.options(server, "json").clientId("client-b").build())) {
			List<Message> receivedByA = new CopyOnWriteArrayList<>();
			List<Message> receivedByB = new CopyOnWriteArrayList<>();
			RealtimeChannel channelA = a.channels().get(name);
			RealtimeChannel channelB = b.channels().get(name);
			channelA.subscribe(receivedByA::add);
			channelB.subscribe(receivedByB::add);
			channelA.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			channelB.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			channelA.publish("from-a", "hello from a").get(10, TimeUnit.SECONDS);
			channelB.publish("from-b", "hello from b").get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> receivedByA.size() >= 2 && receivedByB.size() >= 2);

			assertThat(receivedByA).extracting(Message::name).contains("from-a", "from-b");
			assertThat(receivedByB).extracting(Message::name).contains("from-a", "from-b");
		}
	}
}
