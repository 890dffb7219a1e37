package io.github.ablyspring.client.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Ably JWTs (HS256, {@code kid} the key name) signed with a key, as the UTS's {@code generate_jwt}. */
public final class Jwts {

	private Jwts() {
	}

	/**
	 * @param key the full key, {@code name:secret}
	 * @param expiresMillis the {@code exp} claim, in milliseconds since the epoch
	 * @param capability the {@code x-ably-capability} claim, or null for the key's
	 */
	public static String of(String key, long expiresMillis, String capability) {
		int colon = key.indexOf(':');
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String header = b64.encodeToString(("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + key.substring(0, colon)
				+ "\"}").getBytes(StandardCharsets.UTF_8));
		long now = System.currentTimeMillis() / 1000;
		String claims = "{\"iat\":" + Math.min(now, expiresMillis / 1000 - 1) + ",\"exp\":" + expiresMillis / 1000
				+ (capability != null ? ",\"x-ably-capability\":" + quote(capability) : "") + "}";
		String body = b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.substring(colon + 1).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return header + "." + body + "."
					+ b64.encodeToString(mac.doFinal((header + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}
}
