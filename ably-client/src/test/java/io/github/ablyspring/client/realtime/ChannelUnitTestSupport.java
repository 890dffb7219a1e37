package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.RealtimeOptions;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolFlag;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared plumbing of the channel unit tests (uts/realtime/unit/channels): a client on a {@link MockWebSocket} that
 * answers every connection attempt with CONNECTED unless told otherwise (and CLOSE with CLOSED), a record of what the client sent, and
 * builders of the server's channel messages.
 */
abstract class ChannelUnitTestSupport {

	final MockWebSocket mock = new MockWebSocket();

	final ManualScheduler clock = new ManualScheduler();

	/** Every message the client sent, in order. */
	final List<ProtocolMessage> fromClient = new CopyOnWriteArrayList<>();

	@Nullable AblyRealtime client;

	private volatile BiConsumer<MockWebSocket.PendingConnection, ProtocolMessage> server = (c, m) -> {
	};

	@AfterEach
	void shutdown() {
		if (client != null) {
			client.loop().shutdown();
		}
	}

	/** A client (not yet connected) whose connection attempts all succeed. */
	AblyRealtime newClient() {
		return newClient(r -> r);
	}

	AblyRealtime newClient(UnaryOperator<RealtimeOptions.Builder> realtime) {
		mock.onConnectionAttempt(c -> c.respondWithSuccess(RealtimeUnitSupport.connected("conn-1", "key-1")));
		mock.onMessageFromClient((c, m) -> {
			fromClient.add(m);
			if (m.action() == ProtocolAction.CLOSE) {
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.CLOSED).build());          // as a server would
				return;
			}
			server.accept(c, m);
		});
		ClientOptions options = RealtimeUnitSupport.options(mock, clock).realtime(realtime).build();
		client = RealtimeUnitSupport.client(options, clock);
		return client;
	}

	/** A connected client. */
	AblyRealtime connectedClient(UnaryOperator<RealtimeOptions.Builder> realtime) {
		AblyRealtime c = newClient(realtime);
		c.connect();
		clock.settle();
		assertThat(c.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		return c;
	}

	AblyRealtime connectedClient() {
		return connectedClient(r -> r);
	}

	/** How the scripted server answers each client message. */
	void serve(BiConsumer<MockWebSocket.PendingConnection, ProtocolMessage> handler) {
		this.server = handler;
	}

	/** A server that answers ATTACH with ATTACHED and DETACH with DETACHED. */
	void serveAttachAndDetach() {
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
			else if (m.action() == ProtocolAction.DETACH) {
				c.sendToClient(detached(m.channel(), null));
			}
		});
	}

	List<ProtocolMessage> sent(ProtocolAction action) {
		return fromClient.stream().filter(m -> m.action() == action).toList();
	}

	static ProtocolMessage attached(@Nullable String channel) {
		return ProtocolMessage.builder(ProtocolAction.ATTACHED).channel(channel).build();
	}

	static ProtocolMessage attached(String channel, @Nullable String serial, ProtocolFlag... flags) {
		long mask = 0;
		for (ProtocolFlag f : flags) {
			mask |= f.mask();
		}
		ProtocolMessage.Builder b = ProtocolMessage.builder(ProtocolAction.ATTACHED).channel(channel)
			.channelSerial(serial);
		if (mask != 0) {
			b.flags(mask);
		}
		return b.build();
	}

	static ProtocolMessage detached(@Nullable String channel, @Nullable ErrorInfo error) {
		return ProtocolMessage.builder(ProtocolAction.DETACHED).channel(channel).error(error).build();
	}

	static ProtocolMessage channelError(String channel, int code, int status, String message) {
		return ProtocolMessage.builder(ProtocolAction.ERROR).channel(channel)
			.error(ErrorInfo.of(code, status, message))
			.build();
	}

	/** Lets the loop run, then the future's value (failing the test if it does not complete). */
	<T> T await(CompletableFuture<T> future) {
		clock.settle();
		try {
			return future.get(5, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new AssertionError("expected success, got " + ex.getCause(), ex.getCause());
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	/** Lets the loop run, then the error the future failed with. */
	ErrorInfo awaitFailure(CompletableFuture<?> future) {
		clock.settle();
		try {
			Object value = future.get(5, TimeUnit.SECONDS);
			throw new AssertionError("expected a failure, got " + value);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			assertThat(cause).isInstanceOf(AblyException.class);
			return ((AblyException) cause).errorInfo();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	void awaitUntil(BooleanSupplier condition) {
		clock.settle();
		Awaitility.await().atMost(Duration.ofSeconds(5)).until(condition::getAsBoolean);
	}

	void awaitState(RealtimeChannel channel, ChannelState state) {
		awaitUntil(() -> channel.state() == state);
	}

	/** Advances the clock in steps until {@code condition} holds (or {@code steps} run out). */
	void advanceUntil(Duration step, int steps, BooleanSupplier condition) {
		for (int i = 0; i < steps && !condition.getAsBoolean(); i++) {
			clock.advance(step);
		}
		assertThat(condition.getAsBoolean()).as("condition reached by advancing the clock").isTrue();
	}

	/** Drives the connection from CONNECTED to SUSPENDED: every reconnection attempt is refused. */
	void suspendConnection(AblyRealtime c) {
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithRefused);
		mock.active().simulateDisconnect(null);
		advanceUntil(Duration.ofSeconds(5), 60, () -> c.connection().state() == ConnectionState.SUSPENDED);
	}

	/** From now on connection attempts succeed again. */
	void allowConnections() {
		mock.onConnectionAttempt(c -> c.respondWithSuccess(RealtimeUnitSupport.connected("conn-1", "key-1")));
	}
}
