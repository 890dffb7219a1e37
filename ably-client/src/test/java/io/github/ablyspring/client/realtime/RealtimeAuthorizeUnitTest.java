package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.auth.TokenDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** uts/realtime/unit/auth/realtime_authorize.md: auth.authorize() on a realtime client (RTC8). */
class RealtimeAuthorizeUnitTest extends ConnectionUnitTestBase {

	final AtomicInteger tokens = new AtomicInteger();

	final List<ProtocolMessage> authMessages = new CopyOnWriteArrayList<>();

	final List<ConnectionStateChange> after = new CopyOnWriteArrayList<>();

	private void tokenClient() {
		newTokenClient(p -> token("token-" + tokens.incrementAndGet()), b -> b);
	}

	/** The server answers AUTH with {@code answer}. */
	private void onAuth(java.util.function.BiConsumer<MockWebSocket.PendingConnection, ProtocolMessage> answer) {
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.AUTH) {
				authMessages.add(m);
				answer.accept(c, m);
			}
		});
	}

	private static TokenDetails join(CompletableFuture<TokenDetails> f) {
		try {
			return f.get(5, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	private List<ConnectionStateChange> transitions() {
		return after.stream().filter(c -> c.event() != ConnectionEvent.UPDATE).toList();
	}

	@Test
	void RTC8a_authorizeWhileConnectedSendsAuthAndStaysConnected() {
		tokenClient();
		connect("connection-id-1", "connection-key-1");
		client.connection().on(after::add);
		onAuth((c, m) -> c.sendToClient(connected("connection-id-1", "connection-key-2")));
		TokenDetails token = join(client.auth().authorizeAsync(null));
		assertThat(tokens).hasValue(2);
		assertThat(authMessages).hasSize(1);
		assertThat(authMessages.get(0).auth().accessToken()).isEqualTo("token-2");
		assertThat(token.token()).isEqualTo("token-2");
		assertThat(transitions()).isEmpty();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void RTC8a1_successfulReauthEmitsUpdateWithTheNewDetails() {
		tokenClient();
		connect("connection-id-1", "connection-key-1");
		client.connection().on(after::add);
		onAuth((c, m) -> c.sendToClient(connected("connection-id-2", "connection-key-2")));
		join(client.auth().authorizeAsync(null));
		clock.settle();
		assertThat(after).hasSize(1);
		assertThat(after.get(0).event()).isEqualTo(ConnectionEvent.UPDATE);
		assertThat(after.get(0).previous()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(after.get(0).current()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(client.connection().id()).isEqualTo("connection-id-2");
		assertThat(client.connection().key()).isEqualTo("connection-key-2");
	}

	@Test
	void RTC8a1_capabilityDowngradeFailsTheChannel() throws Exception {
		tokenClient();
		connect("connection-id-1", "connection-key-1");
		RealtimeChannel channel = client.channels().get("private-channel");
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.ATTACHED).channel(m.channel()).build());
			}
			else if (m.action() == ProtocolAction.AUTH) {
				c.sendToClient(connected("connection-id-1", "connection-key-2"));
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.ERROR).channel("private-channel")
					.error(ErrorInfo.of(40160, 401, "Channel denied access based on given capability")).build());
			}
		});
		channel.attach().get(5, TimeUnit.SECONDS);
		List<ChannelStateChange> failed = new CopyOnWriteArrayList<>();
		channel.on(ChannelEvent.FAILED, failed::add);
		join(client.auth().authorizeAsync(null));
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			clock.settle();
			return channel.state() == ChannelState.FAILED;
		});
		assertThat(failed).hasSize(1);
		assertThat(failed.get(0).reason().code()).isEqualTo(40160);
		assertThat(failed.get(0).reason().statusCode()).isEqualTo(401);
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void RTC8a2_refusedReauthFailsTheConnectionAndAuthorize() {
		tokenClient();
		connect("connection-id-1", "connection-key-1");
		onAuth((c, m) -> c.sendToClientAndClose(error(40012, 400, "Incompatible clientId")));
		Throwable error = failure(client.auth().authorizeAsync(null));
		assertThat(error).isInstanceOf(AblyException.class);
		assertThat(((AblyException) error).code()).isEqualTo(40012);
		awaitState(ConnectionState.FAILED);
		assertThat(client.connection().errorReason().code()).isEqualTo(40012);
		assertThat(states()).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.FAILED);
	}

	@Test
	void RTC8a3_authorizeCompletesOnlyAfterTheServerAnswers() {
		tokenClient();
		MockWebSocket.PendingConnection c = connect("connection-id-1", "connection-key-1");
		CompletableFuture<TokenDetails> authorize = client.auth().authorizeAsync(null);
		ProtocolMessage auth = mock.awaitNextMessageFromClient();
		assertThat(auth.action()).isEqualTo(ProtocolAction.AUTH);
		clock.settle();
		assertThat(authorize).isNotDone();
		c.sendToClient(connected("connection-id-1", "connection-key-2"));
		assertThat(join(authorize).token()).isEqualTo("token-2");
	}

	@Test
	void RTC8b_authorizeWhileConnectingRestartsTheAttemptWithTheNewToken() {
		tokenClient();
		List<MockWebSocket.PendingConnection> attempts = new CopyOnWriteArrayList<>();
		mock.onConnectionAttempt(c -> {
			attempts.add(c);
			if (attempts.size() > 1) {
				c.respondWithSuccess(connected("connection-id", "connection-key"));
			}
		});
		client.connect();
		await().atMost(Duration.ofSeconds(5)).until(() -> attempts.size() == 1);
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTING);
		TokenDetails token = join(client.auth().authorizeAsync(null));
		assertThat(token.token()).isEqualTo("token-2");
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(tokens).hasValue(2);
		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(0).closedByClient).isTrue();
		assertThat(attempts.get(1).params()).containsEntry("accessToken", "token-2");
	}

	@Test
	void RTC8b1_authorizeWhileConnectingFailsWhenTheConnectionFails() {
		tokenClient();
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			if (attempts.incrementAndGet() > 1) {
				c.respondWithError(error(40101, 401, "Invalid credentials"));
			}
		});
		client.connect();
		await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() == 1);
		Throwable error = failure(client.auth().authorizeAsync(null));
		assertThat(((AblyException) error).code()).isEqualTo(40101);
		awaitState(ConnectionState.FAILED);
	}

	@Test
	void RTC8c_authorizeWhileInitializedConnects() {
		tokenClient();
		List<MockWebSocket.PendingConnection> attempts = new CopyOnWriteArrayList<>();
		mock.onConnectionAttempt(c -> {
			attempts.add(c);
			c.respondWithSuccess(connected("connection-id", "connection-key"));
		});
		assertThat(client.connection().state()).isEqualTo(ConnectionState.INITIALIZED);
		TokenDetails token = join(client.auth().authorizeAsync(null));
		assertThat(token.token()).isEqualTo("token-1");
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(states()).containsSubsequence(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
		assertThat(attempts.get(0).params()).containsEntry("accessToken", "token-1");
	}

	@Test
	void RTC8c_authorizeWhenFailedConnectsAgain() {
		tokenClient();
		List<MockWebSocket.PendingConnection> attempts = new CopyOnWriteArrayList<>();
		mock.onConnectionAttempt(c -> {
			attempts.add(c);
			if (attempts.size() == 1) {
				c.respondWithError(error(40101, 401, "Invalid credentials"));
			}
			else {
				c.respondWithSuccess(connected("connection-id", "connection-key"));
			}
		});
		client.connect();
		awaitState(ConnectionState.FAILED);
		client.connection().on(after::add);
		TokenDetails token = join(client.auth().authorizeAsync(null));
		assertThat(token.token()).isEqualTo("token-2");
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(after).extracting(ConnectionStateChange::current).containsSubsequence(ConnectionState.CONNECTING,
				ConnectionState.CONNECTED);
		assertThat(attempts.get(1).params()).containsEntry("accessToken", "token-2");
	}

	@Test
	void RTC8c_authorizeWhenClosedConnectsAgain() {
		tokenClient();
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connected("connection-id", "connection-key")));
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.CLOSE) {
				c.sendToClient(ProtocolMessage.of(ProtocolAction.CLOSED));
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		client.connection().close();
		awaitState(ConnectionState.CLOSED);
		TokenDetails token = join(client.auth().authorizeAsync(null));
		assertThat(token.token()).isEqualTo("token-2");
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void RTC8a3_authorizeFailsAfterRealtimeRequestTimeoutWithoutAnAnswer() {
		newTokenClient(p -> token("token-" + tokens.incrementAndGet()),
				b -> b.realtime(r -> r.realtimeRequestTimeout(Duration.ofSeconds(2))));
		connect("connection-id-1", "connection-key-1");
		CompletableFuture<TokenDetails> authorize = client.auth().authorizeAsync(null);
		assertThat(mock.awaitNextMessageFromClient().action()).isEqualTo(ProtocolAction.AUTH);
		clock.advance(Duration.ofMillis(1900));
		assertThat(authorize).isNotDone();
		clock.advance(Duration.ofMillis(200));
		Throwable error = failure(authorize);
		assertThat(((AblyException) error).code()).isEqualTo(50003);
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
	}
}
