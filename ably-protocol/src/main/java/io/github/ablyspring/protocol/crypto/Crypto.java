package io.github.ablyspring.protocol.crypto;

import java.security.SecureRandom;
import java.util.Base64;

import io.github.ablyspring.protocol.AblyException;

/**
 * Cipher parameter helpers (RSE). Invalid input raises {@link AblyException} with code 40000 (status 400).
 */
public final class Crypto {

	/** RSE2a: the default key length of the default algorithm, AES. */
	public static final int DEFAULT_KEY_LENGTH = 256;

	private static final SecureRandom RANDOM = new SecureRandom();

	private Crypto() {
	}

	/** RSE1: complete and validate cipher options, decoding a text key leniently as base64 or base64url. */
	public static CipherParams getDefaultParams(CipherParamOptions options) {
		byte[] key = options.keyText() != null ? decodeKey(options.keyText()) : options.keyBytes();
		int keyLength = key.length * 8;
		if (options.keyLength() != null && options.keyLength() != keyLength) {
			throw CipherParams.invalid("keyLength " + options.keyLength() + " does not match the key's " + keyLength
					+ " bits");
		}
		String algorithm = options.algorithm() == null ? CipherParams.DEFAULT_ALGORITHM : options.algorithm();
		String mode = options.mode() == null ? CipherParams.DEFAULT_MODE : options.mode();
		return new CipherParams(algorithm, keyLength, key, mode);
	}

	/** RSE1: default AES-CBC params for a binary key of 128 or 256 bits. */
	public static CipherParams getDefaultParams(byte[] key) {
		return getDefaultParams(CipherParamOptions.of(key));
	}

	/** RSE1: default AES-CBC params for a base64 or base64url key of 128 or 256 bits. */
	public static CipherParams getDefaultParams(String base64Key) {
		return getDefaultParams(CipherParamOptions.of(base64Key));
	}

	/** RSE2: a random key of {@link #DEFAULT_KEY_LENGTH} bits. */
	public static byte[] generateRandomKey() {
		return generateRandomKey(DEFAULT_KEY_LENGTH);
	}

	/** RSE2: a random key of the given length, which must be a valid AES length (128 or 256 bits). */
	public static byte[] generateRandomKey(int keyLength) {
		if (keyLength != 128 && keyLength != 256) {
			throw CipherParams.invalid("unsupported AES key length " + keyLength + " bits; use 128 or 256");
		}
		byte[] key = new byte[keyLength / 8];
		RANDOM.nextBytes(key);
		return key;
	}

	/**
	 * RSE1c: keys are pasted from many tools, so accept both RFC 4648 alphabets (s.4 and s.5), with or without
	 * padding and surrounding or embedded whitespace.
	 */
	private static byte[] decodeKey(String text) {
		StringBuilder normalised = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!Character.isWhitespace(c)) {
				normalised.append(c == '-' ? '+' : c == '_' ? '/' : c);
			}
		}
		try {
			return Base64.getDecoder().decode(normalised.toString());
		}
		catch (IllegalArgumentException ex) {
			// The message of the JDK exception may quote key characters, so it is not passed on.
			throw CipherParams.invalid("cipher key is not valid base64 or base64url text");
		}
	}
}
