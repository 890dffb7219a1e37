package io.github.ablyspring.client.rest;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.ablyspring.client.http.Credentials;
import io.github.ablyspring.client.http.HttpCore;
import io.github.ablyspring.protocol.ChannelOptions;

/** The channels of a REST client (RSN): one {@link RestChannel} per name, created on first use. Thread-safe. */
public final class RestChannels implements Iterable<RestChannel> {

	private final ConcurrentMap<String, RestChannel> channels = new ConcurrentHashMap<>();

	private final HttpCore http;

	private final Credentials credentials;

	private final RestChannel.Settings settings;

	public RestChannels(HttpCore http, Credentials credentials, RestChannel.Settings settings) {
		this.http = http;
		this.credentials = credentials;
		this.settings = settings;
	}

	/** RSN3a: the channel of this name, created with default options if new. */
	public RestChannel get(String name) {
		Objects.requireNonNull(name, "name");
		RestChannel channel = channels.get(name);
		if (channel != null) {
			return channel;                                                         // the usual case: no lambda
		}
		return channels.computeIfAbsent(name, n -> new RestChannel(n, ChannelOptions.defaults(), http, credentials,
				settings));
	}

	/** RSN3c: the channel of this name with these options, replacing the options of an existing one. */
	public RestChannel get(String name, ChannelOptions options) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(options, "options");
		return channels.compute(name, (n, existing) -> existing != null && existing.options().equals(options)
				? existing : new RestChannel(n, options, http, credentials, settings));
	}

	/** RSN2: whether a channel of this name has been obtained. */
	public boolean exists(String name) {
		return channels.containsKey(name);
	}

	/** RSN2: the channels obtained so far (a weakly consistent view). */
	@Override
	public java.util.Iterator<RestChannel> iterator() {
		return java.util.Collections.unmodifiableCollection(channels.values()).iterator();
	}

	/** RSN4: forgets the channel. */
	public void release(String name) {
		channels.remove(name);
	}
}
