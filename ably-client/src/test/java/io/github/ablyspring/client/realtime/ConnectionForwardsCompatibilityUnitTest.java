package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** uts/realtime/unit/connection/forwards_compatibility_test.md: unknown fields and actions are ignored (RTF1, RSF1). */
class ConnectionForwardsCompatibilityUnitTest extends ConnectionUnitTestBase {

	final List<Message> received = new CopyOnWriteArrayList<>();

	private RealtimeChannel attached(String name) throws Exception {
		newClient(b -> b.useBinaryProtocol(false));
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.ATTACHED).channel(m.channel()).flags(0L).build());
			}
		});
		connect("connection-id", "connection-key");
		RealtimeChannel channel = client.channels().get(name);
		channel.subscribe(received::add);
		channel.attach().get(5, TimeUnit.SECONDS);
		return channel;
	}

	private void awaitReceived(int count) {
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			clock.settle();
			return received.size() >= count;
		});
	}

	@Test
	void RTF1_unknownProtocolMessageFieldsAreIgnored() throws Exception {
		RealtimeChannel channel = attached("test-RTF1");
		mock.active().sendToClientRaw("""
				{"action":15,"channel":"test-RTF1",
				 "messages":[{"name":"test-event","data":"hello","serial":"msg-serial-1"}],
				 "unknownField1":"some-future-value","unknownField2":42,
				 "unknownNestedObject":{"nestedKey":"nestedValue"},"unknownArray":[1,2,3]}""");
		awaitReceived(1);
		assertThat(received).hasSize(1);
		assertThat(received.get(0).name()).isEqualTo("test-event");
		assertThat(received.get(0).data()).isEqualTo("hello");
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
	}

	@Test
	void RTF1_unknownActionIsIgnored() {
		newClient(b -> b.useBinaryProtocol(false));
		MockWebSocket.PendingConnection c = connect("connection-id", "connection-key");
		c.sendToClientRaw("{\"action\":99,\"channel\":\"x\",\"futureField\":true}");
		c.sendToClient(ProtocolMessage.of(ProtocolAction.HEARTBEAT));
		clock.settle();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(states()).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
		assertThat(mock.events).contains("MESSAGE_TO_CLIENT UNKNOWN");
	}

	@Test
	void RSF1_unknownMessageFieldsAreIgnored() throws Exception {
		RealtimeChannel channel = attached("test-RSF1");
		mock.active().sendToClientRaw("""
				{"action":15,"channel":"test-RSF1","messages":[
				 {"name":"event-1","data":"payload-1","futureMessageField":"x","futureObject":{"a":1}},
				 {"name":"event-2","data":"payload-2","futureFlags":[1,2]}]}""");
		awaitReceived(2);
		assertThat(received).extracting(Message::name).containsExactly("event-1", "event-2");
		assertThat(received).extracting(Message::data).containsExactly("payload-1", "payload-2");
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
	}
}
