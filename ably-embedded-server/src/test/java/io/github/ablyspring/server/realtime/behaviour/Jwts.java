package io.github.ablyspring.server.realtime.behaviour;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.ablyspring.protocol.codec.Json;

/** Ably JWTs for tests: HS256, {@code kid} = key name, signed with javax.crypto. */
final class Jwts {

	private Jwts() {
	}

	static String sign(String kid, String secret, Map<String, Object> claims) {
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("typ", "JWT");
		header.put("alg", "HS256");
		header.put("kid", kid);
		String signingInput = base64Url(Json.MAPPER.writeValueAsBytes(header)) + "."
				+ base64Url(Json.MAPPER.writeValueAsBytes(claims));
		return signingInput + "." + base64Url(hmac(secret, signingInput));
	}

	/** The standard Ably claims: issued now, expiring in {@code ttlSeconds}, with capability and clientId. */
	static Map<String, Object> claims(long ttlSeconds, String capabilityJson, String clientId) {
		long now = System.currentTimeMillis() / 1000;
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iat", now);
		claims.put("exp", now + ttlSeconds);
		claims.put("x-ably-capability", capabilityJson);
		if (clientId != null) {
			claims.put("x-ably-clientId", clientId);
		}
		return claims;
	}

	private static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static byte[] hmac(String secret, String text) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
