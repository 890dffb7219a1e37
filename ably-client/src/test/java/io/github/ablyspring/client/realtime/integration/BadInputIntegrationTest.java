package io.github.ablyspring.client.realtime.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ChannelState;
import io.github.ablyspring.client.realtime.ChannelStateChange;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.ConnectionStateChange;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bad input from the server over a real socket: frames the client cannot decode, actions it does not know, and valid
 * ProtocolMessages it never expects in its state (for channels it does not have, ACKs for messages it never sent).
 * Each is dropped with a log line (RTF1: unknown actions are ignored); the user sees no exception and no state change,
 * and the connection keeps working: ping, publish with ACK, delivery on an attached channel, a new attach.
 */
class BadInputIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	/** What the server sends: to a connection id, in the connection's format (binary = msgpack). */
	private record Injection(String name, Inject inject) {

		@Override
		public String toString() {
			return name;
		}
	}

	@FunctionalInterface
	private interface Inject {

		void send(String connectionId, boolean binary);
	}

	static Stream<Arguments> cases() {
		List<Injection> injections = List.of(
				raw("malformed frame", "{\"action\":15,\"channel\":", new byte[] { (byte) 0xc1, 0x00, 0x13 }),
				raw("not a ProtocolMessage", "[1,2,3]", new byte[] { (byte) 0x93, 1, 2, 3 }),
				raw("unknown action 99", "{\"action\":99,\"channel\":\"bad-input\"}", msgpackActionMap(99)),
				raw("wrongly typed fields", "{\"action\":\"attached\",\"msgSerial\":\"x\",\"messages\":7}",
						new byte[] { (byte) 0x81, (byte) 0xa6, 'a', 'c', 't', 'i', 'o', 'n', (byte) 0xa3, 'b', 'a',
								'd' }),
				message("ATTACHED for an unknown channel",
						ProtocolMessage.builder(ProtocolAction.ATTACHED).channel("never-heard-of").build()),
				message("DETACHED for an unknown channel", ProtocolMessage.builder(ProtocolAction.DETACHED)
					.channel("never-heard-of")
					.error(ErrorInfo.of(90198, 500, "bogus"))
					.build()),
				message("MESSAGE for an unknown channel", ProtocolMessage.builder(ProtocolAction.MESSAGE)
					.channel("never-heard-of")
					.messages(List.of(Message.of("ghost", "boo")))
					.build()),
				message("PRESENCE and SYNC for an unknown channel", ProtocolMessage.builder(ProtocolAction.SYNC)
					.channel("never-heard-of")
					.channelSerial("seq:")
					.presence(List.of(PresenceMessage.of(PresenceAction.PRESENT, "ghost", null)))
					.build()),
				message("channel ERROR for an unknown channel", ProtocolMessage.builder(ProtocolAction.ERROR)
					.channel("never-heard-of")
					.error(ErrorInfo.of(90001, 400, "bogus channel error"))
					.build()),
				message("ACK for a message never sent",
						ProtocolMessage.builder(ProtocolAction.ACK).msgSerial(9_999L).count(3).build()),
				message("NACK for a message never sent", ProtocolMessage.builder(ProtocolAction.NACK)
					.msgSerial(9_999L)
					.count(1)
					.error(ErrorInfo.of(50000, 500, "bogus nack"))
					.build()),
				message("channel message without a channel", ProtocolMessage.builder(ProtocolAction.MESSAGE)
					.messages(List.of(Message.of("orphan", "x")))
					.build()));
		return injections.stream()
			.flatMap(i -> Stream.of(Arguments.of("json", i), Arguments.of("msgpack", i)));
	}

	@ParameterizedTest(name = "{1} [{0}]")
	@MethodSource("cases")
	void RTF1_RTN_RTL_unexpectedInputIsDroppedAndTheConnectionKeepsWorking(String format, Injection injection)
			throws Exception {
		boolean binary = "msgpack".equals(format);
		String name = "bad-input-" + UUID.randomUUID();
		try (AblyRealtime client = new AblyRealtime(
				EmbeddedServer.options(server).key(EmbeddedServer.KEY).useBinaryProtocol(binary).build());
				AblyRealtime publisher = new AblyRealtime(
						EmbeddedServer.options(server).key(EmbeddedServer.KEY).useBinaryProtocol(binary).build())) {
			RealtimeChannel channel = client.channels().get(name);
			List<Message> received = new CopyOnWriteArrayList<>();
			channel.subscribe(received::add);
			channel.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			List<ConnectionStateChange> connectionChanges = new CopyOnWriteArrayList<>();
			List<ChannelStateChange> channelChanges = new CopyOnWriteArrayList<>();
			client.connection().on(connectionChanges::add);
			channel.on(channelChanges::add);
			String connectionId = client.connection().id();

			injection.inject().send(connectionId, binary);
			// The connection keeps working: everything below goes over the same socket, after the injection.
			assertThat(client.connection().ping().get(5, TimeUnit.SECONDS)).isLessThan(Duration.ofSeconds(1));
			channel.publish("own", "after " + injection.name()).get(5, TimeUnit.SECONDS);
			publisher.channels().get(name).publish("theirs", "still delivered").get(5, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
			assertThat(received).extracting(Message::name).containsExactly("own", "theirs");
			RealtimeChannel fresh = client.channels().get(name + "-fresh");
			fresh.attach().get(5, TimeUnit.SECONDS);
			assertThat(fresh.state()).isEqualTo(ChannelState.ATTACHED);

			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
			assertThat(client.connection().id()).as("same connection, not a reconnect").isEqualTo(connectionId);
			assertThat(connectionChanges).as("connection state changes").isEmpty();
			assertThat(channelChanges).as("channel state changes").isEmpty();
			assertThat(client.channels().exists("never-heard-of")).as("no channel made up from server input")
				.isFalse();
		}
	}

	private static Injection raw(String name, String json, byte[] msgpack) {
		return new Injection(name, (id, binary) -> server.faults()
			.sendRawFrame(id, binary ? msgpack : json.getBytes(StandardCharsets.UTF_8)));
	}

	private static Injection message(String name, ProtocolMessage message) {
		return new Injection(name, (id, binary) -> server.faults().send(id, message));
	}

	/** {@code {"action": code}} in msgpack: a one-entry map, a 6-byte fixstr key, a positive fixint. */
	private static byte[] msgpackActionMap(int code) {
		return new byte[] { (byte) 0x81, (byte) 0xa6, 'a', 'c', 't', 'i', 'o', 'n', (byte) code };
	}
}
