package io.github.ablyspring.server.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.github.ablyspring.protocol.auth.Capability;
import io.github.ablyspring.protocol.auth.TokenDetails;

import org.jspecify.annotations.Nullable;

/** Opaque Ably tokens issued by this server, with revocation and forced expiry for tests. Thread-safe. */
public final class TokenStore {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

	private final Map<String, Long> revoked = new ConcurrentHashMap<>();

	public TokenDetails issue(AppKey key, Capability capability, @Nullable String clientId, long now, long ttl) {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		// A recognisable prefix keeps Ably tokens apart from JWTs (which contain dots).
		String token = key.appId() + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		IssuedToken issued = new IssuedToken(key.keyName(), capability, clientId, now, now + ttl);
		tokens.put(token, issued);
		return new TokenDetails(token, issued.expires(), now, capability.toJson(), clientId);
	}

	@Nullable IssuedToken find(String token) {
		return tokens.get(token);
	}

	boolean isRevoked(String token) {
		return revoked.containsKey(token);
	}

	/** Revokes the tokens of a key that match, e.g. by clientId (RSA17); returns how many. */
	public int revoke(String keyName, Predicate<@Nullable String> clientIdMatches) {
		int count = 0;
		for (Map.Entry<String, IssuedToken> e : tokens.entrySet()) {
			IssuedToken t = e.getValue();
			if (t.keyName().equals(keyName) && clientIdMatches.test(t.clientId())) {
				revoked.put(e.getKey(), System.currentTimeMillis());
				count++;
			}
		}
		return count;
	}

	/** Fault injection: every token issued so far expires at {@code now}. */
	public void expireAll(long now) {
		tokens.replaceAll((token, t) -> new IssuedToken(t.keyName(), t.capability(), t.clientId(), t.issued(),
				Math.min(t.expires(), now)));
	}
}
