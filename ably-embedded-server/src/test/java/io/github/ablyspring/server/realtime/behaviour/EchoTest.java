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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RTN2b / TO3h: {@code echo=false} keeps a connection's own messages from coming back to it. */
class EchoTest {

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
	void RTN2b_echoFalseSkipsThePublisherButNotOthers(WireFormat format) {
		String channel = "echo-" + format;
		try (WsClient quiet = WsClient.connect(server, format, "key=" + KEY + "&echo=false");
				WsClient other = WsClient.connect(server, format, "key=" + KEY)) {
			quiet.attach(channel);
			other.attach(channel);
			quiet.send(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel).msgSerial(0L)
				.messages(List.of(Message.of("mine", "x")))
				.build());
			quiet.await(ProtocolAction.ACK);
			assertThat(other.await(ProtocolAction.MESSAGE).messages().get(0).name()).isEqualTo("mine");

			// The other connection (echo on by default) does get its own.
			other.send(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel).msgSerial(0L)
				.messages(List.of(Message.of("theirs", "y")))
				.build());
			quiet.await(m -> m.action() == ProtocolAction.MESSAGE && "theirs".equals(m.messages().get(0).name()));
			Awaitility.await().until(() -> other.received(ProtocolAction.MESSAGE).size() == 2);

			Awaitility.await()
				.during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(3))
				.until(() -> quiet.received(ProtocolAction.MESSAGE)
					.stream()
					.noneMatch(m -> "mine".equals(m.messages().get(0).name())));
		}
	}
}
