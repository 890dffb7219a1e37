package io.github.ablyspring.server.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.auth.Authenticator;
import io.github.ablyspring.server.http.RestExchange;

import org.jspecify.annotations.Nullable;

/**
 * Who a REST request is (RSA1-RSA4, RSA7e): the {@code key} or {@code access_token} query parameter, else the
 * {@code Authorization} header; a Basic-auth client names its identity in {@code X-Ably-ClientId} (base64).
 */
final class RequestAuth {

	private final Authenticator authenticator;

	RequestAuth(Authenticator authenticator) {
		this.authenticator = authenticator;
	}

	Authenticator authenticator() {
		return authenticator;
	}

	AuthContext authenticate(RestExchange x) {
		String key = x.query("key");
		String token = x.query("access_token") != null ? x.query("access_token") : x.query("accessToken");
		AuthContext auth = key != null ? authenticator.fromKey(key)
				: token != null ? authenticator.fromToken(token)
						: authenticator.fromAuthorizationHeader(x.header("Authorization"));
		String clientId = headerClientId(x);
		if (clientId == null || clientId.equals(auth.clientId())) {
			return auth;
		}
		if (auth.basic() || auth.isWildcardClient()) {
			return auth.withClientId(clientId);
		}
		throw new AblyException(ErrorInfo.of(ErrorCodes.INCOMPATIBLE_CREDENTIALS, 401,
				"X-Ably-ClientId '" + clientId + "' does not match the token's clientId"));
	}

	/** The identity a request claims in {@code X-Ably-ClientId}, decoded. */
	static @Nullable String headerClientId(RestExchange x) {
		String header = x.header("X-Ably-ClientId");
		if (header == null) {
			return null;
		}
		try {
			String clientId = new String(Base64.getDecoder().decode(header.trim()), StandardCharsets.UTF_8);
			if (clientId.isEmpty() || clientId.equals("*")) {
				throw new IllegalArgumentException("reserved");
			}
			return clientId;
		}
		catch (IllegalArgumentException ex) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CLIENT_ID, 400,
					"X-Ably-ClientId must be a base64-encoded clientId other than '*'"));
		}
	}

	/** 40160 unless the context may do one of {@code operations} on {@code channel}. */
	static void require(AuthContext auth, String channel, String... operations) {
		for (String operation : operations) {
			if (auth.capability().allows(channel, operation)) {
				return;
			}
		}
		throw new AblyException(ErrorInfo.of(ErrorCodes.CAPABILITY_DENIED, 401,
				"permission denied: no " + String.join(" or ", operations) + " capability on channel " + channel));
	}
}
