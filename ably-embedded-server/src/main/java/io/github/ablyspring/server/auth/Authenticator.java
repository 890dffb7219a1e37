package io.github.ablyspring.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.auth.Capability;
import io.github.ablyspring.protocol.codec.Json;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns credentials into an {@link AuthContext}: Basic key auth, the {@code key} param, Ably tokens issued by this
 * server, and Ably JWTs signed HS256 with a key secret ({@code kid} = key name). Failures are {@link AblyException}s
 * with Ably's codes (40101 bad key, 40142 expired, 40141 revoked, 40143 unknown token, 40144 invalid JWT).
 */
public final class Authenticator {

	private final Map<String, AppKey> keys;

	private final TokenStore tokens;

	private final LongSupplier clock;

	public Authenticator(List<AppKey> keys, TokenStore tokens, LongSupplier clock) {
		this.keys = keys.stream().collect(Collectors.toUnmodifiableMap(AppKey::keyName, k -> k, (a, b) -> b));
		this.tokens = tokens;
		this.clock = clock;
	}

	public @Nullable AppKey key(String keyName) {
		return keys.get(keyName);
	}

	public TokenStore tokens() {
		return tokens;
	}

	/** An {@code Authorization} header: {@code Basic base64(key)} or {@code Bearer base64(token)}. */
	public AuthContext fromAuthorizationHeader(@Nullable String header) {
		if (header == null || header.isBlank()) {
			throw unauthorized(ErrorCodes.NO_VALID_AUTHENTICATION_METHOD_PROVIDED, "no credentials provided");
		}
		int space = header.indexOf(' ');
		String scheme = space < 0 ? header : header.substring(0, space);
		String value = space < 0 ? "" : header.substring(space + 1).trim();
		if (scheme.equalsIgnoreCase("Basic")) {
			return fromKey(decodeBase64(value, ErrorCodes.INVALID_CREDENTIALS));
		}
		if (scheme.equalsIgnoreCase("Bearer")) {
			// SDKs send the token base64-encoded; a raw JWT or token is accepted too.
			String token = value.contains(".") || value.contains("-") ? value : decodeBase64Lenient(value);
			return fromToken(token);
		}
		throw unauthorized(ErrorCodes.INVALID_CREDENTIALS, "unsupported authorization scheme " + scheme);
	}

	public AuthContext fromKey(String key) {
		int colon = key.indexOf(':');
		AppKey appKey = colon < 0 ? null : keys.get(key.substring(0, colon));
		if (appKey == null || !MessageDigest.isEqual(appKey.secret().getBytes(StandardCharsets.UTF_8),
				key.substring(colon + 1).getBytes(StandardCharsets.UTF_8))) {
			throw unauthorized(ErrorCodes.INVALID_CREDENTIALS, "invalid key: no such key or wrong secret");
		}
		return new AuthContext(appKey.keyName(), appKey.capability(), null, null, true);
	}

	public AuthContext fromToken(String token) {
		if (token.isBlank()) {
			throw unauthorized(ErrorCodes.TOKEN_UNRECOGNIZED, "empty token");
		}
		if (token.chars().filter(c -> c == '.').count() == 2) {
			return fromJwt(token);
		}
		IssuedToken issued = tokens.find(token);
		if (issued == null) {
			throw unauthorized(ErrorCodes.TOKEN_UNRECOGNIZED, "token not recognised");
		}
		if (tokens.isRevoked(token)) {
			throw unauthorized(ErrorCodes.TOKEN_REVOKED, "token revoked");
		}
		if (issued.expires() <= clock.getAsLong()) {
			throw unauthorized(ErrorCodes.TOKEN_EXPIRED, "token expired");
		}
		return new AuthContext(issued.keyName(), issued.capability(), issued.clientId(), issued.expires(), false);
	}

	private AuthContext fromJwt(String jwt) {
		String[] parts = jwt.split("\\.");
		JsonNode header;
		JsonNode claims;
		try {
			header = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
			claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
		}
		catch (RuntimeException ex) {
			throw unauthorized(ErrorCodes.INVALID_JWT, "malformed JWT");
		}
		AppKey key = keys.get(header.path("kid").asString(""));
		if (key == null || !"HS256".equals(header.path("alg").asString(""))) {
			throw unauthorized(ErrorCodes.INVALID_JWT, "JWT must be HS256 with kid naming a known key");
		}
		if (!MessageDigest.isEqual(hmac(key.secret(), parts[0] + "." + parts[1]), decodeUrl(parts[2]))) {
			throw unauthorized(ErrorCodes.INVALID_JWT, "JWT signature does not verify");
		}
		long expMillis = claims.path("exp").asLong(0) * 1000;
		if (expMillis <= clock.getAsLong()) {
			throw unauthorized(ErrorCodes.TOKEN_EXPIRED, "JWT expired");
		}
		Capability capability = key.capability();
		JsonNode cap = claims.get("x-ably-capability");
		if (cap != null) {
			Capability requested = Capability.parse(cap.isString() ? cap.stringValue() : cap.toString());
			if (!requested.isSubsetOf(key.capability())) {
				throw unauthorized(ErrorCodes.INVALID_JWT, "JWT capability exceeds the key's");
			}
			capability = requested;
		}
		JsonNode clientId = claims.get("x-ably-clientId");
		return new AuthContext(key.keyName(), capability, clientId == null ? null : clientId.asString(), expMillis,
				false);
	}

	static byte[] hmac(String secret, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	private static byte[] decodeUrl(String text) {
		try {
			return Base64.getUrlDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			return new byte[0];
		}
	}

	private static String decodeBase64(String text, int code) {
		try {
			return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw unauthorized(code, "credentials are not valid base64");
		}
	}

	private static String decodeBase64Lenient(String text) {
		try {
			return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text;
		}
	}

	public static AblyException unauthorized(int code, String message) {
		return new AblyException(ErrorInfo.of(code, 401, message));
	}
}
