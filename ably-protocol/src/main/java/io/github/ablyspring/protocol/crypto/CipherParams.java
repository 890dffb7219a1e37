package io.github.ablyspring.protocol.crypto;

import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;

/**
 * Encryption settings of a channel (TZ2): {@code algorithm} {@code aes}, {@code keyLength} in bits, the secret
 * {@code key} and {@code mode} {@code cbc}. Obtain one from {@link Crypto#getDefaultParams}. The key is copied in
 * and out so the value stays immutable, and it never appears in {@link #toString()}.
 */
public record CipherParams(String algorithm, int keyLength, byte[] key, String mode) {

	public static final String DEFAULT_ALGORITHM = "aes";

	public static final String DEFAULT_MODE = "cbc";

	/** Validates the combination (RSE1e): AES-CBC with a 128 or 256 bit key whose size matches keyLength. */
	public CipherParams {
		Objects.requireNonNull(key, "key");
		// Names are compared and shown in lower case, as in the payload encoding (cipher+aes-128-cbc).
		algorithm = Objects.requireNonNull(algorithm, "algorithm").toLowerCase(Locale.ROOT);
		mode = Objects.requireNonNull(mode, "mode").toLowerCase(Locale.ROOT);
		if (!DEFAULT_ALGORITHM.equals(algorithm)) {
			throw invalid("unsupported cipher algorithm '" + algorithm + "'; only aes is supported");
		}
		if (!DEFAULT_MODE.equals(mode)) {
			throw invalid("unsupported cipher mode '" + mode + "'; only cbc is supported");
		}
		if (keyLength != key.length * 8) {
			throw invalid("keyLength " + keyLength + " does not match the key's " + key.length * 8 + " bits");
		}
		if (keyLength != 128 && keyLength != 256) {
			throw invalid("unsupported AES key length " + keyLength + " bits; use 128 or 256");
		}
		key = key.clone();
	}

	@Override
	public byte[] key() {
		return key.clone();
	}

	/** The name used in payload encodings, e.g. {@code aes-256-cbc}. */
	public String cipherName() {
		return algorithm + "-" + keyLength + "-" + mode;
	}

	static AblyException invalid(String message) {
		return new AblyException(ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400, message));
	}

	@Override
	public boolean equals(Object o) {
		// Constant-time comparison: equality checks on keys should not leak timing.
		return o instanceof CipherParams p && keyLength == p.keyLength && algorithm.equals(p.algorithm)
				&& mode.equals(p.mode) && MessageDigest.isEqual(key, p.key);
	}

	@Override
	public int hashCode() {
		// The key stays out of the hash: hash codes end up in logs and debuggers.
		return Objects.hash(algorithm, keyLength, mode);
	}

	@Override
	public String toString() {
		return "CipherParams[" + cipherName() + ", key=<redacted>]";
	}
}
