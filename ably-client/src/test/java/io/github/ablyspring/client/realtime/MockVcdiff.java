package io.github.ablyspring.client.realtime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import io.github.ablyspring.protocol.payload.DeltaDecoder;

/**
 * The UTS mock vcdiff (uts/realtime/unit/helpers/mock_vcdiff.md), binary form: a delta is
 * {@code base64url(base) + "/" + base64url(value)} in UTF-8, and decoding checks the base it is given.
 */
final class MockVcdiff implements DeltaDecoder {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	static byte[] encode(byte[] base, byte[] value) {
		return (ENCODER.encodeToString(base) + "/" + ENCODER.encodeToString(value)).getBytes(StandardCharsets.UTF_8);
	}

	static byte[] encode(String base, String value) {
		return encode(base.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public byte[] apply(byte[] base, byte[] delta) {
		String[] parts = new String(delta, StandardCharsets.UTF_8).split("/", -1);
		if (parts.length != 2) {
			throw new IllegalArgumentException("Invalid delta format");
		}
		if (!Arrays.equals(DECODER.decode(parts[0]), base)) {
			throw new IllegalArgumentException("Base mismatch: expected base does not match delta");
		}
		return DECODER.decode(parts[1]);
	}

	/** The UTS FailingMockVCDiffDecoder. */
	static DeltaDecoder failing() {
		return (base, delta) -> {
			throw new IllegalStateException("Simulated vcdiff decode failure");
		};
	}
}
