package io.github.ablyspring.server.realtime.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RTN14: an auth failure on connect is an in-band ERROR, then the socket closes; others are unaffected. */
class ConnectAuthFailureTest {

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
	void RTN14a_wrongSecretGetsError40101ThenCloseAndTheServerStaysUp(WireFormat format) {
		try (WsClient bystander = WsClient.connect(server, format, "key=" + KEY)) {
			bystander.attach("room");

			WsClient refused = WsClient.open(server, format, "key=app.key:wrong");
			try {
				ErrorInfo error = refused.await(ProtocolAction.ERROR).error();
				assertThat(error.code()).isEqualTo(ErrorCodes.INVALID_CREDENTIALS);
				assertThat(error.statusCode()).isEqualTo(401);
				refused.awaitClosed();
				assertThat(refused.received(ProtocolAction.CONNECTED)).isEmpty();
			}
			finally {
				refused.abort();
			}

			bystander.send(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel("room").msgSerial(0L)
				.messages(List.of(Message.of("still", "here")))
				.build());
			bystander.await(m -> m.action() == ProtocolAction.ACK);
			bystander.await(ProtocolAction.MESSAGE);
			try (WsClient later = WsClient.connect(server, format, "key=" + KEY)) {
				assertThat(later.connectionId()).isNotBlank();
			}
		}
	}
}
