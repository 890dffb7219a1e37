package io.github.ablyspring.server.realtime.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad input on a realtime connection: it affects that connection only, and the server keeps serving. */
class BadInputTest {

	private static final String KEY = "app.key:secret";

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key(KEY).maxFrameSize(4096).build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void malformedJsonFrameGetsError40001ThenCloseOthersUnaffected() {
		assertMalformedClosesOnlyThatConnection(WireFormat.JSON, "{\"action\": 10, \"channel\": ".getBytes(
				StandardCharsets.UTF_8));
	}

	@Test
	void truncatedMsgpackFrameGetsError40001ThenCloseOthersUnaffected() {
		byte[] whole = WireCodec.of(WireFormat.MSGPACK, 5).encode(ProtocolMessage.builder(ProtocolAction.MESSAGE)
			.channel("truncated")
			.msgSerial(0L)
			.messages(List.of(Message.of("name", "some data that will be cut")))
			.build(), WireTypes.PROTOCOL_MESSAGE);
		assertMalformedClosesOnlyThatConnection(WireFormat.MSGPACK, Arrays.copyOf(whole, whole.length / 2));
	}

	private static void assertMalformedClosesOnlyThatConnection(WireFormat format, byte[] frame) {
		try (WsClient bystander = WsClient.connect(server, format, "key=" + KEY)) {
			bystander.attach("bad-input");
			WsClient offender = WsClient.connect(server, format, "key=" + KEY);
			try {
				offender.sendRaw(frame);
				ErrorInfo error = offender.await(ProtocolAction.ERROR).error();
				assertThat(error.code()).isEqualTo(ErrorCodes.INVALID_REQUEST_BODY);
				assertThat(error.statusCode()).isEqualTo(400);
				offender.awaitClosed();
			}
			finally {
				offender.abort();
			}
			assertUsable(bystander, "bad-input");
		}
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void unknownActionIsIgnoredAndTheConnectionStaysUsable(WireFormat format) {
		try (WsClient client = WsClient.connect(server, format, "key=" + KEY)) {
			byte[] unknown = format == WireFormat.JSON ? "{\"action\":99}".getBytes(StandardCharsets.UTF_8)
					// msgpack {"action": 99}: fixmap(1), fixstr(6) "action", positive fixint 99
					: new byte[] { (byte) 0x81, (byte) 0xA6, 'a', 'c', 't', 'i', 'o', 'n', 0x63 };
			client.sendRaw(unknown);
			client.attach("after-unknown-" + format);
			assertThat(client.received(ProtocolAction.ERROR)).isEmpty();
			assertThat(client.isClosed()).isFalse();
			assertUsable(client, "after-unknown-" + format);
		}
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void oversizedFrameClosesTheConnectionWithAnErrorAndTheServerKeepsServing(WireFormat format) {
		try (WsClient bystander = WsClient.connect(server, format, "key=" + KEY)) {
			bystander.attach("oversized");
			WsClient offender = WsClient.connect(server, format, "key=" + KEY);
			try {
				byte[] frame = WireCodec.of(format, 5).encode(ProtocolMessage.builder(ProtocolAction.MESSAGE)
					.channel("oversized")
					.msgSerial(0L)
					.messages(List.of(Message.of("big", "x".repeat(10 * 1024))))
					.build(), WireTypes.PROTOCOL_MESSAGE);
				offender.sendRaw(frame);
				int status = offender.awaitClosed();
				// A WebSocket close with 1009 (message too big), as Ably's frontends answer an oversized frame.
				assertThat(status).isEqualTo(1009);
			}
			finally {
				offender.abort();
			}
			assertThat(bystander.received(ProtocolAction.MESSAGE)).isEmpty();
			assertUsable(bystander, "oversized");
			try (WsClient later = WsClient.connect(server, format, "key=" + KEY)) {
				later.attach("oversized-later");
			}
		}
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void oversizedFragmentedMessageClosesTheConnectionWithAnErrorAndTheServerKeepsServing(WireFormat format) {
		try (WsClient bystander = WsClient.connect(server, format, "key=" + KEY)) {
			bystander.attach("oversized-fragments");
			WsClient offender = WsClient.connect(server, format, "key=" + KEY);
			try {
				byte[] message = WireCodec.of(format, 5).encode(ProtocolMessage.builder(ProtocolAction.MESSAGE)
					.channel("oversized-fragments")
					.msgSerial(0L)
					.messages(List.of(Message.of("big", "x".repeat(10 * 1024))))
					.build(), WireTypes.PROTOCOL_MESSAGE);
				// Every frame is under maxFrameSize; the message they make is not.
				offender.sendFragmented(message, 2048);
				assertThat(offender.awaitClosed()).isEqualTo(1009);
			}
			finally {
				offender.abort();
			}
			assertThat(bystander.received(ProtocolAction.MESSAGE)).isEmpty();
			assertUsable(bystander, "oversized-fragments");
		}
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void RTN15i_malformedFrameFailsTheConnectionItsMembersLeaveAndItCannotBeResumed(WireFormat format) {
		String channel = "malformed-presence-" + format;
		try (WsClient observer = WsClient.connect(server, format, "key=" + KEY)) {
			observer.attach(channel);
			WsClient offender = WsClient.connect(server, format, "key=" + KEY + "&clientId=offender");
			String key = offender.connectionKey();
			try {
				offender.attach(channel);
				offender.send(ProtocolMessage.builder(ProtocolAction.PRESENCE).channel(channel).msgSerial(0L)
					.presence(List.of(io.github.ablyspring.protocol.PresenceMessage
						.of(io.github.ablyspring.protocol.PresenceAction.ENTER, null, "here")))
					.build());
				observer.await(ProtocolAction.PRESENCE);
				offender.sendRaw(format == WireFormat.JSON ? "{oops".getBytes(StandardCharsets.UTF_8)
						: new byte[] { (byte) 0x82, (byte) 0xA6 });
				assertThat(offender.await(ProtocolAction.ERROR).error().code()).isBetween(40000, 40099);
				offender.awaitClosed();
			}
			finally {
				offender.abort();
			}
			// The ERROR failed the connection: its member leaves now (not after the 15 s grace) ...
			observer.await(m -> m.action() == ProtocolAction.PRESENCE
					&& m.presence().get(0).action() == io.github.ablyspring.protocol.PresenceAction.LEAVE);
			// ... and its key no longer resumes it.
			try (WsClient again = WsClient.open(server, format, "key=" + KEY + "&clientId=offender&resume=" + key)) {
				assertThat(again.connected().error()).isNotNull();
				assertThat(again.connected().error().code()).isEqualTo(ErrorCodes.INVALID_CONNECTION_KEY);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void RTL4_attachWithAnInvalidChannelNameGetsChannelError40010AndTheConnectionStays(WireFormat format) {
		try (WsClient client = WsClient.connect(server, format, "key=" + KEY)) {
			String invalid = "bad\u0001name";
			client.send(ProtocolMessage.builder(ProtocolAction.ATTACH).channel(invalid).build());
			ProtocolMessage error = client.await(ProtocolAction.ERROR);
			assertThat(error.channel()).isEqualTo(invalid);
			assertThat(error.error().code()).isEqualTo(ErrorCodes.INVALID_CHANNEL_NAME);
			client.send(ProtocolMessage.builder(ProtocolAction.ATTACH).channel("[unterminated").build());
			client.await(m -> m.action() == ProtocolAction.ERROR && "[unterminated".equals(m.channel()));
			assertUsable(client, "valid-after-invalid");
			assertThat(client.isClosed()).isFalse();
		}
	}

	/** Attaches (if needed), publishes and receives its own message back, ACKed. */
	private static void assertUsable(WsClient client, String channel) {
		if (client.received().stream().noneMatch(m -> m.action() == ProtocolAction.ATTACHED
				&& channel.equals(m.channel()))) {
			client.attach(channel);
		}
		long serial = 1000 + client.received(ProtocolAction.ACK).size();
		client.send(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel).msgSerial(serial)
			.messages(List.of(Message.of("probe-" + serial, "ok")))
			.build());
		client.await(m -> m.action() == ProtocolAction.ACK && m.msgSerial() == serial);
		client.await(m -> m.action() == ProtocolAction.MESSAGE && ("probe-" + serial).equals(m.messages().get(0).name()));
		Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> !client.isClosed());
	}
}
