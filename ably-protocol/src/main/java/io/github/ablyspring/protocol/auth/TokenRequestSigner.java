package io.github.ablyspring.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;

/**
 * Creates token requests signed with an API key (RSA9), and checks them, which the embedded server needs. The key
 * secret stays inside: it is in no {@link #toString()}, log line or exception message. Thread-safe.
 * <p>
 * The {@code mac} is the base64 HMAC-SHA256, keyed with the secret, of {@code keyName}, {@code ttl},
 * {@code capability}, {@code clientId}, {@code timestamp} and {@code nonce} in that order, each followed by a
 * newline, with absent values as empty text (RSA9g).
 */
public final class TokenRequestSigner {

	/** {@code appId.keyId:secret}; the key name is public, the secret is not. */
	private static final Pattern KEY = Pattern.compile("([^.:\\s]+\\.[^.:\\s]+):(\\S+)");

	private static final String HMAC_SHA256 = "HmacSHA256";

	/** 16 random bytes make 22 base64 characters: above the 16 of RSA9c, and 128 bits that cannot be guessed. */
	private static final int NONCE_BYTES = 16;

	private final String keyName;

	private final byte[] secret;

	private final Clock clock;

	private final Supplier<String> nonces;

	/** A signer on the system clock with random nonces. */
	public TokenRequestSigner(String key) {
		this(key, Clock.systemUTC(), randomNonces());
	}

	/**
	 * @param key the API key, {@code appId.keyId:secret}
	 * @param clock the source of timestamps when the params have none (RSA9d)
	 * @param nonces the source of nonces when the params have none (RSA9c)
	 */
	public TokenRequestSigner(String key, Clock clock, Supplier<String> nonces) {
		Matcher matcher = KEY.matcher(key == null ? "" : key);
		if (!matcher.matches()) {
			// The key itself stays out of the message: it may be a real key with a typo.
			throw AblyException.of(ErrorCodes.INVALID_CREDENTIAL,
					"invalid API key: expected the form appId.keyId:secret");
		}
		this.keyName = matcher.group(1);
		this.secret = matcher.group(2).getBytes(StandardCharsets.UTF_8);
		this.clock = Objects.requireNonNull(clock, "clock");
		this.nonces = Objects.requireNonNull(nonces, "nonces");
	}

	/** A nonce source of 22 URL-safe characters from {@link SecureRandom}. */
	public static Supplier<String> randomNonces() {
		SecureRandom random = new SecureRandom();
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		return () -> {
			byte[] bytes = new byte[NONCE_BYTES];
			random.nextBytes(bytes);
			return encoder.encodeToString(bytes);
		};
	}

	/** The public part of the key, {@code appId.keyId}. */
	public String keyName() {
		return keyName;
	}

	/**
	 * RSA9: a signed token request for these params ({@code null} for none). A missing timestamp or nonce is
	 * generated; a capability is canonicalized, so it must be valid (else error 40000).
	 */
	public TokenRequest sign(@Nullable TokenParams params) {
		TokenParams p = params != null ? params : TokenParams.EMPTY;
		String capability = p.capability() != null ? Capability.canonicalize(p.capability()) : null;
		long timestamp = p.timestamp() != null ? p.timestamp() : clock.millis();
		String nonce = p.nonce() != null ? p.nonce() : nonces.get();
		TokenRequest unsigned = new TokenRequest(keyName, p.ttl(), capability, p.clientId(), timestamp, nonce, null);
		String mac = Base64.getEncoder().encodeToString(hmac(secret, signedText(unsigned)));
		return new TokenRequest(keyName, p.ttl(), capability, p.clientId(), timestamp, nonce, mac);
	}

	/** Whether the request names this signer's key and carries the right mac. */
	public boolean verify(TokenRequest request) {
		return keyName.equals(request.keyName()) && matches(request, secret);
	}

	/**
	 * Whether the request's mac is the one {@code secret} gives for its fields, compared in constant time. Says
	 * nothing about the timestamp or nonce, which the caller checks against replays.
	 */
	public static boolean verify(TokenRequest request, String secret) {
		return !secret.isEmpty() && matches(request, secret.getBytes(StandardCharsets.UTF_8));
	}

	private static boolean matches(TokenRequest request, byte[] secret) {
		if (request.mac() == null) {
			return false;
		}
		byte[] given;
		try {
			given = Base64.getDecoder().decode(request.mac());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(given, hmac(secret, signedText(request)));
	}

	/** RSA9g: the text the mac signs; every field, even the last, ends with a newline. */
	static String signedText(TokenRequest request) {
		return request.keyName() + '\n' + text(request.ttl()) + '\n' + text(request.capability()) + '\n'
				+ text(request.clientId()) + '\n' + text(request.timestamp()) + '\n' + text(request.nonce()) + '\n';
	}

	private static String text(@Nullable Object value) {
		return value != null ? value.toString() : "";
	}

	private static byte[] hmac(byte[] secret, String text) {
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(new SecretKeySpec(secret, HMAC_SHA256));
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			// Every Java platform must provide HmacSHA256, and the secret is never empty here.
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

	@Override
	public String toString() {
		return "TokenRequestSigner[keyName=" + keyName + "]";
	}
}
