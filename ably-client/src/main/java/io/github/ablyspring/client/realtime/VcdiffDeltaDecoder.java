package io.github.ablyspring.client.realtime;

import java.io.ByteArrayOutputStream;

import com.davidehrmann.vcdiff.VCDiffDecoderBuilder;

import io.github.ablyspring.protocol.payload.DeltaDecoder;

/** RTL19, PC3: applies {@code vcdiff} deltas with vcdiff-core; a failure makes decoding fail with 40018 (RTL18). */
enum VcdiffDeltaDecoder implements DeltaDecoder {

	INSTANCE;

	@Override
	public byte[] apply(byte[] base, byte[] delta) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, base.length + delta.length));
		VCDiffDecoderBuilder.builder().buildSimple().decode(base, delta, out);
		return out.toByteArray();
	}
}
