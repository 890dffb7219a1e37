package io.github.ablyspring.server.conformance;

import static io.github.ablyspring.server.conformance.ConformanceSupport.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.ably.lib.realtime.AblyRealtime;
import io.ably.lib.realtime.Channel;
import io.ably.lib.realtime.ChannelState;
import io.ably.lib.realtime.CompletionListener;
import io.ably.lib.realtime.ConnectionState;
import io.ably.lib.rest.AblyRest;
import io.ably.lib.types.AblyException;
import io.ably.lib.types.ClientOptions;
import io.ably.lib.types.ErrorInfo;
import io.ably.lib.types.Message;
import io.ably.lib.types.PresenceMessage;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ably-java 1.5.0, unmodified, against the embedded server over realtime: connection, channels, messages of every
 * payload type, acknowledgements, presence, ping and resume after a lost transport. Each scenario runs with JSON and
 * with msgpack.
 */
@ExtendWith(ConformanceSupport.DumpTraceOnFailure.class)
class AblyJavaRealtimeConformanceTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static EmbeddedAblyServer server;

	private final List<AutoCloseable> clients = new ArrayList<>();

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void resetTrace() {
		ConformanceSupport.resetTrace();
	}

	@AfterEach
	void closeClients() throws Exception {
		for (AutoCloseable client : clients) {
			client.close();
		}
	}

	private AblyRealtime realtime(ClientOptions options) throws AblyException {
		AblyRealtime realtime = new AblyRealtime(options);
		clients.add(realtime);
		return realtime;
	}

	private AblyRealtime connected(boolean binary) throws AblyException {
		AblyRealtime realtime = realtime(options(server, binary));
		awaitConnected(realtime);
		return realtime;
	}

	private static void awaitConnected(AblyRealtime realtime) {
		await().atMost(TIMEOUT).until(() -> realtime.connection.state == ConnectionState.connected);
	}

	private static Channel attached(AblyRealtime realtime, String name) throws AblyException {
		Channel channel = realtime.channels.get(name);
		channel.attach();
		await().atMost(TIMEOUT).until(() -> channel.state == ChannelState.attached);
		return channel;
	}

	private static String channelName(String scenario, boolean binary) {
		return scenario + "-" + (binary ? "msgpack" : "json");
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void connects(boolean binary) throws Exception {
		AblyRealtime realtime = connected(binary);

		assertThat(realtime.connection.id).isNotBlank();
		assertThat(realtime.connection.key).isNotBlank();
		assertThat(realtime.connection.reason).isNull();
		assertThat(realtime.connection.connectionManager.maxMessageSize).isEqualTo(65536);
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void attachesAndDetaches(boolean binary) throws Exception {
		AblyRealtime realtime = connected(binary);
		Channel channel = realtime.channels.get(channelName("attach", binary));
		AtomicInteger attachCallbacks = new AtomicInteger();
		channel.attach(succeeded(attachCallbacks));

		await().atMost(TIMEOUT).until(() -> channel.state == ChannelState.attached && attachCallbacks.get() == 1);
		assertThat(channel.reason).isNull();

		AtomicInteger detachCallbacks = new AtomicInteger();
		channel.detach(succeeded(detachCallbacks));
		await().atMost(TIMEOUT).until(() -> channel.state == ChannelState.detached && detachCallbacks.get() == 1);
		assertThat(realtime.connection.state).isEqualTo(ConnectionState.connected);
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void publishSubscribeRoundTripOfStringJsonAndBinary(boolean binary) throws Exception {
		AblyRealtime publisher = connected(binary);
		AblyRealtime subscriber = connected(binary);
		String name = channelName("roundtrip", binary);
		Channel in = attached(subscriber, name);
		List<Message> received = new CopyOnWriteArrayList<>();
		in.subscribe(received::add);
		Channel out = attached(publisher, name);

		JsonObject json = new JsonObject();
		json.addProperty("text", "héllo wörld");
		json.addProperty("number", 42);
		json.addProperty("flag", true);
		JsonArray list = new JsonArray();
		list.add(1);
		list.add("two");
		json.add("list", list);
		JsonObject nested = new JsonObject();
		nested.addProperty("inner", "value");
		json.add("nested", nested);
		byte[] bytes = { 0, 1, 2, (byte) 0xfe, (byte) 0xff };
		AtomicInteger acks = new AtomicInteger();
		List<ErrorInfo> errors = new CopyOnWriteArrayList<>();
		out.publish("string", "hello, 世界", counting(acks, errors));
		out.publish("json", json, counting(acks, errors));
		out.publish("binary", bytes, counting(acks, errors));

		await().atMost(TIMEOUT).until(() -> received.size() == 3 && acks.get() + errors.size() == 3);
		assertThat(errors).isEmpty();
		assertThat(received).extracting(m -> m.name).containsExactly("string", "json", "binary");
		assertThat(received.get(0).data).isEqualTo("hello, 世界");
		assertThat(received.get(1).data).isInstanceOf(JsonObject.class).isEqualTo(json);
		assertThat(received.get(2).data).isEqualTo(bytes);
		for (Message message : received) {
			assertThat(message.encoding).as("encoding left after decoding of %s", message.name).isNull();
			assertThat(message.connectionId).isEqualTo(publisher.connection.id);
			assertThat(message.id).isNotBlank();
			assertThat(message.timestamp).isPositive();
		}
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void publishes200MessagesAllAcknowledged(boolean binary) throws Exception {
		AblyRealtime publisher = connected(binary);
		AblyRealtime subscriber = connected(binary);
		String name = channelName("ack200", binary);
		Channel in = attached(subscriber, name);
		List<Message> received = new CopyOnWriteArrayList<>();
		in.subscribe(received::add);
		Channel out = attached(publisher, name);

		AtomicInteger acks = new AtomicInteger();
		List<ErrorInfo> errors = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 200; i++) {
			out.publish("m" + i, "payload " + i, counting(acks, errors));
		}

		await().atMost(Duration.ofSeconds(20)).until(() -> acks.get() + errors.size() == 200);
		assertThat(errors).isEmpty();
		assertThat(acks.get()).isEqualTo(200);
		await().atMost(TIMEOUT).until(() -> received.size() == 200);
		for (int i = 0; i < 200; i++) {
			assertThat(received.get(i).name).isEqualTo("m" + i);
			assertThat(received.get(i).data).isEqualTo("payload " + i);
		}
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void presenceEnterGetLeaveSeenByAnotherClient(boolean binary) throws Exception {
		String name = channelName("presence", binary);
		ClientOptions aliceOptions = options(server, binary);
		aliceOptions.clientId = "alice";
		AblyRealtime alice = realtime(aliceOptions);
		AblyRealtime bob = connected(binary);
		awaitConnected(alice);

		Channel bobChannel = attached(bob, name);
		List<PresenceMessage> bobEvents = new CopyOnWriteArrayList<>();
		bobChannel.presence.subscribe(bobEvents::add);

		Channel aliceChannel = attached(alice, name);
		AtomicInteger entered = new AtomicInteger();
		List<ErrorInfo> errors = new CopyOnWriteArrayList<>();
		aliceChannel.presence.enter("alice's data", counting(entered, errors));
		await().atMost(TIMEOUT).until(() -> entered.get() + errors.size() == 1);
		assertThat(errors).isEmpty();

		await().atMost(TIMEOUT).until(() -> bobEvents.size() == 1);
		PresenceMessage enter = bobEvents.get(0);
		assertThat(enter.action).isEqualTo(PresenceMessage.Action.enter);
		assertThat(enter.clientId).isEqualTo("alice");
		assertThat(enter.connectionId).isEqualTo(alice.connection.id);
		assertThat(enter.data).isEqualTo("alice's data");
		PresenceMessage[] bobView = bobChannel.presence.get(true);
		assertThat(bobView).extracting(p -> p.clientId).containsExactly("alice");
		assertThat(bobView[0].action).isEqualTo(PresenceMessage.Action.present);

		// A client attaching afterwards learns the member from the SYNC.
		AblyRealtime carol = connected(binary);
		Channel carolChannel = attached(carol, name);
		await().atMost(TIMEOUT).until(() -> carolChannel.presence.syncComplete);
		PresenceMessage[] carolView = carolChannel.presence.get(true);
		assertThat(carolView).extracting(p -> p.clientId).containsExactly("alice");
		assertThat(carolView[0].data).isEqualTo("alice's data");

		AtomicInteger left = new AtomicInteger();
		aliceChannel.presence.leave(counting(left, errors));
		await().atMost(TIMEOUT).until(() -> left.get() + errors.size() == 1);
		assertThat(errors).isEmpty();
		await().atMost(TIMEOUT).until(() -> bobEvents.size() == 2);
		assertThat(bobEvents.get(1).action).isEqualTo(PresenceMessage.Action.leave);
		assertThat(bobEvents.get(1).clientId).isEqualTo("alice");
		await().atMost(TIMEOUT).until(() -> bobChannel.presence.get(false).length == 0);
		await().atMost(TIMEOUT).until(() -> carolChannel.presence.get(false).length == 0);
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void pings(boolean binary) throws Exception {
		AblyRealtime realtime = connected(binary);
		AtomicInteger pongs = new AtomicInteger();
		List<ErrorInfo> errors = new CopyOnWriteArrayList<>();

		realtime.connection.ping(counting(pongs, errors));

		await().atMost(TIMEOUT).until(() -> pongs.get() + errors.size() == 1);
		assertThat(errors).isEmpty();
		assertThat(realtime.connection.state).isEqualTo(ConnectionState.connected);
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void resumesAfterAbruptTransportDropWithoutLosingMessages(boolean binary) throws Exception {
		String name = channelName("resume", binary);
		AblyRealtime subscriber = connected(binary);
		AblyRealtime publisher = connected(binary);
		AblyRest rest = new AblyRest(options(server, binary));
		clients.add(rest);
		Channel in = attached(subscriber, name);
		List<Message> received = new CopyOnWriteArrayList<>();
		in.subscribe(received::add);
		Channel out = attached(publisher, name);
		out.publish("before", "before the drop");
		await().atMost(TIMEOUT).until(() -> received.size() == 1);
		String connectionId = subscriber.connection.id;

		List<ConnectionState> states = new CopyOnWriteArrayList<>();
		AtomicReference<Throwable> publishFailure = new AtomicReference<>();
		AtomicInteger queuedAcks = new AtomicInteger();
		List<ErrorInfo> errors = new CopyOnWriteArrayList<>();
		subscriber.connection.on(change -> {
			states.add(change.current);
			boolean firstDisconnection = change.current == ConnectionState.disconnected
					&& states.indexOf(ConnectionState.disconnected) == states.size() - 1;
			if (firstDisconnection) {
				// While the subscriber has no transport: one message over REST (synchronous, so the SDK cannot
				// reconnect before it is published) and one from the other realtime client (queued by it until its
				// own connection is resumed).
				try {
					rest.channels.get(name).publish("rest-during-outage", "published over REST while disconnected");
					out.publish("realtime-during-outage", "published from realtime while disconnected",
							counting(queuedAcks, errors));
				}
				catch (Throwable ex) {
					publishFailure.set(ex);
				}
			}
		});

		server.realtime().dropTransports(null);

		await().atMost(TIMEOUT).until(() -> states.contains(ConnectionState.disconnected)
				&& subscriber.connection.state == ConnectionState.connected && received.size() == 3);
		assertThat(publishFailure.get()).isNull();
		assertThat(subscriber.connection.id).as("same connection after resume").isEqualTo(connectionId);
		assertThat(subscriber.connection.reason == null ? null : subscriber.connection.reason.code)
			.as("no resume failure reported").isNull();
		assertThat(received).extracting(m -> m.name)
			.containsExactlyInAnyOrder("before", "rest-during-outage", "realtime-during-outage");
		await().atMost(TIMEOUT).until(() -> in.state == ChannelState.attached && queuedAcks.get() + errors.size() == 1);
		assertThat(errors).isEmpty();

		// And the resumed connection carries on.
		out.publish("after", "after the resume");
		await().atMost(TIMEOUT).until(() -> received.size() == 4);
		assertThat(received.get(3).name).isEqualTo("after");
	}

	static CompletionListener counting(AtomicInteger successes, List<ErrorInfo> errors) {
		return new CompletionListener() {
			@Override
			public void onSuccess() {
				successes.incrementAndGet();
			}

			@Override
			public void onError(ErrorInfo reason) {
				errors.add(reason);
			}
		};
	}

	private static CompletionListener succeeded(AtomicInteger successes) {
		return counting(successes, new CopyOnWriteArrayList<>());
	}
}
