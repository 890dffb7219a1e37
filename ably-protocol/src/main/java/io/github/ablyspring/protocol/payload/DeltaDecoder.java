package io.github.ablyspring.protocol.payload;

/**
 * Applies a {@code vcdiff} delta to the previous payload of a channel (PC3, RTL19). This library ships no VCDIFF
 * implementation; plug one in (e.g. a vcdiff-decoder library) to enable deltas. Any exception it throws makes the
 * decoding fail with code 40018, which triggers the channel's recovery (RTL18).
 */
@FunctionalInterface
public interface DeltaDecoder {

	/** The target payload that {@code delta} produces from {@code base}. */
	byte[] apply(byte[] base, byte[] delta) throws Exception;
}
