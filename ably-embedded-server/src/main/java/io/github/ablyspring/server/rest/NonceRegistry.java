package io.github.ablyspring.server.rest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The nonces of the signed token requests seen (RSA9c): each may be used once per key while its timestamp is within
 * the permitted window; older ones are forgotten, as their requests are refused by timestamp anyway.
 */
final class NonceRegistry {

	private static final int PRUNE_ABOVE = 10_000;

	private final Map<String, Long> seen = new ConcurrentHashMap<>();

	private final long windowMillis;

	NonceRegistry(long windowMillis) {
		this.windowMillis = windowMillis;
	}

	/** Records a nonce; false when the key has used it already. */
	boolean firstUse(String keyName, String nonce, long timestamp, long now) {
		if (seen.size() > PRUNE_ABOVE) {
			seen.values().removeIf(t -> t < now - 2 * windowMillis);
		}
		return seen.putIfAbsent(keyName + "\n" + nonce, timestamp) == null;
	}
}
