package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.codec.TokenWireTypes;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code /_emulator} fault injection REST API, observed by a bare realtime client and REST calls. */
class EmulatorEndpointsTest {

	private static final String KEY = "app.key:secret";

	private static EmbeddedAblyServer server;

	private static RestTestClient emulator;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder()
			.key(KEY)
			.maxIdleInterval(Duration.ofMillis(300))
			.faultInjection(true)
			.build()
			.start();
		emulator = RestTestClient.anonymous(server, WireFormat.JSON);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static void post(String path) {
		emulator.send("POST", path, null).assertStatus(204);
	}

	@Test
	void listsAndDropsConnections() {
		try (RealtimeTestClient client = RealtimeTestClient.connect(server, "key=" + KEY)) {
			String id = client.connectionId();
			assertThat(emulator.get("/_emulator/connections").assertStatus(200).json().valueStream()
				.map(n -> n.asString())).contains(id);
			post("/_emulator/connections/" + id + "/drop");
			client.awaitClosed();
			assertThat(client.received()).noneMatch(m -> m.action() == ProtocolAction.DISCONNECTED);
		}
	}

	@Test
	void disconnectsWithTheGivenError() {
		try (RealtimeTestClient client = RealtimeTestClient.connect(server, "key=" + KEY)) {
			post("/_emulator/connections/" + client.connectionId() + "/disconnect?code=80003&statusCode=503");
			ProtocolMessage disconnected = client.await(ProtocolAction.DISCONNECTED);
			assertThat(disconnected.error().code()).isEqualTo(80003);
			assertThat(disconnected.error().statusCode()).isEqualTo(503);
			client.awaitClosed();
		}
	}

	@Test
	void failsAConnectionWithAnError() {
		try (RealtimeTestClient client = RealtimeTestClient.connect(server, "key=" + KEY)) {
			String id = client.connectionId();
			post("/_emulator/connections/all/error?code=40000&statusCode=400&message=bye");
			ProtocolMessage error = client.await(ProtocolAction.ERROR);
			assertThat(error.error().code()).isEqualTo(40000);
			assertThat(error.error().message()).isEqualTo("bye");
			client.awaitClosed();
			assertThat(server.realtime().connectionIds()).doesNotContain(id);
		}
	}

	@Test
	void asksForReauthentication() {
		try (RealtimeTestClient client = RealtimeTestClient.connect(server, "key=" + KEY)) {
			post("/_emulator/connections/" + client.connectionId() + "/auth");
			client.await(ProtocolAction.AUTH);
		}
	}

	@Test
	void detachesAChannelWithAnError() {
		try (RealtimeTestClient client = RealtimeTestClient.connect(server, "key=" + KEY)) {
			client.attach("detached");
			post("/_emulator/channels/detached/detach?code=90198&statusCode=500");
			ProtocolMessage detached = client.await(ProtocolAction.DETACHED);
			assertThat(detached.channel()).isEqualTo("detached");
			assertThat(detached.error().code()).isEqualTo(90198);
		}
	}

	@Test
	void expiresTokens() {
		TokenDetails token = RestTestClient.of(server, WireFormat.JSON)
			.postJsonText("/keys/app.key/requestToken", "{}")
			.as(TokenWireTypes.TOKEN_DETAILS);
		try (RealtimeTestClient client = RealtimeTestClient.connect(server, "access_token=" + token.token())) {
			post("/_emulator/tokens/expire");
			assertThat(client.await(ProtocolAction.DISCONNECTED).error().code()).isEqualTo(40142);
		}
		RestTestClient.anonymous(server, WireFormat.JSON).withToken(token.token()).get("/channels/x/messages")
			.assertError(401, 40142);
	}

	@Test
	void failsTheNextRestRequests() {
		RestTestClient client = RestTestClient.of(server, WireFormat.MSGPACK);
		post("/_emulator/rest/fail?count=2&status=503");
		client.get("/time").assertError(503, 50300);
		emulator.get("/_emulator/connections").assertStatus(200);
		client.get("/channels/x/messages").assertError(503, 50300);
		client.get("/time").assertStatus(200);
		post("/_emulator/rest/fail?count=1&status=500&code=50000");
		client.get("/time").assertError(500, 50000);
		emulator.send("POST", "/_emulator/rest/fail?status=200", null).assertError(400, 40003);
	}

	@Test
	void nacksTheNextPublishes() {
		try (RealtimeTestClient client = RealtimeTestClient.connect(server, "key=" + KEY)) {
			client.attach("nacked");
			post("/_emulator/publish/nack?count=1&code=50001&statusCode=500");
			for (long serial = 0; serial < 2; serial++) {
				client.send(ProtocolMessage.builder(ProtocolAction.MESSAGE)
					.channel("nacked")
					.msgSerial(serial)
					.messages(List.of(Message.of("m", "try " + serial)))
					.build());
			}
			ProtocolMessage nack = client.await(ProtocolAction.NACK);
			assertThat(nack.msgSerial()).isZero();
			assertThat(nack.error().code()).isEqualTo(50001);
			assertThat(client.await(ProtocolAction.ACK).msgSerial()).isEqualTo(1);
			assertThat(RestTestClient.of(server, WireFormat.JSON).get("/channels/nacked/messages").as(WireTypes.MESSAGES))
				.extracting(Message::data)
				.containsExactly("try 1");
		}
	}

	@Test
	void refusesNewConnectionsWhileAsked() {
		post("/_emulator/connections/refuse?enabled=true");
		try (RealtimeTestClient refused = RealtimeTestClient.open(server, "key=" + KEY)) {
			refused.awaitClosed();
			assertThat(refused.received()).isEmpty();
		}
		post("/_emulator/connections/refuse?enabled=true&code=80000&statusCode=503");
		try (RealtimeTestClient refused = RealtimeTestClient.open(server, "key=" + KEY)) {
			assertThat(refused.await(ProtocolAction.ERROR).error().statusCode()).isEqualTo(503);
			refused.awaitClosed();
		}
		post("/_emulator/connections/refuse?enabled=false");
		try (RealtimeTestClient accepted = RealtimeTestClient.connect(server, "key=" + KEY)) {
			assertThat(accepted.connectionId()).isNotBlank();
		}
	}

	@Test
	void stopsAndResumesHeartbeats() throws Exception {
		try (RealtimeTestClient client = RealtimeTestClient.connect(server, "key=" + KEY)) {
			client.await(ProtocolAction.HEARTBEAT);
			post("/_emulator/heartbeats?enabled=false");
			int seen = client.received().size();
			// Absence can only be observed over time: no HEARTBEAT (beyond one already in flight) for a full second, three idle intervals here.
			Awaitility.await()
				.pollDelay(Duration.ZERO)
				.during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(3))
				.until(() -> client.received()
					.subList(seen, client.received().size())
					.stream()
					.filter(m -> m.action() == ProtocolAction.HEARTBEAT)
					.count() <= 1);
			post("/_emulator/heartbeats?enabled=true");
			Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> client.received()
				.subList(seen, client.received().size())
				.stream()
				.anyMatch(m -> m.action() == ProtocolAction.HEARTBEAT));
		}
	}

	@Test
	void unknownEmulatorCallsAre404() {
		emulator.send("POST", "/_emulator/nothing", null).assertError(404, 40400);
		emulator.get("/_emulator/tokens/expire").assertError(405, 40500);
	}
}
