package io.github.ablyspring.protocol.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;

import org.jspecify.annotations.Nullable;

/**
 * Encrypts and decrypts payloads of one channel (RSL5): AES-CBC with PKCS#7 padding, the IV prepended to the
 * ciphertext. Thread-safe: a JCA {@link Cipher} is stateful and not thread-safe, so each call creates its own
 * (cheap next to the work itself) instead of sharing one; the key spec and {@link IvSource} are shared.
 */
public final class ChannelCipher {

	/** AES block size, which is also the IV size. */
	public static final int BLOCK_SIZE = 16;

	// PKCS5Padding is JCA's name for PKCS#7 padding on 16-byte blocks, which Ably specifies.
	private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";

	private final CipherParams params;

	private final SecretKeySpec key;

	private final IvSource ivSource;

	private final String encoding;

	private ChannelCipher(CipherParams params, IvSource ivSource) {
		this.params = params;
		this.key = new SecretKeySpec(params.key(), "AES");
		this.ivSource = ivSource;
		this.encoding = "cipher+" + params.cipherName();
	}

	/** A cipher with random IVs. */
	public static ChannelCipher of(CipherParams params) {
		return of(params, IvSource.secureRandom());
	}

	/** A cipher whose IVs come from {@code ivSource}; only tests should pass anything but random IVs. */
	public static ChannelCipher of(CipherParams params, IvSource ivSource) {
		Objects.requireNonNull(params, "params");
		Objects.requireNonNull(ivSource, "ivSource");
		return new ChannelCipher(params, ivSource);
	}

	public CipherParams params() {
		return params;
	}

	/** The payload encoding step this cipher undoes, e.g. {@code cipher+aes-128-cbc}. */
	public String encoding() {
		return encoding;
	}

	/** Encrypts {@code plaintext}, returning the IV followed by the ciphertext. */
	public byte[] encrypt(byte[] plaintext) {
		byte[] iv = ivSource.nextIv();
		if (iv == null || iv.length != BLOCK_SIZE) {
			throw new IllegalStateException("IvSource must supply " + BLOCK_SIZE + "-byte IVs");
		}
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
			byte[] out = new byte[BLOCK_SIZE + cipher.getOutputSize(plaintext.length)];
			System.arraycopy(iv, 0, out, 0, BLOCK_SIZE);
			int written = cipher.doFinal(plaintext, 0, plaintext.length, out, BLOCK_SIZE);
			return written + BLOCK_SIZE == out.length ? out : Arrays.copyOf(out, BLOCK_SIZE + written);
		}
		catch (GeneralSecurityException ex) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INTERNAL_ERROR, 500, "encryption failed: " + ex), ex);
		}
	}

	/**
	 * Decrypts the IV-prefixed {@code ciphertext}. A wrong key or corrupt data surfaces as {@link AblyException}
	 * with code 40013.
	 */
	public byte[] decrypt(byte[] ciphertext) {
		if (ciphertext.length < 2 * BLOCK_SIZE || ciphertext.length % BLOCK_SIZE != 0) {
			throw invalid("ciphertext of " + ciphertext.length + " bytes is not an IV plus whole AES blocks", null);
		}
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(ciphertext, 0, BLOCK_SIZE));
			return cipher.doFinal(ciphertext, BLOCK_SIZE, ciphertext.length - BLOCK_SIZE);
		}
		catch (BadPaddingException | IllegalBlockSizeException ex) {
			throw invalid("could not decrypt with " + params.cipherName() + ": wrong key or corrupt data", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INTERNAL_ERROR, 500, "decryption failed: " + ex), ex);
		}
	}

	private static AblyException invalid(String message, @Nullable Throwable cause) {
		return new AblyException(ErrorInfo.of(ErrorCodes.INVALID_DATA_OR_ENCODING, 400, message), cause);
	}

	@Override
	public String toString() {
		return "ChannelCipher[" + encoding + "]";
	}
}
