package io.github.ablyspring.client.realtime;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.ablyspring.client.rest.RestChannels;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolMessage;

/** RTS: the channels of a realtime client, created on first use. Thread-safe. */
public final class RealtimeChannels implements ConnectionManager.ChannelHooks {

	private static final Log logger = LogFactory.getLog(RealtimeChannels.class);

	private final ConnectionManager connection;

	private final RestChannels rest;

	private final Executor listenerExecutor;

	private final Map<String, RealtimeChannel> channels = new ConcurrentHashMap<>();

	RealtimeChannels(ConnectionManager connection, RestChannels rest, Executor listenerExecutor) {
		this.connection = connection;
		this.rest = rest;
		this.listenerExecutor = listenerExecutor;
	}

	/** RTS3a: the channel called {@code name}, created with default options if new. */
	public RealtimeChannel get(String name) {
		Objects.requireNonNull(name, "name");
		RealtimeChannel existing = channels.get(name);
		return existing != null ? existing : create(name, ChannelOptions.defaults());
	}

	/**
	 * RTS3b, RTS3c: the channel with {@code options}; for an existing channel they are applied, unless that would
	 * need a re-attach (new params or modes on an attached channel, RTS3c1: 40000, use setOptions).
	 */
	public RealtimeChannel get(String name, ChannelOptions options) {
		Objects.requireNonNull(options, "options");
		RealtimeChannel existing = channels.get(name);
		if (existing == null) {
			return create(name, options);
		}
		ChannelState state = existing.state();
		boolean reattach = !options.params().equals(existing.options().params())
				|| !options.modes().equals(existing.options().modes());
		if (reattach && (state == ChannelState.ATTACHED || state == ChannelState.ATTACHING)) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400,
					"channels.get() cannot change params or modes of an attached channel; use setOptions() (RTS3c1)"));
		}
		existing.setOptions(options);
		return existing;
	}

	/**
	 * RTS5: a derived channel, filtered on the server by {@code derive}'s filter expression (RTS5a1) and, with
	 * params in {@code options}, qualified by them too (RTS5a2).
	 */
	public RealtimeChannel getDerived(String name, DeriveOptions derive, ChannelOptions options) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(derive, "derive");
		StringBuilder qualifier = new StringBuilder("[filter=")
			.append(Base64.getEncoder().encodeToString(derive.filter().getBytes(StandardCharsets.UTF_8)));
		if (!options.params().isEmpty()) {
			StringJoiner query = new StringJoiner("&", "?", "");
			options.params().forEach((k, v) -> query.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(v, StandardCharsets.UTF_8)));
			qualifier.append(query);
		}
		return get(qualifier.append(']').append(name).toString(), options);
	}

	public RealtimeChannel getDerived(String name, DeriveOptions derive) {
		return getDerived(name, derive, ChannelOptions.defaults());
	}

	/** RTS2: whether a channel of this name exists. */
	public boolean exists(String name) {
		return channels.containsKey(name);
	}

	/** RTS2: the names of the channels created so far. */
	public Set<String> names() {
		return Set.copyOf(channels.keySet());
	}

	/** The channels created so far. */
	public Collection<RealtimeChannel> all() {
		return List.copyOf(channels.values());
	}

	/**
	 * RTS4: detaches and removes the channel, completing once it is gone; a later {@link #get} makes a new one. An
	 * unknown name completes at once.
	 */
	public CompletableFuture<Void> release(String name) {
		RealtimeChannel channel = channels.get(name);
		return channel != null ? channel.release() : CompletableFuture.completedFuture(null);
	}

	/** RTN16g: the serials to resume each attached channel from. */
	Map<String, String> serials() {
		Map<String, String> serials = new LinkedHashMap<>();
		for (RealtimeChannel channel : channels.values()) {
			String serial = channel.properties().channelSerial();
			if (channel.state() == ChannelState.ATTACHED && serial != null) {
				serials.put(channel.name(), serial);
			}
		}
		return serials;
	}

	private RealtimeChannel create(String name, ChannelOptions options) {
		return channels.computeIfAbsent(name, n -> new RealtimeChannel(n, options, connection,
				rest.get(n, options), new SerialExecutor(listenerExecutor), () -> channels.remove(n),
				connection.recoveredChannelSerials().get(n)));
	}

	// ---------------------------------------------------------------- from the connection (on the loop)

	@Override
	public void onConnected(boolean resumed) {
		forEach(c -> c.onConnectionConnected(resumed));
	}

	@Override
	public void onSuspended(ErrorInfo reason) {
		forEach(c -> c.onConnectionSuspended(reason));
	}

	@Override
	public void onClosed() {
		forEach(RealtimeChannel::onConnectionClosed);
	}

	@Override
	public void onFailed(ErrorInfo reason) {
		forEach(c -> c.onConnectionFailed(reason));
	}

	@Override
	public void onChannelMessage(ProtocolMessage message) {
		String name = message.channel();
		RealtimeChannel channel = name != null ? channels.get(name) : null;
		if (channel == null) {
			logger.warn("ignored a " + message.action() + " for channel '" + name + "' that this client does not have");
			return;
		}
		channel.onMessage(message);
	}

	private void forEach(java.util.function.Consumer<RealtimeChannel> action) {
		for (RealtimeChannel channel : new ArrayList<>(channels.values())) {
			action.accept(channel);
		}
	}

	@Override
	public String toString() {
		return "RealtimeChannels" + channels.keySet();
	}
}
