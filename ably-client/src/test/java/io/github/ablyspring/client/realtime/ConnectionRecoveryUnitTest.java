package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/connection/connection_recovery_test.md: recovery keys and the recover option (RTN16). */
class ConnectionRecoveryUnitTest extends ConnectionUnitTestBase {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final List<MockWebSocket.PendingConnection> attempts = new CopyOnWriteArrayList<>();

	/** The server answers each ATTACH with an ATTACHED carrying {@code serials}' serial for the channel. */
	private void attachWith(Map<String, String> serials) {
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.ATTACHED).channel(m.channel())
					.channelSerial(serials.get(m.channel())).build());
			}
		});
	}

	private static String recoveryKey(String connectionKey, long msgSerial, Map<String, String> serials) {
		return new RecoveryKey(connectionKey, msgSerial, serials).encode();
	}

	private @org.jspecify.annotations.Nullable String createRecoveryKey() {
		return client.connection().createRecoveryKey().join();
	}

	@Test
	void RTN16g_RTN16g1_recoveryKeyHoldsKeySerialAndChannelSerials() throws Exception {
		newClient();
		String unicode = "channel-éàü-世界";
		attachWith(Map.of("channel-alpha", "serial-a-001", unicode, "serial-b-002"));
		connect("connection-id", "key-abc-123");
		client.channels().get("channel-alpha").attach().get(5, TimeUnit.SECONDS);
		client.channels().get(unicode).attach().get(5, TimeUnit.SECONDS);
		String key = createRecoveryKey();
		assertThat(key).isNotNull();
		JsonNode json = JSON.readTree(key);
		assertThat(json.get("connectionKey").asString()).isEqualTo("key-abc-123");
		assertThat(json.get("msgSerial").asLong()).isZero();
		assertThat(json.get("channelSerials").get("channel-alpha").asString()).isEqualTo("serial-a-001");
		assertThat(json.get("channelSerials").get(unicode).asString()).isEqualTo("serial-b-002");
		JsonNode again = JSON.readTree(JSON.writeValueAsString(json));
		assertThat(again.get("channelSerials").get(unicode).asString()).isEqualTo("serial-b-002");
	}

	@Test
	void RTN16g2_noRecoveryKeyBeforeConnectingNorWhenClosingOrClosed() {
		newClient();
		assertThat(createRecoveryKey()).isNull();
		MockWebSocket.PendingConnection c = connect("connection-id", "connection-key");
		assertThat(createRecoveryKey()).isNotNull();
		client.connection().close();
		awaitState(ConnectionState.CLOSING);
		assertThat(createRecoveryKey()).isNull();
		c.sendToClient(ProtocolMessage.of(ProtocolAction.CLOSED));
		awaitState(ConnectionState.CLOSED);
		assertThat(createRecoveryKey()).isNull();
	}

	@Test
	void RTN16g2_noRecoveryKeyWhenFailed() {
		newClient();
		MockWebSocket.PendingConnection c = connect("connection-id", "connection-key");
		c.sendToClientAndClose(error(50000, 500, "Fatal error"));
		awaitState(ConnectionState.FAILED);
		assertThat(createRecoveryKey()).isNull();
	}

	@Test
	void RTN16g2_noRecoveryKeyWhenSuspended() {
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofMillis(500))));
		AtomicInteger n = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			if (n.incrementAndGet() == 1) {
				c.respondWithSuccess(connected("connection-id", "connection-key", 15_000L, 2_000L));
			}
			else {
				c.respondWithRefused();
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().simulateDisconnect(null);
		for (int i = 0; i < 10 && client.connection().state() != ConnectionState.SUSPENDED; i++) {
			clock.advance(Duration.ofMillis(1500));
		}
		awaitState(ConnectionState.SUSPENDED);
		assertThat(createRecoveryKey()).isNull();
	}

	@Test
	void RTN16k_recoverParamOnTheFirstAttemptOnlyThenResume() {
		newClient(b -> b.realtime(r -> r.recover(recoveryKey("recovered-key-xyz", 5, Map.of()))));
		mock.onConnectionAttempt(c -> {
			attempts.add(c);
			c.respondWithSuccess(attempts.size() == 1 ? connected("recovered-conn-id", "new-key-after-recovery")
					: connected("recovered-conn-id", "key-after-resume"));
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		mock.active().simulateDisconnect(null);
		clock.settle();
		awaitState(ConnectionState.CONNECTED);
		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(0).params()).containsEntry("recover", "recovered-key-xyz").doesNotContainKey("resume");
		assertThat(attempts.get(1).params()).containsEntry("resume", "new-key-after-recovery")
			.doesNotContainKey("recover");
	}

	@Test
	void RTN16f_msgSerialStartsFromTheRecoveryKey() throws Exception {
		newClient(b -> b.realtime(r -> r.recover(recoveryKey("recovered-key", 42, Map.of("test-channel", "s-1")))));
		attachWith(Map.of("test-channel", "s-2"));
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connected("recovered-conn", "recovered-key-2")));
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		RealtimeChannel channel = client.channels().get("test-channel");
		channel.attach().get(5, TimeUnit.SECONDS);
		channel.publish("event", "data");
		ProtocolMessage frame = null;
		for (int i = 0; i < 5 && frame == null; i++) {
			ProtocolMessage m = mock.awaitNextMessageFromClient();
			if (m.action() == ProtocolAction.MESSAGE) {
				frame = m;
			}
		}
		assertThat(frame).isNotNull();
		assertThat(frame.msgSerial()).isEqualTo(42L);
	}

	@Test
	void RTN16f1_malformedRecoveryKeyConnectsAsIfNoneWasGiven() {
		newClient(b -> b.realtime(r -> r.recover("this-is-not-valid-json!!!")));
		mock.onConnectionAttempt(c -> {
			attempts.add(c);
			c.respondWithSuccess(connected("fresh-conn", "fresh-key"));
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		assertThat(client.connection().id()).isEqualTo("fresh-conn");
		assertThat(client.connection().key()).isEqualTo("fresh-key");
		assertThat(attempts).hasSize(1);
		assertThat(attempts.get(0).params()).doesNotContainKeys("recover", "resume");
	}

	@Test
	void RTN16j_RTN16i_channelsOfTheRecoveryKeyExistWithTheirSerialsButStayInitialized() throws Exception {
		String unicode = "channel-üñîçöðé";
		newClient(b -> b.realtime(r -> r.recover(recoveryKey("recovered-key", 0,
				Map.of("channel-one", "serial-1-abc", "channel-two", "serial-2-def", unicode, "serial-3-unicode")))));
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connected("recovered-conn", "recovered-key-2")));
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		assertThat(client.channels().exists("channel-one")).isTrue();
		RealtimeChannel one = client.channels().get("channel-one");
		assertThat(one.properties().channelSerial()).isEqualTo("serial-1-abc");
		assertThat(client.channels().get("channel-two").properties().channelSerial()).isEqualTo("serial-2-def");
		assertThat(client.channels().get(unicode).properties().channelSerial()).isEqualTo("serial-3-unicode");
		assertThat(client.channels().all()).allMatch(c -> c.state() == ChannelState.INITIALIZED);
		attachWith(Map.of("channel-one", "serial-1-new"));
		one.attach().get(5, TimeUnit.SECONDS);
		ProtocolMessage attach = mock.awaitNextMessageFromClient();
		assertThat(attach.action()).isEqualTo(ProtocolAction.ATTACH);
		assertThat(attach.channel()).isEqualTo("channel-one");
		assertThat(attach.channelSerial()).isEqualTo("serial-1-abc");
		assertThat(one.state()).isEqualTo(ChannelState.ATTACHED);
	}
}
