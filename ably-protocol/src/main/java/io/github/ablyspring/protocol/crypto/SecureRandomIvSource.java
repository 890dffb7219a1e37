package io.github.ablyspring.protocol.crypto;

import java.security.SecureRandom;

/** The default {@link IvSource}: one {@link SecureRandom} shared by all channels. */
final class SecureRandomIvSource implements IvSource {

	static final SecureRandomIvSource INSTANCE = new SecureRandomIvSource();

	private final SecureRandom random = new SecureRandom();

	private SecureRandomIvSource() {
	}

	@Override
	public byte[] nextIv() {
		byte[] iv = new byte[ChannelCipher.BLOCK_SIZE];
		random.nextBytes(iv);
		return iv;
	}

	@Override
	public String toString() {
		return "IvSource[SecureRandom]";
	}
}
