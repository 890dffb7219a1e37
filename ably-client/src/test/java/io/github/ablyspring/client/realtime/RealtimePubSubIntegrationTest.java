package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Our realtime client against the embedded server over a real WebSocket, JSON and msgpack. */
class RealtimePubSubIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	static AblyRealtime client(boolean binary, String clientId) {
		return new AblyRealtime(EmbeddedServer.options(server).key(EmbeddedServer.KEY).useBinaryProtocol(binary)
			.clientId(clientId).build());
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { false, true })
	void RTN4b_RTL7a_RTL6_connectsPublishesAndReceivesWithAcks(boolean binary) throws Exception {
		try (AblyRealtime publisher = client(binary, "pub"); AblyRealtime subscriber = client(binary, "sub")) {
			publisher.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);
			assertThat(publisher.connection().id()).isNotBlank();
			RealtimeChannel in = subscriber.channels().get("pubsub-" + binary);
			List<Message> received = new CopyOnWriteArrayList<>();
			in.subscribe(received::add);
			in.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			RealtimeChannel out = publisher.channels().get("pubsub-" + binary);
			PublishResult first = out.publish("greeting", "hello").get(10, TimeUnit.SECONDS);
			assertThat(first.serials()).hasSize(1);
			out.publish("binary", new byte[] { 1, 2, 3 }).get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
			assertThat(received.get(0).name()).isEqualTo("greeting");
			assertThat(received.get(0).data()).isEqualTo("hello");
			assertThat(received.get(0).clientId()).isEqualTo("pub");
			assertThat(received.get(1).data()).isEqualTo(new byte[] { 1, 2, 3 });
			assertThat(publisher.connection().ping().get(10, TimeUnit.SECONDS).isNegative()).isFalse();
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { false, true })
	void RTP8_RTP11_presenceEnterSeenByAnotherClient(boolean binary) throws Exception {
		try (AblyRealtime alice = client(binary, "alice"); AblyRealtime bob = client(binary, "bob")) {
			String name = "presence-" + binary;
			alice.channels().get(name).presence().enter("hi").get(10, TimeUnit.SECONDS);
			List<PresenceMessage> members = bob.channels().get(name).presence().get().get(10, TimeUnit.SECONDS);
			assertThat(members).extracting(PresenceMessage::clientId).containsExactly("alice");
			List<PresenceMessage> events = new CopyOnWriteArrayList<>();
			bob.channels().get(name).presence().subscribe(events::add);
			alice.channels().get(name).presence().leave(null).get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> events.stream().anyMatch(e -> e.action() == PresenceAction.LEAVE));
		}
	}
}
