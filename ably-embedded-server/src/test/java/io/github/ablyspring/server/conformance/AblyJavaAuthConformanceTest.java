package io.github.ablyspring.server.conformance;

import static io.github.ablyspring.server.conformance.AblyJavaRealtimeConformanceTest.counting;
import static io.github.ablyspring.server.conformance.ConformanceSupport.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import io.ably.lib.realtime.AblyRealtime;
import io.ably.lib.realtime.Channel;
import io.ably.lib.realtime.ChannelState;
import io.ably.lib.realtime.ConnectionState;
import io.ably.lib.rest.AblyRest;
import io.ably.lib.rest.Auth;
import io.ably.lib.types.AblyException;
import io.ably.lib.types.ClientOptions;
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
 * ably-java 1.5.0, unmodified, authenticating against the embedded server with tokens: {@code authCallback} and
 * {@code authUrl} returning signed token requests, in-band renewal before a short token expires (RTN22), and
 * reconnection with a new token after the server disconnects with 40142 (RTN15h2). JSON and msgpack.
 */
@ExtendWith(ConformanceSupport.DumpTraceOnFailure.class)
class AblyJavaAuthConformanceTest {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static EmbeddedAblyServer server;

	/** Holds the key; issues the token requests the token clients' callbacks return. */
	private static AblyRest keyHolder;

	private final List<AutoCloseable> clients = new ArrayList<>();

	@BeforeAll
	static void start() throws Exception {
		server = EmbeddedAblyServer.builder()
			.key("app.key:secret")
			.tokenExpiryWarning(Duration.ofMillis(1000))
			.build()
			.start();
		keyHolder = new AblyRest(options(server, false));
	}

