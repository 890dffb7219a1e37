package io.github.ablyspring.server.realtime.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.github.ablyspring.protocol.ErrorCodes;
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

/** RTN16: recovering a connection from its connectionKey on a new socket. */
class RecoverTest {

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
	void RTN16_recoverKeepsTheConnectionIdAndDeliversQueuedMessages(WireFormat format) {
		String channel = "recover-" + format;
		try (WsClient publisher = WsClient.connect(server, format, "key=" + KEY)) {
			WsClient first = WsClient.connect(server, format, "key=" + KEY);
			String id = first.connectionId();
			String key = first.connectionKey();
			first.attach(channel);

			server.faults().dropConnections(id);
			first.awaitClosed();
			for (int i = 0; i < 3; i++) {
				publisher.send(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel).msgSerial((long) i)
					.messages(List.of(Message.of("queued-" + i, "x")))
					.build());
			}
			Awaitility.await().until(() -> publisher.received(ProtocolAction.ACK).size() == 3);

			try (WsClient recovered = WsClient.open(server, format, "key=" + KEY + "&recover=" + key)) {
				ProtocolMessage connected = recovered.connected();
				assertThat(connected.connectionId()).isEqualTo(id);
				assertThat(connected.error()).isNull();
				recovered.attach(channel);
				Awaitility.await().until(() -> recovered.received(ProtocolAction.MESSAGE).size() == 3);
				assertThat(recovered.received(ProtocolAction.MESSAGE)
					.stream()
					.flatMap(m -> m.messages().stream())
					.map(Message::name)).containsExactly("queued-0", "queued-1", "queued-2");
			}
		}
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void RTN16_unknownRecoverKeyConnectsAfreshWith80018(WireFormat format) {
		try (WsClient client = WsClient.open(server, format, "key=" + KEY + "&recover=nosuch!key-abc")) {
			ProtocolMessage connected = client.connected();
			assertThat(connected.connectionId()).isNotBlank();
			assertThat(connected.error()).isNotNull();
			assertThat(connected.error().code()).isEqualTo(ErrorCodes.INVALID_CONNECTION_KEY);
			client.attach("after-failed-recover");
		}
	}
}
