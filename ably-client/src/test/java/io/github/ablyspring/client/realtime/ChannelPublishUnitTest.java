package io.github.ablyspring.client.realtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/channels/channel_publish.md: RTL6, with the RTN7d/RTN7e/RTN19 cases on pending publishes. */
class ChannelPublishUnitTest extends ChannelUnitTestSupport {

	private static final ChannelOptions NO_IMPLICIT_ATTACH = ChannelOptions.builder().attachOnSubscribe(false).build();

	private final ObjectMapper json = JsonMapper.builder().build();

	private RealtimeChannel channel(String name) {
		return client.channels().get(name, NO_IMPLICIT_ATTACH);
	}

	/** ATTACH → ATTACHED; MESSAGE → ACK with serials {@code serial-<msgSerial>-<i>}. */
	private void serveAttachAndAck() {
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
			else if (m.action() == ProtocolAction.MESSAGE) {
				c.sendToClient(ack(m.msgSerial(), "serial-" + m.msgSerial()));
			}
		});
	}

	/** ATTACH → ATTACHED; MESSAGE unanswered. */
	private void serveAttachOnly() {
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
		});
	}

	private static ProtocolMessage ack(Long msgSerial, String... serials) {
		return ProtocolMessage.builder(ProtocolAction.ACK).msgSerial(msgSerial).count(1)
			.res(List.of(new PublishResult(java.util.Arrays.asList(serials))))
			.build();
	}

	private List<ProtocolMessage> published() {
		return sent(ProtocolAction.MESSAGE);
	}

	@Test
	void RTL6i1_nameAndDataMakeOneProtocolMessageWithOneMessage() {
		connectedClient();
		serveAttachAndAck();
		RealtimeChannel channel = channel("test-RTL6i1");
		await(channel.attach());
		await(channel.publish("greeting", "hello"));

		assertThat(published()).singleElement().satisfies(pm -> {
			assertThat(pm.channel()).isEqualTo("test-RTL6i1");
			assertThat(pm.messages()).singleElement().satisfies(m -> {
				assertThat(m.name()).isEqualTo("greeting");
				assertThat(m.data()).isEqualTo("hello");
			});
		});
	}

	@Test
	void RTL6i2_anArrayOfMessagesGoesInOneProtocolMessage() {
		connectedClient();
		serveAttachAndAck();
		RealtimeChannel channel = channel("test-RTL6i2");
		await(channel.attach());
		await(channel.publish(List.of(Message.of("event1", "data1"), Message.of("event2", "data2"),
				Message.of("event3", "data3"))));

		assertThat(published()).singleElement()
			.satisfies(pm -> assertThat(pm.messages()).extracting(Message::name)
				.containsExactly("event1", "event2", "event3"));
	}

	@Test
	void RTL6i3_nullNameAndDataAreLeftOutOfTheJsonWireForm() throws Exception {
		connectedClient();
		serveAttachAndAck();
		RealtimeChannel channel = channel("test-RTL6i3");
		await(channel.attach());
		await(channel.publish("click", null));
		await(channel.publish(null, "payload"));
		await(channel.publish(null, null));

		WireCodec codec = WireCodec.of(WireFormat.JSON);
		List<JsonNode> frames = published().stream()
			.map(pm -> json.readTree(new String(codec.encode(pm, WireTypes.PROTOCOL_MESSAGE), StandardCharsets.UTF_8)))
			.toList();
		assertThat(frames).hasSize(3);
		JsonNode m0 = frames.get(0).get("messages").get(0);
		assertThat(m0.get("name").asString()).isEqualTo("click");
		assertThat(m0.has("data")).isFalse();
		JsonNode m1 = frames.get(1).get("messages").get(0);
		assertThat(m1.has("name")).isFalse();
		assertThat(m1.get("data").asString()).isEqualTo("payload");
		JsonNode m2 = frames.get(2).get("messages").get(0);
		assertThat(m2.has("name")).isFalse();
		assertThat(m2.has("data")).isFalse();
	}

	@Test
	void RTL6i3_nullNameAndDataAreLeftOutOfTheMsgpackWireForm() throws Exception {
		connectedClient();
		serveAttachAndAck();
		RealtimeChannel channel = channel("test-RTL6i3-msgpack");
		await(channel.attach());
		await(channel.publish("click", null));
		await(channel.publish(null, "payload"));
		await(channel.publish(null, null));

		WireCodec codec = WireCodec.of(WireFormat.MSGPACK);
		List<Map<String, org.msgpack.value.Value>> frames = new java.util.ArrayList<>();
		for (ProtocolMessage pm : published()) {
			org.msgpack.value.Value frame = org.msgpack.core.MessagePack
				.newDefaultUnpacker(codec.encode(pm, WireTypes.PROTOCOL_MESSAGE)).unpackValue();
			org.msgpack.value.Value first = frame.asMapValue().map()
				.get(org.msgpack.value.ValueFactory.newString("messages")).asArrayValue().get(0);
			Map<String, org.msgpack.value.Value> fields = new java.util.HashMap<>();
			first.asMapValue().map().forEach((k, v) -> fields.put(k.asStringValue().asString(), v));
			frames.add(fields);
		}
		assertThat(frames).hasSize(3);
		assertThat(frames.get(0).get("name").asStringValue().asString()).isEqualTo("click");
		assertThat(frames.get(0)).doesNotContainKey("data");
		assertThat(frames.get(1)).doesNotContainKey("name");
		assertThat(frames.get(1).get("data").asStringValue().asString()).isEqualTo("payload");
		assertThat(frames.get(2)).doesNotContainKeys("name", "data");
	}

	@Test
	void RTL6c1_publishesAtOnceWhenConnectedAndAttached() {
		connectedClient();
		serveAttachAndAck();
		RealtimeChannel channel = channel("test-RTL6c1");
		await(channel.attach());
		channel.publish("test", "immediate");
		clock.settle();
		assertThat(published()).singleElement()
			.satisfies(pm -> assertThat(pm.messages().get(0).data()).isEqualTo("immediate"));
	}

	@Test
	void RTL6c1_publishesAtOnceWhileAttaching() {
		connectedClient();
		RealtimeChannel channel = channel("test-RTL6c1-attaching");
		channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		channel.publish("while-attaching", "data");
		clock.settle();
		assertThat(published()).singleElement()
			.satisfies(pm -> assertThat(pm.messages().get(0).name()).isEqualTo("while-attaching"));
	}

	@Test
	void RTL6c1_RTL6c5_publishesAtOnceOnAnInitializedChannelWithoutAttaching() {
		connectedClient();
		serveAttachAndAck();
		RealtimeChannel channel = channel("test-RTL6c5");
		await(channel.publish("no-attach", "test"));
		assertThat(published()).singleElement()
			.satisfies(pm -> assertThat(pm.messages().get(0).name()).isEqualTo("no-attach"));
		assertThat(channel.state()).isEqualTo(ChannelState.INITIALIZED);
		assertThat(sent(ProtocolAction.ATTACH)).isEmpty();
	}

	@Test
	void RTL6c2_queuedWhileConnectingAndSentInOrderOnceConnected() {
		newClient();
		java.util.concurrent.atomic.AtomicReference<MockWebSocket.PendingConnection> pending =
				new java.util.concurrent.atomic.AtomicReference<>();
		mock.onConnectionAttempt(pending::set);
		RealtimeChannel channel = channel("test-RTL6c2");
		client.connect();
		awaitUntil(() -> pending.get() != null);
		channel.publish("first", "1");
		channel.publish("second", "2");
		channel.publish("third", "3");
		clock.settle();
		assertThat(published()).isEmpty();

		pending.get().respondWithSuccess(RealtimeUnitSupport.connected("conn-1", "key-1"));
		clock.settle();
		// Queued messages may be bundled (RTL6d, kept by this client), so the order is checked across frames.
		assertThat(published().stream().flatMap(pm -> pm.messages().stream()).map(Message::name))
			.containsExactly("first", "second", "third");
	}

	@Test
	void RTL6d_queuedPublishesToOneChannelAreBundledAndEachCallGetsItsOwnSerials() {
		newClient();
		java.util.concurrent.atomic.AtomicReference<MockWebSocket.PendingConnection> pending =
				new java.util.concurrent.atomic.AtomicReference<>();
		mock.onConnectionAttempt(pending::set);
		serve((c, m) -> {
			if (m.action() == ProtocolAction.MESSAGE) {
				String[] serials = m.messages().stream().map(msg -> "s-" + msg.name()).toArray(String[]::new);
				c.sendToClient(ack(m.msgSerial(), serials));
			}
		});
		RealtimeChannel channel = channel("test-RTL6d");
		client.connect();
		awaitUntil(() -> pending.get() != null);
		CompletableFuture<PublishResult> one = channel.publish("one", "1");
		CompletableFuture<PublishResult> two = channel.publish(List.of(Message.of("two", "2"), Message.of("three", "3")));
		clock.settle();
		pending.get().respondWithSuccess(RealtimeUnitSupport.connected("conn-1", "key-1"));

		assertThat(await(one).serials()).containsExactly("s-one");
		assertThat(await(two).serials()).containsExactly("s-two", "s-three");
		assertThat(published()).singleElement()
			.satisfies(pm -> assertThat(pm.messages()).extracting(Message::name).containsExactly("one", "two",
					"three"));
	}

	@Test
	void RTL6c2_queuedWhileDisconnectedAndSentOnReconnect() {
		connectedClient(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1)));
		serveAttachAndAck();
		RealtimeChannel channel = channel("test-RTL6c2-disconnected");
		mock.onConnectionAttempt(c -> {
		});
		mock.active().simulateDisconnect(null);
		awaitUntil(() -> client.connection().state() != ConnectionState.CONNECTED);
		CompletableFuture<PublishResult> result = channel.publish("during-disconnect", "queued");
		clock.settle();
		assertThat(published()).isEmpty();

		allowConnections();
		advanceUntil(Duration.ofMillis(500), 80, () -> client.connection().state() == ConnectionState.CONNECTED);
		await(result);
		assertThat(published()).filteredOn(pm -> "during-disconnect".equals(pm.messages().get(0).name())).hasSize(1);
	}

	@Test
	void RTN7d_withoutQueueMessagesUnackedPublishesFailOnDisconnected() {
		connectedClient(r -> r.queueMessages(false));
		serveAttachOnly();
		RealtimeChannel channel = channel("test-RTN7d");
		await(channel.attach());
		CompletableFuture<PublishResult> result = channel.publish("unacked", "data");
		clock.settle();
		assertThat(published()).hasSize(1);
		mock.onConnectionAttempt(c -> {
		});

		mock.active().simulateDisconnect(null);
		awaitUntil(() -> client.connection().state() != ConnectionState.CONNECTED);

		assertThat(result).isCompletedExceptionally();
	}

	@Test
	void RTL6c2_queuedWhileInitializedAndSentOnceConnected() {
		newClient();
		serveAttachAndAck();
		RealtimeChannel channel = channel("test-RTL6c2-init");
		assertThat(client.connection().state()).isEqualTo(ConnectionState.INITIALIZED);
		CompletableFuture<PublishResult> result = channel.publish("pre-connect", "early");
		clock.settle();
		assertThat(published()).isEmpty();
		client.connect();
		await(result);
		assertThat(published()).singleElement()
			.satisfies(pm -> assertThat(pm.messages().get(0).name()).isEqualTo("pre-connect"));
	}

	@Test
	void RTL6c2_withoutQueueMessagesPublishingWhileConnectingFails() {
		newClient(r -> r.queueMessages(false));
		mock.onConnectionAttempt(c -> {
		});
		RealtimeChannel channel = channel("test-RTL6c2-noqueue");
		client.connect();
		awaitUntil(() -> client.connection().state() == ConnectionState.CONNECTING);
		ErrorInfo error = awaitFailure(channel.publish("fail", "should-error"));
		assertThat(error.code()).isNotZero();
	}

	@Test
	void RTL6c4_publishFailsWhileTheConnectionIsSuspended() {
		newClient(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1)));
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithRefused);
		RealtimeChannel channel = channel("test-RTL6c4-suspended");
		client.connect();
		advanceUntil(Duration.ofSeconds(2), 100, () -> client.connection().state() == ConnectionState.SUSPENDED);
		ErrorInfo error = awaitFailure(channel.publish("fail", "should-error"));
		assertThat(error.code()).isNotZero();
	}

	@Test
	void RTL6c4_publishFailsWhenTheConnectionIsClosed() {
		connectedClient();
		RealtimeChannel channel = channel("test-RTL6c4-closed");
		client.connection().close();
		awaitUntil(() -> client.connection().state() == ConnectionState.CLOSED);
		ErrorInfo error = awaitFailure(channel.publish("fail", "should-error"));
		assertThat(error.code()).isNotZero();
	}

	@Test
	void RTL6c4_publishFailsWhenTheConnectionHasFailed() {
		newClient();
		mock.onConnectionAttempt(c -> c.respondWithError(ProtocolMessage.builder(ProtocolAction.ERROR)
			.error(ErrorInfo.of(80000, 400, "Fatal error")).build()));
		RealtimeChannel channel = channel("test-RTL6c4-failed");
		client.connect();
		awaitUntil(() -> client.connection().state() == ConnectionState.FAILED);
		ErrorInfo error = awaitFailure(channel.publish("fail", "should-error"));
		assertThat(error.code()).isNotZero();
	}

	@Test
	void RTL6c4_publishFailsOnASuspendedChannel() {
		connectedClient(r -> r.realtimeRequestTimeout(Duration.ofMillis(100)));
		RealtimeChannel channel = channel("test-RTL6c4-channel-suspended");
		CompletableFuture<Void> attach = channel.attach();
		clock.advance(Duration.ofMillis(150));
		awaitFailure(attach);
		awaitState(channel, ChannelState.SUSPENDED);
		ErrorInfo error = awaitFailure(channel.publish("fail", "should-error"));
		assertThat(error).isNotNull();
		assertThat(published()).isEmpty();
	}

	@Test
	void RTL6c4_publishFailsOnAFailedChannel() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(channelError(m.channel(), 40160, 401, "Not permitted"));
			}
		});
		RealtimeChannel channel = channel("test-RTL6c4-channel-failed");
		awaitFailure(channel.attach());
		ErrorInfo error = awaitFailure(channel.publish("fail", "should-error"));
		assertThat(error).isNotNull();
		assertThat(published()).isEmpty();
	}

	@Test
	void RTL6i1_aMessageObjectIsPublishedAsIs() {
		connectedClient();
		serveAttachAndAck();
		RealtimeChannel channel = channel("test-RTL6i1-message");
		await(channel.attach());
		await(channel.publish(Message.of("custom", Map.of("key", "value"))));
		assertThat(published()).singleElement().satisfies(pm -> {
			assertThat(pm.messages()).hasSize(1);
			assertThat(pm.messages().get(0).name()).isEqualTo("custom");
			// RSL4d3: a map travels as a JSON string with encoding "json".
			assertThat(pm.messages().get(0).encoding()).isEqualTo("json");
			assertThat(json.readTree((String) pm.messages().get(0).data())).isEqualTo(json.valueToTree(Map.of("key",
					"value")));
		});
	}

	@Test
	void RTL6j_theResultCarriesTheSerialsOfTheAck() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
			else if (m.action() == ProtocolAction.MESSAGE) {
				c.sendToClient(ack(m.msgSerial(), "abc123"));
			}
		});
		RealtimeChannel channel = channel("test-RTL6j");
		await(channel.attach());
		PublishResult result = await(channel.publish("greeting", "hello"));
		assertThat(published()).singleElement().satisfies(pm -> assertThat(pm.msgSerial()).isEqualTo(0L));
		assertThat(result.serials()).containsExactly("abc123");
	}

	@Test
	void RTL6j_aBatchResultHasOneSerialPerMessage() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
			else if (m.action() == ProtocolAction.MESSAGE) {
				c.sendToClient(ack(m.msgSerial(), "serial-1", null, "serial-3"));
			}
		});
		RealtimeChannel channel = channel("test-RTL6j-batch");
		await(channel.attach());
		PublishResult result = await(channel.publish(List.of(Message.of("event1", "data1"),
				Message.of("event2", "data2"), Message.of("event3", "data3"))));
		assertThat(published()).singleElement().satisfies(pm -> assertThat(pm.messages()).hasSize(3));
		assertThat(result.serials()).containsExactly("serial-1", null, "serial-3");
	}

	@Test
	void RTL6j_RTN7b_successivePublishesCountMsgSerialUp() {
		connectedClient();
		serveAttachAndAck();
		RealtimeChannel channel = channel("test-RTL6j-serial");
		await(channel.attach());
		PublishResult r1 = await(channel.publish("first", "1"));
		PublishResult r2 = await(channel.publish("second", "2"));
		PublishResult r3 = await(channel.publish("third", "3"));
		assertThat(published()).extracting(ProtocolMessage::msgSerial).containsExactly(0L, 1L, 2L);
		assertThat(r1.serials()).containsExactly("serial-0");
		assertThat(r2.serials()).containsExactly("serial-1");
		assertThat(r3.serials()).containsExactly("serial-2");
	}

	@Test
	void RTL6j_RTN7a_aNackFailsThePublish() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
			else if (m.action() == ProtocolAction.MESSAGE) {
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.NACK).msgSerial(m.msgSerial()).count(1)
					.error(ErrorInfo.of(40160, 401, "Publish rejected")).build());
			}
		});
		RealtimeChannel channel = channel("test-RTL6j-nack");
		await(channel.attach());
		ErrorInfo error = awaitFailure(channel.publish("rejected", "data"));
		assertThat(error.code()).isEqualTo(40160);
		assertThat(error.message()).isEqualTo("Publish rejected");
	}

	@Test
	void RTN7e_pendingPublishesFailWhenTheConnectionIsSuspended() {
		connectedClient(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1)));
		serveAttachOnly();
		RealtimeChannel channel = channel("test-RTN7e-suspended");
		await(channel.attach());
		CompletableFuture<PublishResult> pending = channel.publish("pending", "data");
		clock.settle();
		suspendConnection(client);
		assertThat(awaitFailure(pending).code()).isNotZero();
	}

	@Test
	void RTN7e_everyPendingPublishFailsWhenTheConnectionCloses() {
		connectedClient();
		serveAttachOnly();
		RealtimeChannel channel = channel("test-RTN7e-closed");
		await(channel.attach());
		CompletableFuture<PublishResult> f1 = channel.publish("msg1", "data1");
		CompletableFuture<PublishResult> f2 = channel.publish("msg2", "data2");
		CompletableFuture<PublishResult> f3 = channel.publish("msg3", "data3");
		clock.settle();
		client.connection().close();
		awaitUntil(() -> client.connection().state() == ConnectionState.CLOSED);
		assertThat(awaitFailure(f1)).isNotNull();
		assertThat(awaitFailure(f2)).isNotNull();
		assertThat(awaitFailure(f3)).isNotNull();
	}

	@Test
	void RTN7e_pendingPublishFailsWithTheReasonTheConnectionFailed() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
			else if (m.action() == ProtocolAction.MESSAGE) {
				c.sendToClientAndClose(ProtocolMessage.builder(ProtocolAction.ERROR)
					.error(ErrorInfo.of(80019, 400, "Connection closed due to admin action")).build());
			}
		});
		RealtimeChannel channel = channel("test-RTN7e-failed");
		await(channel.attach());
		CompletableFuture<PublishResult> pending = channel.publish("pending", "data");
		awaitUntil(() -> client.connection().state() == ConnectionState.FAILED);
		ErrorInfo error = awaitFailure(pending);
		assertThat(error).extracting(ErrorInfo::code, ErrorInfo::statusCode, ErrorInfo::message)
			.containsExactly(80019, 400, "Connection closed due to admin action");
		assertThat(client.connection().errorReason().code()).isEqualTo(80019);
	}

	@Test
	void RTN7d_RTN19a_withQueueMessagesPendingPublishesAreResentAfterReconnect() {
		connectedClient(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1)));
		AtomicInteger connections = new AtomicInteger(1);
		mock.onConnectionAttempt(c -> {
			connections.incrementAndGet();
			c.respondWithSuccess(RealtimeUnitSupport.connected("conn-1", "key-1"));
		});
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
			else if (m.action() == ProtocolAction.MESSAGE && connections.get() >= 2) {
				c.sendToClient(ack(m.msgSerial(), "serial-ack"));
			}
		});
		RealtimeChannel channel = channel("test-RTN7d-queue");
		await(channel.attach());
		CompletableFuture<PublishResult> pending = channel.publish("pending", "data");
		clock.settle();
		mock.active().simulateDisconnect(null);
		advanceUntil(Duration.ofMillis(500), 20, () -> pending.isDone());
		assertThat(await(pending).serials()).containsExactly("serial-ack");
		assertThat(published()).hasSize(2);
		assertThat(published().get(1).msgSerial()).isEqualTo(published().get(0).msgSerial());
	}

	/** Two unacknowledged publishes, a drop, and a reconnection answered by {@code reconnected}. */
	private List<ProtocolMessage> resendAfter(ProtocolMessage reconnected) {
		connectedClient(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1)));
		AtomicInteger connections = new AtomicInteger(1);
		mock.onConnectionAttempt(c -> {
			connections.incrementAndGet();
			c.respondWithSuccess(reconnected);
		});
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
			else if (m.action() == ProtocolAction.MESSAGE && connections.get() >= 2) {
				c.sendToClient(ack(m.msgSerial(), "serial-" + m.msgSerial()));
			}
		});
		RealtimeChannel channel = channel("test-RTN19a2");
		await(channel.attach());
		CompletableFuture<PublishResult> f1 = channel.publish("msg1", "data1");
		CompletableFuture<PublishResult> f2 = channel.publish("msg2", "data2");
		clock.settle();
		assertThat(published()).extracting(ProtocolMessage::msgSerial).containsExactly(0L, 1L);
		int firstTransport = published().size();
		mock.active().simulateDisconnect(null);
		advanceUntil(Duration.ofMillis(500), 20, () -> f1.isDone() && f2.isDone());
		await(f1);
		await(f2);
		return published().subList(firstTransport, published().size());
	}

	@Test
	void RTN19a2_aSuccessfulResumeResendsWithTheSameMsgSerials() {
		List<ProtocolMessage> resent = resendAfter(RealtimeUnitSupport.connected("conn-1", "key-2"));
		assertThat(resent).extracting(ProtocolMessage::msgSerial).containsExactly(0L, 1L);
		assertThat(resent).extracting(pm -> pm.messages().get(0).name()).containsExactly("msg1", "msg2");
	}

	@Test
	void RTN19a2_aFailedResumeResendsWithFreshMsgSerialsFromZero() {
		ProtocolMessage fresh = RealtimeUnitSupport.connected("conn-2", "key-2").toBuilder()
			.error(io.github.ablyspring.protocol.ErrorInfo.of(80008, 400, "Unable to recover connection"))
			.build();
		List<ProtocolMessage> resent = resendAfter(fresh);
		assertThat(resent).extracting(pm -> pm.messages().get(0).name()).containsExactly("msg1", "msg2");
		assertThat(resent).extracting(ProtocolMessage::msgSerial).containsExactly(0L, 1L);
	}

	@Test
	void RTN19b_aPendingAttachIsResentOnTheNewTransport() {
		connectedClient(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1)));
		RealtimeChannel channel = channel("test-RTN19b-attach");
		CompletableFuture<Void> attach = channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(1);
		serveAttachAndAck();
		mock.active().simulateDisconnect(null);
		advanceUntil(Duration.ofMillis(500), 20, () -> sent(ProtocolAction.ATTACH).size() == 2);
		await(attach);
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
	}

	@Test
	void RTN19b_aPendingDetachIsResentOnTheNewTransport() {
		connectedClient(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(1)));
		serveAttachOnly();
		RealtimeChannel channel = channel("test-RTN19b-detach");
		await(channel.attach());
		CompletableFuture<Void> detach = channel.detach();
		awaitState(channel, ChannelState.DETACHING);
		serveAttachAndDetach();
		mock.active().simulateDisconnect(null);
		advanceUntil(Duration.ofMillis(500), 20, () -> sent(ProtocolAction.DETACH).size() == 2);
		await(detach);
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
	}
}
