package io.github.ablyspring.server.rest;

import java.util.List;
import java.util.function.LongSupplier;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.auth.Capability;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.auth.TokenRequest;
import io.github.ablyspring.protocol.auth.TokenRequestSigner;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.TokenWireTypes;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.auth.AppKey;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.auth.Authenticator;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /keys/{keyName}/requestToken} (RSA8): a signed TokenRequest (RSA9: mac, timestamp within the window or
 * 40104, nonce used once or 40105) needs no other credentials; unsigned TokenParams need Basic auth with that key.
 * The token gets the requested ttl (default an hour, at most a day), the requested capability intersected with the
 * key's (RSA6) and the requested clientId (40012 if empty, 40102 if it contradicts the caller's).
 */
final class TokenEndpoint {

	/** How far a token request's timestamp may be from the server's clock (40104). */
	static final long TIMESTAMP_WINDOW_MILLIS = 10 * 60 * 1000L;

	static final long DEFAULT_TTL = 60 * 60 * 1000L;

	static final long MAX_TTL = 24 * 60 * 60 * 1000L;

	private final RequestAuth auth;

	private final LongSupplier clock;

	private final NonceRegistry nonces = new NonceRegistry(TIMESTAMP_WINDOW_MILLIS);

	TokenEndpoint(RequestAuth auth, LongSupplier clock) {
		this.auth = auth;
		this.clock = clock;
	}

	RestResponse requestToken(RestExchange x, List<String> params) {
		String keyName = params.get(0);
		Authenticator authenticator = auth.authenticator();
		AppKey key = authenticator.key(keyName);
		if (key == null) {
			throw Authenticator.unauthorized(ErrorCodes.INVALID_CREDENTIALS, "no such key: " + keyName);
		}
		TokenParams request = Responses.body(x).has("mac") ? verifiedSigned(x, key) : fromKeyHolder(x, key);
		String clientId = request.clientId();
		if (clientId != null && clientId.isEmpty()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CLIENT_ID, 400, "clientId must not be empty"));
		}
		TokenDetails details = authenticator.tokens()
			.issue(key, capability(request.capability(), key), clientId, clock.getAsLong(), ttl(request.ttl()));
		return Responses.of(200, x, withKeyName(details, key.keyName()), WireTypes.JSON);
	}

	/** Ably's response also names the key the token derives from, beyond TD1-TD7; SDKs and tests read it. */
	private static JsonNode withKeyName(TokenDetails details, String keyName) {
		ObjectNode body = Json.NODES.objectNode();
		body.put("token", details.token());
		if (details.expires() != null) {
			body.put("expires", details.expires());
		}
		if (details.issued() != null) {
			body.put("issued", details.issued());
		}
		body.put("capability", details.capability());
		if (details.clientId() != null) {
			body.put("clientId", details.clientId());
		}
		body.put("keyName", keyName);
		return body;
	}

	private TokenParams verifiedSigned(RestExchange x, AppKey key) {
		TokenRequest request = x.requestCodec().decode(x.body(), TokenWireTypes.TOKEN_REQUEST);
		if (!key.keyName().equals(request.keyName()) || !TokenRequestSigner.verify(request, key.secret())) {
			throw Authenticator.unauthorized(ErrorCodes.INVALID_CREDENTIALS,
					"token request signature invalid for key " + key.keyName());
		}
		long now = clock.getAsLong();
		if (request.timestamp() == null || Math.abs(now - request.timestamp()) > TIMESTAMP_WINDOW_MILLIS) {
			throw Authenticator.unauthorized(ErrorCodes.TOKEN_REQUEST_TIMESTAMP_OUTSIDE_PERMITTED_WINDOW,
					"token request timestamp " + request.timestamp() + " is outside the permitted window of "
							+ TIMESTAMP_WINDOW_MILLIS / 60_000 + " minutes around " + now);
		}
		if (request.nonce() == null || request.nonce().isEmpty()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_REQUEST_BODY, 400, "token request without a nonce"));
		}
		if (!nonces.firstUse(key.keyName(), request.nonce(), request.timestamp(), now)) {
			throw Authenticator.unauthorized(ErrorCodes.NONCE_VALUE_REPLAYED, "nonce value replayed");
		}
		return new TokenParams(request.ttl(), request.capability(), request.clientId(), request.timestamp(),
				request.nonce());
	}

	/** Unsigned params: only the key's holder may ask, and a clientId it claims binds the token. */
	private TokenParams fromKeyHolder(RestExchange x, AppKey key) {
		AuthContext caller = auth.authenticate(x);
		if (!caller.basic()) {
			throw Authenticator.unauthorized(ErrorCodes.INVALID_CREDENTIALS,
					"an unsigned token request needs Basic auth with key " + key.keyName() + ", or a signed request");
		}
		if (!caller.keyName().equals(key.keyName())) {
			throw Authenticator.unauthorized(ErrorCodes.INVALID_CREDENTIALS,
					"an unsigned token request must be authenticated with the key it names");
		}
		TokenParams params = x.requestCodec().decode(x.body(), TokenWireTypes.TOKEN_PARAMS);
		String claimed = caller.clientId();
		if (claimed == null || params.clientId() == null) {
			return claimed == null ? params : params.toBuilder().clientId(claimed).build();
		}
		if (!claimed.equals(params.clientId())) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INCOMPATIBLE_CREDENTIALS, 401, "requested clientId '"
					+ params.clientId() + "' is incompatible with the caller's clientId '" + claimed + "'"));
		}
		return params;
	}

	private static Capability capability(@Nullable String requested, AppKey key) {
		if (requested == null || requested.isBlank()) {
			return key.capability();
		}
		return TokenCapabilities.intersect(TokenCapabilities.parseRequested(requested), key.capability());
	}

	private static long ttl(@Nullable Long requested) {
		if (requested == null || requested == 0) {
			return DEFAULT_TTL;
		}
		if (requested < 0 || requested > MAX_TTL) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400,
					"ttl must be between 1 and " + MAX_TTL + " ms (24 hours), not " + requested));
		}
		return requested;
	}
}
