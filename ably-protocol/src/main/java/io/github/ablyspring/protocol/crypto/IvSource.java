package io.github.ablyspring.protocol.crypto;

import java.security.SecureRandom;

/**
 * Supplies the initialisation vector for each encryption. CBC needs an unpredictable IV per message, so production
 * code uses {@link #secureRandom()}; tests inject a fixed IV to reproduce Ably's interop vectors.
 */
@FunctionalInterface
public interface IvSource {

	/** A fresh IV of {@link ChannelCipher#BLOCK_SIZE} bytes; the caller owns the returned array. */
	byte[] nextIv();

	/** Random IVs from a shared {@link SecureRandom}, which is thread-safe. */
	static IvSource secureRandom() {
		return SecureRandomIvSource.INSTANCE;
	}
}
