package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/** UTS realtime/integration/presence_lifecycle_test.md against the embedded server, JSON and msgpack. */
class PresenceLifecycleIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "msgpack" })
	void RTP4_RTP6_RTP11a_bulkEnterClientSeenOnAnotherConnection(String protocol) throws Exception {
		String name = IntegrationSupport.randomName("presence-bulk");
		int count = 50;
		try (AblyRealtime a = IntegrationSupport.connected(IntegrationSupport.options(server, protocol).build());
				AblyRealtime b = IntegrationSupport.connected(IntegrationSupport.options(server, protocol).build())) {
			RealtimeChannel channelA = a.channels().get(name);
			RealtimeChannel channelB = b.channels().get(name);
			channelB.attach().get(10, TimeUnit.SECONDS);
			Set<String> entered = ConcurrentHashMap.newKeySet();
			channelB.presence().subscribe(PresenceAction.ENTER, e -> entered.add(e.clientId()));
			channelB.presence().subscribe(PresenceAction.PRESENT, e -> entered.add(e.clientId()));
			channelA.attach().get(10, TimeUnit.SECONDS);
			List<CompletableFuture<Void>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(channelA.presence().enterClient("user-" + i, "data-" + i));
			}
			CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(15)).until(() -> entered.size() >= count);
			List<PresenceMessage> members = channelB.presence().get().get(10, TimeUnit.SECONDS);

			assertThat(entered).hasSize(count);
			assertThat(members).hasSize(count);
			for (int i = 0; i < count; i++) {
				String clientId = "user-" + i;
				assertThat(members).filteredOn(m -> clientId.equals(m.clientId()))
					.singleElement()
					.extracting(PresenceMessage::data)
					.isEqualTo("data-" + i);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "msgpack" })
	void RTP8_RTP9_RTP10_enterUpdateLeaveSeenOnAnotherConnection(String protocol) throws Exception {
		String name = IntegrationSupport.randomName("presence-lifecycle");
		try (AblyRealtime a = IntegrationSupport
			.connected(IntegrationSupport.options(server, protocol).clientId("lifecycle-client").build());
				AblyRealtime b = IntegrationSupport.connected(IntegrationSupport.options(server, protocol).build())) {
			RealtimeChannel channelA = a.channels().get(name);
			RealtimeChannel channelB = b.channels().get(name);
			channelB.attach().get(10, TimeUnit.SECONDS);
			List<PresenceMessage> events = new CopyOnWriteArrayList<>();
			channelB.presence().subscribe(events::add);
			channelA.attach().get(10, TimeUnit.SECONDS);

			channelA.presence().enter("hello").get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 1);
			assertThat(channelB.presence().get().get(10, TimeUnit.SECONDS))
				.extracting(PresenceMessage::clientId, PresenceMessage::data)
				.containsExactly(tuple("lifecycle-client", "hello"));

			channelA.presence().update("world").get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 2);
			assertThat(channelB.presence().get().get(10, TimeUnit.SECONDS)).extracting(PresenceMessage::data)
				.containsExactly("world");

			channelA.presence().leave("goodbye").get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> events.size() >= 3);
			assertThat(channelB.presence().get().get(10, TimeUnit.SECONDS)).isEmpty();

			assertThat(events.subList(0, 3))
				.extracting(PresenceMessage::action, PresenceMessage::clientId, PresenceMessage::data)
				.containsExactly(tuple(PresenceAction.ENTER, "lifecycle-client", "hello"),
						tuple(PresenceAction.UPDATE, "lifecycle-client", "world"),
						tuple(PresenceAction.LEAVE, "lifecycle-client", "goodbye"));
		}
	}
}
