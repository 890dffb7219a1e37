package io.github.ablyspring.server.conformance;

import static io.github.ablyspring.server.conformance.AblyJavaRealtimeConformanceTest.counting;
import static io.github.ablyspring.server.conformance.ConformanceSupport.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.ably.lib.realtime.AblyRealtime;
import io.ably.lib.realtime.Channel;
import io.ably.lib.realtime.ChannelState;
import io.ably.lib.realtime.ConnectionState;
import io.ably.lib.rest.AblyRest;
import io.ably.lib.types.AblyException;
import io.ably.lib.types.ErrorInfo;
import io.ably.lib.types.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errors the embedded server reports, as ably-java 1.5.0 surfaces them: capability denial (40160), an invalid channel
 * name (40010) and an oversized message (40009), over realtime and REST, JSON and msgpack. The connection survives
 * each of them.
 */
@ExtendWith(ConformanceSupport.DumpTraceOnFailure.class)
class AblyJavaErrorsConformanceTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int MAX_MESSAGE_SIZE = 2048;

	private static final String LIMITED_KEY = "app.limited:secret2";

	/** A name the server refuses (a control character), which ably-java itself lets through. */
	private static final String INVALID_NAME = "invalid\u0007name";

	private static EmbeddedAblyServer server;

	private final List<AutoCloseable> clients = new ArrayList<>();

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder()
			.key("app.key:secret")
			.key(LIMITED_KEY, "{\"allowed:*\":[\"publish\",\"subscribe\"]}")
			.maxMessageSize(MAX_MESSAGE_SIZE)
			.build()
			.start();
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

	private AblyRealtime connected(String key, boolean binary) throws AblyException {
		AblyRealtime realtime = new AblyRealtime(options(server, key, binary));
		clients.add(realtime);
		await().atMost(TIMEOUT).until(() -> realtime.connection.state == ConnectionState.connected);
		return realtime;
	}

	private AblyRest rest(String key, boolean binary) throws AblyException {
		AblyRest rest = new AblyRest(options(server, key, binary));
		clients.add(rest);
		return rest;
	}

	private static String suffix(boolean binary) {
		return binary ? "msgpack" : "json";
	}

	/** The connection is still usable: a permitted channel attaches and a message goes round. */
	private static void assertStillWorking(AblyRealtime realtime, String channelName) throws AblyException {
		assertThat(realtime.connection.state).isEqualTo(ConnectionState.connected);
		Channel channel = realtime.channels.get(channelName);
		List<Message> received = new CopyOnWriteArrayList<>();
		channel.subscribe(received::add);
		await().atMost(TIMEOUT).until(() -> channel.state == ChannelState.attached);
		channel.publish("still-working", "yes");
		await().atMost(TIMEOUT).until(() -> received.size() == 1);
		assertThat(realtime.connection.state).isEqualTo(ConnectionState.connected);
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void attachDeniedByCapability(boolean binary) throws Exception {
		AblyRealtime realtime = connected(LIMITED_KEY, binary);
		Channel channel = realtime.channels.get("forbidden-attach-" + suffix(binary));
		AtomicInteger attached = new AtomicInteger();
		List<ErrorInfo> errors = new CopyOnWriteArrayList<>();

		channel.attach(counting(attached, errors));

		await().atMost(TIMEOUT).until(() -> errors.size() + attached.get() == 1);
		assertThat(attached.get()).isZero();
		assertThat(errors.get(0).code).isEqualTo(40160);
		assertThat(errors.get(0).statusCode).isEqualTo(401);
		await().atMost(TIMEOUT).until(() -> channel.state == ChannelState.failed);
		assertThat(channel.reason.code).isEqualTo(40160);
		assertStillWorking(realtime, "allowed:attach-" + suffix(binary));
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void publishDeniedByCapability(boolean binary) throws Exception {
		AblyRealtime realtime = connected(LIMITED_KEY, binary);
		Channel channel = realtime.channels.get("forbidden-publish-" + suffix(binary));
		AtomicInteger acks = new AtomicInteger();
		List<ErrorInfo> errors = new CopyOnWriteArrayList<>();

		channel.publish("denied", "not allowed here", counting(acks, errors));

		await().atMost(TIMEOUT).until(() -> errors.size() + acks.get() == 1);
		assertThat(acks.get()).isZero();
		assertThat(errors.get(0).code).isEqualTo(40160);
		assertThat(errors.get(0).statusCode).isEqualTo(401);
		assertStillWorking(realtime, "allowed:publish-" + suffix(binary));
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void restPublishDeniedByCapability(boolean binary) throws Exception {
		AblyRest rest = rest(LIMITED_KEY, binary);

		AblyException denied = catchThrowableOfType(AblyException.class,
				() -> rest.channels.get("forbidden-rest-" + suffix(binary)).publish("denied", "not allowed here"));

		assertThat(denied).isNotNull();
		assertThat(denied.errorInfo.code).isEqualTo(40160);
		assertThat(denied.errorInfo.statusCode).isEqualTo(401);
		rest.channels.get("allowed:rest-" + suffix(binary)).publish("permitted", "fine");
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void invalidChannelNameFailsTheChannelNotTheConnection(boolean binary) throws Exception {
		AblyRealtime realtime = connected(server.key(), binary);
		Channel channel = realtime.channels.get(INVALID_NAME + "-" + suffix(binary));
		AtomicInteger attached = new AtomicInteger();
		List<ErrorInfo> errors = new CopyOnWriteArrayList<>();

		channel.attach(counting(attached, errors));

		await().atMost(TIMEOUT).until(() -> errors.size() + attached.get() == 1);
		assertThat(attached.get()).isZero();
		assertThat(errors.get(0).code).isEqualTo(40010);
		assertThat(errors.get(0).statusCode).isEqualTo(400);
		await().atMost(TIMEOUT).until(() -> channel.state == ChannelState.failed);
		assertThat(channel.reason.code).isEqualTo(40010);
		assertStillWorking(realtime, "valid-name-" + suffix(binary));
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void oversizedMessageIsRefused(boolean binary) throws Exception {
		AblyRealtime realtime = connected(server.key(), binary);
		String name = "oversized-" + suffix(binary);
		Channel channel = realtime.channels.get(name);
		channel.attach();
		await().atMost(TIMEOUT).until(() -> channel.state == ChannelState.attached);
		assertThat(realtime.connection.connectionManager.maxMessageSize).isEqualTo(MAX_MESSAGE_SIZE);
		AtomicInteger acks = new AtomicInteger();
		List<ErrorInfo> errors = new CopyOnWriteArrayList<>();

		channel.publish("big", "x".repeat(MAX_MESSAGE_SIZE + 100), counting(acks, errors));

		await().atMost(TIMEOUT).until(() -> errors.size() + acks.get() == 1);
		assertThat(acks.get()).isZero();
		assertThat(errors.get(0).code).isEqualTo(40009);
		assertThat(errors.get(0).statusCode).isEqualTo(400);
		assertThat(channel.state).isEqualTo(ChannelState.attached);
		assertStillWorking(realtime, name);
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void oversizedRestMessageIsRefused(boolean binary) throws Exception {
		AblyRest rest = rest(server.key(), binary);
		var channel = rest.channels.get("oversized-rest-" + suffix(binary));

		AblyException refused = catchThrowableOfType(AblyException.class,
				() -> channel.publish("big", new byte[MAX_MESSAGE_SIZE + 100]));

		assertThat(refused).isNotNull();
		assertThat(refused.errorInfo.code).isEqualTo(40009);
		assertThat(refused.errorInfo.statusCode).isEqualTo(400);
		channel.publish("small", "fits");
		assertThat(channel.history(null).items()).extracting(m -> m.name).containsExactly("small");
	}
}
