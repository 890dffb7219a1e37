package io.github.ablyspring.protocol.crypto;

import java.security.MessageDigest;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a caller knows about a cipher (CO2): a key, as bytes or as base64 text, and optionally the algorithm, key
 * length and mode. {@link Crypto#getDefaultParams(CipherParamOptions)} fills in the rest and validates. Exactly one
 * of {@code keyBytes} and {@code keyText} is set; neither appears in {@link #toString()}.
 */
public record CipherParamOptions(byte @Nullable [] keyBytes, @Nullable String keyText, @Nullable String algorithm,
		@Nullable Integer keyLength, @Nullable String mode) {

	public CipherParamOptions {
		if ((keyBytes == null) == (keyText == null)) {
			throw CipherParams.invalid("cipher options need exactly one key, as bytes or as base64 text");
		}
		keyBytes = keyBytes == null ? null : keyBytes.clone();
	}

	/** Options with a binary key and default algorithm and mode. */
	public static CipherParamOptions of(byte[] key) {
		return new CipherParamOptions(key, null, null, null, null);
	}

	/** Options with a base64 or base64url key (RSE1c) and default algorithm and mode. */
	public static CipherParamOptions of(String base64Key) {
		return new CipherParamOptions(null, base64Key, null, null, null);
	}

	public CipherParamOptions withAlgorithm(@Nullable String algorithm) {
		return new CipherParamOptions(keyBytes, keyText, algorithm, keyLength, mode);
	}

	/** An expected key length in bits, checked against the key (RSE1e). */
	public CipherParamOptions withKeyLength(@Nullable Integer keyLength) {
		return new CipherParamOptions(keyBytes, keyText, algorithm, keyLength, mode);
	}

	public CipherParamOptions withMode(@Nullable String mode) {
		return new CipherParamOptions(keyBytes, keyText, algorithm, keyLength, mode);
	}

	@Override
	public byte @Nullable [] keyBytes() {
		return keyBytes == null ? null : keyBytes.clone();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof CipherParamOptions p && Objects.equals(keyText, p.keyText)
				&& sameBytes(keyBytes, p.keyBytes)
				&& Objects.equals(algorithm, p.algorithm) && Objects.equals(keyLength, p.keyLength)
				&& Objects.equals(mode, p.mode);
	}

	private static boolean sameBytes(byte @Nullable [] a, byte @Nullable [] b) {
		return a == null ? b == null : b != null && MessageDigest.isEqual(a, b);
	}

	@Override
	public int hashCode() {
		// Key material stays out of the hash, as in CipherParams.
		return Objects.hash(algorithm, keyLength, mode);
	}

	@Override
	public String toString() {
		return "CipherParamOptions[algorithm=" + algorithm + ", keyLength=" + keyLength + ", mode=" + mode
				+ ", key=<redacted>]";
	}
}
