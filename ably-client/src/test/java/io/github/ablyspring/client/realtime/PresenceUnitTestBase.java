package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ConnectionDetails;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolFlag;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The scripted server of the realtime presence unit tests (uts/realtime/unit/presence): each connection attempt is
 * answered with CONNECTED {@code conn-N}, and each client message goes to {@link #onClientMessage}, which by default
 * answers ATTACH with ATTACHED and PRESENCE with ACK, recording every PRESENCE the client sent.
 */
abstract class PresenceUnitTestBase {

	static final String CHANNEL = "presence-test";

	final MockWebSocket mock = new MockWebSocket();

	final ManualScheduler clock = new ManualScheduler();

	/** How many connections the server accepted; the current one is {@code conn-<count>}. */
	final AtomicInteger connectionCount = new AtomicInteger();

	/** Every PRESENCE ProtocolMessage the client sent. */
	final List<ProtocolMessage> capturedPresence = new CopyOnWriteArrayList<>();

	/** The clientId the server grants in CONNECTED (e.g. "*" for a wildcard token); null for none. */
	volatile @Nullable String grantedClientId;

	/** What the scripted server does with each client message; replace it to script another server. */
	volatile BiConsumer<MockWebSocket.PendingConnection, ProtocolMessage> onClientMessage = this::attachAndAck;

	AblyRealtime client;

	@AfterEach
	void shutdown() {
		if (client != null) {
			client.loop().shutdown();
		}
	}

	/** A connected client with {@code clientId} in its options. */
	AblyRealtime connect(String clientId) {
		return connectWith(RealtimeUnitSupport.options(mock, clock).clientId(clientId));
	}

	/** A connected client without a clientId in its options. */
	AblyRealtime connectAnonymous() {
		return connectWith(RealtimeUnitSupport.options(mock, clock));
	}

	AblyRealtime connectWith(ClientOptions.Builder options) {
		acceptConnections();
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.PRESENCE) {
				capturedPresence.add(m);
			}
			onClientMessage.accept(c, m);
		});
		client = RealtimeUnitSupport.client(options.build(), clock);
		client.connect();
		settle();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		return client;
	}

	RealtimeChannel channel() {
		return client.channels().get(CHANNEL);
	}

	/** Lets the event loop run every chain of tasks queued now (replies of the scripted server included). */
	void settle() {
		for (int i = 0; i < 5; i++) {
			clock.settle();
		}
	}

	// ---------------------------------------------------------------- the scripted server

	/** The default server: ATTACHED for ATTACH, DETACHED for DETACH, ACK for PRESENCE. */
	void attachAndAck(MockWebSocket.PendingConnection c, ProtocolMessage m) {
		switch (m.action()) {
			case ATTACH -> c.sendToClient(attached(false));
			case DETACH -> c.sendToClient(ProtocolMessage.builder(ProtocolAction.DETACHED).channel(CHANNEL).build());
			case PRESENCE -> c.sendToClient(ack(m));
			default -> {
			}
		}
	}

	/**
	 * The default server, and each PRESENCE echoed back as the real service does: with the connection's id, the
	 * connection's clientId when the message had none, and an id of {@code connectionId:msgSerial:index}.
	 */
	void attachAckAndEcho(MockWebSocket.PendingConnection c, ProtocolMessage m, String connectionClientId) {
		attachAndAck(c, m);
		if (m.action() == ProtocolAction.PRESENCE) {
			c.sendToClient(echo(m, connectionClientId));
		}
	}

	ProtocolMessage echo(ProtocolMessage m, String connectionClientId) {
		String connectionId = "conn-" + connectionCount.get();
		List<PresenceMessage> items = m.presence();
		List<PresenceMessage> echoed = new java.util.ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			PresenceMessage p = items.get(i);
			echoed.add(p.toBuilder().clientId(p.clientId() != null ? p.clientId() : connectionClientId)
				.connectionId(connectionId).id(connectionId + ":" + m.msgSerial() + ":" + i)
				.timestamp(clock.currentTimeMillis()).build());
		}
		return ProtocolMessage.builder(ProtocolAction.PRESENCE).channel(CHANNEL).connectionId(connectionId)
			.presence(echoed).build();
	}

	static ProtocolMessage attached(boolean hasPresence, ProtocolFlag... flags) {
		ProtocolMessage.Builder b = ProtocolMessage.builder(ProtocolAction.ATTACHED).channel(CHANNEL);
		long mask = hasPresence ? ProtocolFlag.HAS_PRESENCE.mask() : 0;
		for (ProtocolFlag f : flags) {
			mask |= f.mask();
		}
		if (mask != 0) {
			b.flags(mask);
		}
		return b.build();
	}

	static ProtocolMessage ack(ProtocolMessage m) {
		return ProtocolMessage.builder(ProtocolAction.ACK).msgSerial(m.msgSerial()).count(1).build();
	}

	static ProtocolMessage nack(ProtocolMessage m, ErrorInfo error) {
		return ProtocolMessage.builder(ProtocolAction.NACK).msgSerial(m.msgSerial()).count(1).error(error).build();
	}

	static ProtocolMessage sync(@Nullable String channelSerial, PresenceMessage... members) {
		return ProtocolMessage.builder(ProtocolAction.SYNC).channel(CHANNEL).channelSerial(channelSerial)
			.presence(List.of(members)).build();
	}

	static ProtocolMessage presence(PresenceMessage... messages) {
		return ProtocolMessage.builder(ProtocolAction.PRESENCE).channel(CHANNEL).presence(List.of(messages)).build();
	}

	static ProtocolMessage channelError(int code, String message) {
		return ProtocolMessage.builder(ProtocolAction.ERROR).channel(CHANNEL).error(ErrorInfo.of(code, 400, message))
			.build();
	}

	/** A member message as the UTS tests write them: {@code id} and {@code timestamp} given. */
	static PresenceMessage member(PresenceAction action, String clientId, String connectionId, String id,
			long timestamp) {
		return member(action, clientId, connectionId, id, timestamp, null);
	}

	static PresenceMessage member(PresenceAction action, String clientId, String connectionId, String id,
			long timestamp, @Nullable Object data) {
		return PresenceMessage.builder().action(action).clientId(clientId).connectionId(connectionId).id(id)
			.timestamp(timestamp).data(data).build();
	}

	/** Sends to the client on the current connection and lets it process the message. */
	void serverSends(ProtocolMessage message) {
		mock.active().sendToClient(message);
		settle();
	}

	// ---------------------------------------------------------------- futures

	static <T> T await(CompletableFuture<T> future) {
		try {
			return future.get(5, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("expected success but failed with " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new AssertionError("no result within 5 s", ex);
		}
	}

	/** The ErrorInfo a future failed with; fails the test when it succeeds or does not finish. */
	static ErrorInfo failure(CompletableFuture<?> future) {
		try {
			Object value = future.get(5, TimeUnit.SECONDS);
			return fail("expected a failure but got " + value);
		}
		catch (ExecutionException | CompletionException ex) {
			Throwable cause = ex.getCause();
			assertThat(cause).isInstanceOf(AblyException.class);
			return ((AblyException) cause).errorInfo();
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new AssertionError("no result within 5 s", ex);
		}
	}

	/** Drops the transport and moves the clock past the retry delay, so the client reconnects. */
	void dropAndReconnect() {
		mock.active().simulateDisconnect(null);
		settle();
		for (int i = 0; i < 10 && client.connection().state() != ConnectionState.CONNECTED; i++) {
			clock.advance(Duration.ofSeconds(1));
			settle();
		}
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
	}

	/** Answers each connection attempt with CONNECTED as a new connection {@code conn-N}. */
	void acceptConnections() {
		mock.onConnectionAttempt(c -> {
			int n = connectionCount.incrementAndGet();
			c.respondWithSuccess(ProtocolMessage.builder(ProtocolAction.CONNECTED).connectionId("conn-" + n)
				.connectionDetails(new ConnectionDetails(grantedClientId, "key-" + n, 65536L, 524288L, null,
						120_000L, "server", 15_000L, null, null))
				.build());
		});
	}

	/** After {@link #dropUntilSuspended()}: accepts connections again and waits for the SUSPENDED retry. */
	void reconnectFromSuspended() {
		acceptConnections();
		for (int i = 0; i < 10 && client.connection().state() != ConnectionState.CONNECTED; i++) {
			clock.advance(Duration.ofSeconds(31));
		}
		settle();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
	}

	/** Drops the transport and refuses every reconnect until the connection (and its channels) are SUSPENDED. */
	void dropUntilSuspended() {
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithRefused);
		mock.active().simulateDisconnect(null);
		settle();
		for (int i = 0; i < 20 && client.connection().state() != ConnectionState.SUSPENDED; i++) {
			clock.advance(Duration.ofSeconds(31));
		}
		settle();
		assertThat(client.connection().state()).isEqualTo(ConnectionState.SUSPENDED);
	}

	static <T> Consumer<T> into(List<T> list) {
		return list::add;
	}
}
