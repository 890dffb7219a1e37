package io.github.ablyspring.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

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
 * with Ably's codes (40101 bad key, 40142 expired, 40141 revoked, 40143 unknown token, 40144 invalid JWT). Keys can
 * be added and removed at runtime (test apps provisioned over {@code POST /apps}); tokens can be revoked by rule
 * (RSA17).
 */
public final class Authenticator {

	private final Map<String, AppKey> keys = new ConcurrentHashMap<>();

	private final List<Revocation> revocations = new CopyOnWriteArrayList<>();

	/** When each token in use was issued, so live connections can be matched against a revocation. */
	private final Map<TokenIdentity, Long> issuedAt = new ConcurrentHashMap<>();

	private final TokenStore tokens;

	private final LongSupplier clock;

	public Authenticator(List<AppKey> keys, TokenStore tokens, LongSupplier clock) {
		keys.forEach(this::addKey);
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
		if (keys.get(issued.keyName()) == null) {
			throw unauthorized(ErrorCodes.TOKEN_UNRECOGNIZED, "the key that issued this token no longer exists");
		}
		if (tokens.isRevoked(token) || isRevoked(issued.keyName(), issued.clientId(), null, issued.issued())) {
			throw unauthorized(ErrorCodes.TOKEN_REVOKED, "token revoked");
		}
		if (issued.expires() <= clock.getAsLong()) {
			throw unauthorized(ErrorCodes.TOKEN_EXPIRED, "token expired");
		}
		remember(issued.keyName(), issued.clientId(), issued.expires(), issued.issued());
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
			Capability requested;
			try {
				requested = Capability.parse(cap.isString() ? cap.stringValue() : cap.toString());
			}
			catch (AblyException ex) {
				throw unauthorized(ErrorCodes.INVALID_JWT, "JWT x-ably-capability is not a valid capability");
			}
			if (!requested.isSubsetOf(key.capability())) {
				throw unauthorized(ErrorCodes.INVALID_JWT, "JWT capability exceeds the key's");
			}
			capability = requested;
		}
		JsonNode clientIdClaim = claims.get("x-ably-clientId");
		String clientId = clientIdClaim == null ? null : clientIdClaim.asString();
		long issuedMillis = claims.path("iat").asLong(0) * 1000;
		JsonNode revocationKey = claims.get("x-ably-revocation-key");
		if (isRevoked(key.keyName(), clientId, revocationKey == null ? null : revocationKey.asString(),
				issuedMillis)) {
			throw unauthorized(ErrorCodes.TOKEN_REVOKED, "token revoked");
		}
		remember(key.keyName(), clientId, expMillis, issuedMillis);
		return new AuthContext(key.keyName(), capability, clientId, expMillis, false);
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

	// ---- runtime keys and token revocation (RSA17) ----

	/** Accepts a key from now on (a test app provisioned at runtime); replaces one of the same name. */
	public void addKey(AppKey key) {
		keys.put(key.keyName(), key);
	}

	/** Stops accepting the keys of an app; returns how many were removed. Their tokens stop working too. */
	public int removeApp(String appId) {
		List<String> names = keys.values().stream().filter(k -> k.appId().equals(appId)).map(AppKey::keyName).toList();
		names.forEach(keys::remove);
		return names.size();
	}

	/** The keys of an app, in no particular order. */
	public List<AppKey> keysOf(String appId) {
		return keys.values().stream().filter(k -> k.appId().equals(appId)).toList();
	}

	/** From {@code appliesAt} on, tokens of the key issued up to {@code issuedBefore} that match are refused. */
	public void revoke(Revocation revocation) {
		revocations.add(revocation);
	}

	/** Whether a token with these attributes is revoked now by a rule (not by the token store). */
	public boolean isRevoked(String keyName, @Nullable String clientId, @Nullable String revocationKey, long issued) {
		long now = clock.getAsLong();
		for (Revocation r : revocations) {
			if (r.keyName().equals(keyName) && issued <= r.issuedBefore() && now >= r.appliesAt()
					&& r.matches(clientId, revocationKey)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * When the token behind a context was issued, if this authenticator has seen it; {@code null} for Basic auth and
	 * for tokens it cannot tell apart.
	 */
	public @Nullable Long issuedAt(AuthContext auth) {
		return auth.basic() || auth.expires() == null ? null
				: issuedAt.get(new TokenIdentity(auth.keyName(), auth.clientId(), auth.expires()));
	}

	private void remember(String keyName, @Nullable String clientId, long expires, long issued) {
		long now = clock.getAsLong();
		if (issuedAt.size() > 10_000) {
			issuedAt.keySet().removeIf(t -> t.expires() <= now);
		}
		issuedAt.put(new TokenIdentity(keyName, clientId, expires), issued);
	}

	/**
	 * A revocation rule (RSA17): {@code targetType} is {@code clientId} or {@code revocationKey} (the
	 * {@code x-ably-revocation-key} JWT claim).
	 */
	public record Revocation(String keyName, String targetType, String targetValue, long issuedBefore,
			long appliesAt) {

		boolean matches(@Nullable String clientId, @Nullable String revocationKey) {
			return switch (targetType) {
				case "clientId" -> targetValue.equals(clientId);
				case "revocationKey" -> targetValue.equals(revocationKey);
				default -> false;
			};
		}
	}

	private record TokenIdentity(String keyName, @Nullable String clientId, long expires) {
	}
}