	@AfterAll
	static void stop() throws Exception {
		keyHolder.close();
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

	private <T extends AutoCloseable> T track(T client) {
		clients.add(client);
		return client;
	}

	/** A client authenticating with an authCallback that returns token requests for tokens of {@code ttl}. */
	private AblyRealtime tokenClient(boolean binary, long ttl, AtomicInteger callbacks) throws AblyException {
		ClientOptions options = options(server, null, binary);
		options.authCallback = params -> {
			callbacks.incrementAndGet();
			Auth.TokenParams tokenParams = new Auth.TokenParams();
			tokenParams.ttl = ttl;
			return keyHolder.auth.createTokenRequest(tokenParams, null);
		};
		return track(new AblyRealtime(options));
	}

	private AblyRealtime keyClient(boolean binary) throws AblyException {
		return track(new AblyRealtime(options(server, binary)));
	}

	private static Channel attached(AblyRealtime realtime, String name) throws AblyException {
		Channel channel = realtime.channels.get(name);
		channel.attach();
		await().atMost(TIMEOUT).until(() -> channel.state == ChannelState.attached);
		return channel;
	}

	private static void awaitConnected(AblyRealtime realtime) {
		await().atMost(TIMEOUT).until(() -> realtime.connection.state == ConnectionState.connected);
	}

	private static String channelName(String scenario, boolean binary) {
		return scenario + "-" + (binary ? "msgpack" : "json");
	}

	/** Messages flow both ways between a token client and a key client on {@code name}. */
	private static void assertRoundTrip(AblyRealtime tokenClient, AblyRealtime keyClient, String name, String label)
			throws AblyException {
		Channel tokenChannel = attached(tokenClient, name);
		Channel keyChannel = attached(keyClient, name);
		List<Message> atKeyClient = new CopyOnWriteArrayList<>();
		List<Message> atTokenClient = new CopyOnWriteArrayList<>();
		keyChannel.subscribe(label + "-from-token", atKeyClient::add);
		tokenChannel.subscribe(label + "-from-key", atTokenClient::add);
		AtomicInteger acks = new AtomicInteger();
		List<ErrorInfo> errors = new CopyOnWriteArrayList<>();

		tokenChannel.publish(label + "-from-token", "sent with a token", counting(acks, errors));
		keyChannel.publish(label + "-from-key", "sent with the key", counting(acks, errors));

		await().atMost(TIMEOUT).until(() -> acks.get() + errors.size() == 2);
		assertThat(errors).isEmpty();
		await().atMost(TIMEOUT).until(() -> atKeyClient.size() == 1 && atTokenClient.size() == 1);
		assertThat(atKeyClient.get(0).data).isEqualTo("sent with a token");
		assertThat(atTokenClient.get(0).data).isEqualTo("sent with the key");
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void connectsWithAuthCallbackTokenRequest(boolean binary) throws Exception {
		AtomicInteger callbacks = new AtomicInteger();
		AblyRealtime tokenClient = tokenClient(binary, 60_000, callbacks);
		AblyRealtime keyClient = keyClient(binary);
		awaitConnected(tokenClient);
		awaitConnected(keyClient);

		assertThat(callbacks.get()).isEqualTo(1);
		assertThat(tokenClient.auth.getAuthMethod()).isEqualTo(Auth.AuthMethod.token);
		assertThat(tokenClient.auth.getTokenDetails().token).isNotBlank();
		assertRoundTrip(tokenClient, keyClient, channelName("auth-callback", binary), "callback");
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void connectsWithAuthUrlTokenRequest(boolean binary) throws Exception {
		AtomicInteger requests = new AtomicInteger();
		HttpServer authServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		authServer.createContext("/auth", exchange -> {
			requests.incrementAndGet();
			byte[] body;
			int status;
			try {
				Auth.TokenParams params = new Auth.TokenParams();
				params.ttl = 60_000;
				params.clientId = "url-client";
				body = keyHolder.auth.createTokenRequest(params, null).asJson().getBytes(StandardCharsets.UTF_8);
				status = 200;
			}
			catch (AblyException ex) {
				body = ex.toString().getBytes(StandardCharsets.UTF_8);
				status = 500;
			}
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		authServer.start();
		try {
			ClientOptions options = options(server, null, binary);
			options.authUrl = "http://127.0.0.1:" + authServer.getAddress().getPort() + "/auth";
			AblyRealtime tokenClient = track(new AblyRealtime(options));
			AblyRealtime keyClient = keyClient(binary);
			awaitConnected(tokenClient);
			awaitConnected(keyClient);

			assertThat(requests.get()).isEqualTo(1);
			assertThat(tokenClient.auth.clientId).isEqualTo("url-client");
			assertRoundTrip(tokenClient, keyClient, channelName("auth-url", binary), "url");
		}
		finally {
			authServer.stop(0);
		}
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void renewsTokenInBandBeforeItExpires(boolean binary) throws Exception {
		AtomicInteger callbacks = new AtomicInteger();
		AblyRealtime tokenClient = tokenClient(binary, 3_000, callbacks);
		AblyRealtime keyClient = keyClient(binary);
		awaitConnected(tokenClient);
		awaitConnected(keyClient);
		String connectionId = tokenClient.connection.id;
		Auth.TokenDetails first = tokenClient.auth.getTokenDetails();
		assertThat(first.expires - first.issued).isEqualTo(3_000);
		List<ConnectionState> states = new CopyOnWriteArrayList<>();
		tokenClient.connection.on(change -> states.add(change.current));

		// Past the first token's expiry: the server asked for a new token (AUTH), the SDK sent it in an AUTH.
		await().atMost(TIMEOUT).until(() -> System.currentTimeMillis() > first.expires + 500);
		await().atMost(TIMEOUT).until(() -> callbacks.get() >= 2);

		assertThat(tokenClient.connection.state).isEqualTo(ConnectionState.connected);
		assertThat(tokenClient.connection.id).isEqualTo(connectionId);
		assertThat(tokenClient.auth.getTokenDetails().token).isNotEqualTo(first.token);
		assertThat(tokenClient.auth.getTokenDetails().expires).isGreaterThan(first.expires);
		assertThat(states).as("connection state changes during renewal").doesNotContain(ConnectionState.disconnected,
				ConnectionState.suspended, ConnectionState.failed);
		assertRoundTrip(tokenClient, keyClient, channelName("renewal", binary), "renewed");
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void reconnectsWithNewTokenWhenServerReportsTokenExpired(boolean binary) throws Exception {
		AtomicInteger callbacks = new AtomicInteger();
		AblyRealtime tokenClient = tokenClient(binary, 60_000, callbacks);
		AblyRealtime keyClient = keyClient(binary);
		awaitConnected(tokenClient);
		awaitConnected(keyClient);
		String connectionId = tokenClient.connection.id;
		String name = channelName("expired", binary);
		Channel tokenChannel = attached(tokenClient, name);
		List<Message> received = new CopyOnWriteArrayList<>();
		tokenChannel.subscribe(received::add);
		List<ConnectionState> states = new CopyOnWriteArrayList<>();
		List<Integer> reasons = new CopyOnWriteArrayList<>();
		tokenClient.connection.on(change -> {
			states.add(change.current);
			if (change.reason != null) {
				reasons.add(change.reason.code);
			}
		});

		server.realtime().expireTokens();

		await().atMost(TIMEOUT).until(() -> states.contains(ConnectionState.disconnected)
				&& tokenClient.connection.state == ConnectionState.connected && callbacks.get() >= 2);
		assertThat(reasons).contains(40142);
		assertThat(tokenClient.connection.id).as("resumed with the new token").isEqualTo(connectionId);
		await().atMost(TIMEOUT).until(() -> tokenChannel.state == ChannelState.attached);
		attached(keyClient, name).publish("after-expiry", "published after the token expired");
		await().atMost(TIMEOUT).until(() -> received.size() == 1);
		assertThat(received.get(0).name).isEqualTo("after-expiry");
	}
}
