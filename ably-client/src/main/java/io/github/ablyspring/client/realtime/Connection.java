package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.ConnectionDetails;
import io.github.ablyspring.protocol.ErrorInfo;

/**
 * RTN: the connection of a realtime client: its state, id and key, state listeners, and explicit connect, close and
 * ping. Thread-safe; state reads are immediate, changes happen on the client's event loop.
 */
public final class Connection {

	private final ConnectionManager manager;

	private final Listeners<ConnectionStateChange> listeners;

	private final RealtimeChannels channels;

	Connection(ConnectionManager manager, Listeners<ConnectionStateChange> listeners, RealtimeChannels channels) {
		this.manager = manager;
		this.listeners = listeners;
		this.channels = channels;
	}

	/** RTN4d. */
	public ConnectionState state() {
		return manager.state();
	}

	/** RTN8: the connection id, unique per connection, once connected. */
	public @Nullable String id() {
		return manager.id();
	}

	/** RTN9: the private connection key (used to resume); a credential, never logged. */
	public @Nullable String key() {
		return manager.key();
	}

	/** RTN25: the error of the last failure, or null. */
	public @Nullable ErrorInfo errorReason() {
		return manager.errorReason();
	}

	/** RTN21: the details of the last CONNECTED. */
	public @Nullable ConnectionDetails details() {
		return manager.details();
	}

	/** RTN11: connects (again); no effect while connecting or connected. */
	public void connect() {
		manager.loop().execute(manager::connect);
	}

	/** RTN12: closes gracefully; the client can connect again later. */
	public void close() {
		manager.loop().execute(manager::close);
	}

	/** RTN13: a HEARTBEAT round trip; fails after realtimeRequestTimeout or in a state that cannot ping. */
	public CompletableFuture<Duration> ping() {
		return manager.loop().call(manager::ping).thenCompose(f -> f);
	}

	/** RTN16g: a key another client can pass as the {@code recover} option, or null when there is nothing to recover. */
	public CompletableFuture<@Nullable String> createRecoveryKey() {
		return manager.loop().call(() -> manager.createRecoveryKey(channels.serials()));
	}

	/** RTN4a: every state change and UPDATE. */
	public Subscription on(Consumer<ConnectionStateChange> listener) {
		return listeners.add(e -> true, listener);
	}

	/** RTN4a: changes with {@code event} only. */
	public Subscription on(ConnectionEvent event, Consumer<ConnectionStateChange> listener) {
		return listeners.add(e -> e.event() == event, listener);
	}

	public Subscription once(ConnectionEvent event, Consumer<ConnectionStateChange> listener) {
		return listeners.once(e -> e.event() == event, listener);
	}

	/**
	 * RTN26: completes when the connection is in {@code target}, at once if it already is. It does not fail on its
	 * own: combine it with a timeout ({@code orTimeout}).
	 */
	public CompletableFuture<ConnectionState> whenState(ConnectionState target) {
		CompletableFuture<ConnectionState> result = new CompletableFuture<>();
		Subscription sub = listeners.once(e -> e.current() == target, e -> result.complete(target));
		manager.loop().execute(() -> {
			if (manager.state() == target) {
				sub.unsubscribe();
				result.complete(target);
			}
		});
		return result;
	}

	@Override
	public String toString() {
		return "Connection[" + manager.state() + ", id=" + manager.id() + "]";
	}
}
