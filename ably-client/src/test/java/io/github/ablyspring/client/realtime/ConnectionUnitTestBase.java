package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.protocol.ConnectionDetails;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.auth.TokenDetails;

import static org.awaitility.Awaitility.await;

/**
 * Shared set-up of the connection, auth and client unit tests: a client on a {@link MockWebSocket} and a
 * {@link ManualScheduler}, every state change recorded, and waits that also cover work done off the event loop (token
 * requests).
 */
abstract class ConnectionUnitTestBase {

	final MockWebSocket mock = new MockWebSocket();

	final ManualScheduler clock = new ManualScheduler();

	final List<ConnectionStateChange> changes = new CopyOnWriteArrayList<>();

	AblyRealtime client;

	@AfterEach
	void stopClient() {
		if (client != null) {
			client.loop().shutdown();
		}
	}

	/** A client with key auth plus {@code customizer}; every state change lands in {@link #changes}. */
	AblyRealtime newClient(UnaryOperator<ClientOptions.Builder> customizer) {
		client = RealtimeUnitSupport.client(customizer.apply(RealtimeUnitSupport.options(mock, clock)).build(), clock);
		client.connection().on(changes::add);
		return client;
	}

	AblyRealtime newClient() {
		return newClient(b -> b);
	}

	/** A client without key that gets its tokens from {@code callback}. */
	AblyRealtime newTokenClient(io.github.ablyspring.client.auth.AuthCallback callback,
			UnaryOperator<ClientOptions.Builder> customizer) {
		return newClient(b -> customizer.apply(b.key(null).authCallback(callback)));
	}

	/** Waits for {@code state}, letting the event loop and the blocking token work run. */
	void awaitState(ConnectionState state) {
		await().atMost(5, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5)).until(() -> {
			clock.settle();
			return client.connection().state() == state;
		});
	}

	List<ConnectionState> states() {
		return changes.stream().map(ConnectionStateChange::current).toList();
	}

	/** Connects on the next attempt with {@code CONNECTED(id, key)}, and waits for CONNECTED. */
	MockWebSocket.PendingConnection connect(String id, String key) {
		client.connect();
		MockWebSocket.PendingConnection c = mock.awaitConnectionAttempt();
		c.respondWithSuccess(connected(id, key));
		awaitState(ConnectionState.CONNECTED);
		return c;
	}

	static ProtocolMessage connected(String id, String key) {
		return connected(id, key, 15_000L, 120_000L);
	}

	static ProtocolMessage connected(String id, String key, long maxIdleInterval, long connectionStateTtl) {
		return ProtocolMessage.builder(ProtocolAction.CONNECTED).connectionId(id)
			.connectionDetails(new ConnectionDetails(null, key, 65536L, 524288L, null, connectionStateTtl, "server",
					maxIdleInterval, null, null))
			.build();
	}

	static ProtocolMessage error(int code, int status, String message) {
		return ProtocolMessage.builder(ProtocolAction.ERROR).error(ErrorInfo.of(code, status, message)).build();
	}

	static ProtocolMessage disconnected(int code, int status, String message) {
		return ProtocolMessage.builder(ProtocolAction.DISCONNECTED).error(ErrorInfo.of(code, status, message)).build();
	}

	/** A token valid for an hour on the manual clock. */
	TokenDetails token(String token) {
		return new TokenDetails(token, clock.currentTimeMillis() + 3_600_000L, clock.currentTimeMillis(), null, null);
	}

	/** The exception a future failed with, waiting up to 5 s. */
	static Throwable failure(CompletableFuture<?> future) {
		await().atMost(5, TimeUnit.SECONDS).until(future::isDone);
		return future.handle((v, ex) -> ex instanceof java.util.concurrent.CompletionException c ? c.getCause() : ex)
			.join();
	}
}
