package io.github.ablyspring.server.realtime.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RSL1k / RTL6a: a client-supplied message id published twice is delivered and stored once. */
class IdempotentPublishTest {

	private static final String KEY = "app.key:secret";

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key(KEY).build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void RSL1k_realtimeDuplicateIdIsAckedTwiceButDeliveredAndStoredOnce(WireFormat format) {
		String channel = "idem-rt-" + format;
		try (WsClient publisher = WsClient.connect(server, format, "key=" + KEY + "&echo=false");
				WsClient subscriber = WsClient.connect(server, format, "key=" + KEY)) {
			subscriber.attach(channel);
			publisher.attach(channel);
			for (long serial = 0; serial < 2; serial++) {
				publisher.send(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel).msgSerial(serial)
					.messages(List.of(Message.builder().id("client-id-1:0").name("once").data("x").build()))
					.build());
			}
			Awaitility.await().until(() -> publisher.received(ProtocolAction.ACK).size() == 2);
			assertThat(publisher.received(ProtocolAction.ACK).stream().map(ProtocolMessage::msgSerial))
				.containsExactly(0L, 1L);
			subscriber.await(ProtocolAction.MESSAGE);
			Awaitility.await()
				.during(Duration.ofMillis(400))
				.atMost(Duration.ofSeconds(3))
				.until(() -> subscriber.received(ProtocolAction.MESSAGE).size() == 1);
			assertThat(history(channel)).hasSize(1);
		}
	}

	@Test
	void RSL1k_restDuplicateIdIsAcceptedTwiceButStoredAndDeliveredOnce() {
		String channel = "idem-rest";
		try (WsClient subscriber = WsClient.connect(server, WireFormat.JSON, "key=" + KEY)) {
			subscriber.attach(channel);
			String body = "[{\"id\":\"rest-idem:0\",\"name\":\"once\",\"data\":\"x\"}]";
			assertThat(Rest.post(server, "/channels/" + channel + "/messages", body, Rest.basic(KEY)).status())
				.isEqualTo(201);
			assertThat(Rest.post(server, "/channels/" + channel + "/messages", body, Rest.basic(KEY)).status())
				.isEqualTo(201);
			subscriber.await(ProtocolAction.MESSAGE);
			Awaitility.await()
				.during(Duration.ofMillis(400))
				.atMost(Duration.ofSeconds(3))
				.until(() -> subscriber.received(ProtocolAction.MESSAGE).size() == 1);
			assertThat(history(channel)).hasSize(1);
		}
	}

	private static List<?> history(String channel) {
		List<Object> items = new java.util.ArrayList<>();
		Rest.get(server, "/channels/" + channel + "/messages", Rest.basic(KEY)).json().forEach(items::add);
		return items;
	}
}
