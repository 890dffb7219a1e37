package io.github.ablyspring.server.realtime.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RTN7: ACKs in msgSerial order, each serial once; RTN19: re-sent serials after a resume are not applied twice. */
class AckOrderingTest {

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
	void RTN7a_pipelinedPublishesAreAckedEverySerialOnceInOrder(WireFormat format) {
		String channel = "acks-" + format;
		int count = 500;
		try (WsClient client = WsClient.connect(server, format, "key=" + KEY)) {
			client.attach(channel);
			for (int i = 0; i < count; i++) {
				client.send(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel).msgSerial((long) i)
					.messages(List.of(Message.of("m" + i, "d" + i)))
					.build());
			}
			Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> ackedSerials(client).size() >= count);
			assertThat(client.received(ProtocolAction.NACK)).isEmpty();
			List<Long> expected = new ArrayList<>();
			for (long i = 0; i < count; i++) {
				expected.add(i);
			}
			assertThat(ackedSerials(client)).containsExactlyElementsOf(expected);
			Awaitility.await().until(() -> client.received(ProtocolAction.MESSAGE).size() == count);
		}
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void RTN19a_resentMsgSerialAfterResumeIsAckedButNotDeliveredTwice(WireFormat format) {
		String channel = "resend-" + format;
		try (WsClient subscriber = WsClient.connect(server, format, "key=" + KEY)) {
			subscriber.attach(channel);
			WsClient publisher = WsClient.connect(server, format, "key=" + KEY);
			String id = publisher.connectionId();
			String key = publisher.connectionKey();
			ProtocolMessage first = ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel).msgSerial(0L)
				.messages(List.of(Message.of("once", "x")))
				.build();
			publisher.send(first);
			subscriber.await(ProtocolAction.MESSAGE);
			server.faults().dropConnections(id);
			publisher.awaitClosed();
			publisher.abort();

			try (WsClient resumed = WsClient.open(server, format, "key=" + KEY + "&resume=" + key)) {
				assertThat(resumed.connectionId()).isEqualTo(id);
				// RTN19a: the SDK re-sends what it has no ACK for, with the same msgSerial.
				resumed.send(first);
				resumed.await(m -> m.action() == ProtocolAction.ACK && m.msgSerial() == 0L);
				resumed.send(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel).msgSerial(1L)
					.messages(List.of(Message.of("next", "y")))
					.build());
				resumed.await(m -> m.action() == ProtocolAction.ACK && m.msgSerial() == 1L);
				subscriber.await(m -> m.action() == ProtocolAction.MESSAGE && "next".equals(m.messages().get(0).name()));
				Awaitility.await()
					.during(Duration.ofMillis(400))
					.atMost(Duration.ofSeconds(3))
					.until(() -> subscriber.received(ProtocolAction.MESSAGE)
						.stream()
						.filter(m -> "once".equals(m.messages().get(0).name()))
						.count() == 1);
			}
		}
	}

	/** Every msgSerial the ACKs cover, in the order they arrived (an ACK covers msgSerial..msgSerial+count-1). */
	private static List<Long> ackedSerials(WsClient client) {
		List<Long> serials = new ArrayList<>();
		for (ProtocolMessage ack : client.received(ProtocolAction.ACK)) {
			long n = ack.count() == null ? 1 : ack.count();
			for (long i = 0; i < n; i++) {
				serials.add(ack.msgSerial() + i);
			}
		}
		return serials;
	}
}
