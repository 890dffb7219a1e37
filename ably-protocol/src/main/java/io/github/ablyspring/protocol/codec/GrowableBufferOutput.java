package io.github.ablyspring.protocol.codec;

import java.util.Arrays;

import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferOutput;

/**
 * A msgpack-core output into one growable array, reused per thread by {@link MsgpackWireWriter}: the packer's
 * default output allocates 8 KiB per message and copies chunks together at the end; this one grows by doubling and
 * copies once, to the exact size.
 */
final class GrowableBufferOutput implements MessageBufferOutput {

	private static final int INITIAL = 512;

	/** Larger arrays are not kept between messages, so one big message does not pin memory on a thread. */
	private static final int RETAINED_MAX = 64 * 1024;

	private byte[] buffer = new byte[INITIAL];

	private int size;

	void reset() {
		size = 0;
		if (buffer.length > RETAINED_MAX) {
			buffer = new byte[INITIAL];
		}
	}

	byte[] toByteArray() {
		return Arrays.copyOf(buffer, size);
	}

	private void ensure(int extra) {
		if (buffer.length - size < extra) {
			buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
		}
	}

	@Override
	public MessageBuffer next(int minimumSize) {
		ensure(Math.max(minimumSize, 64));
		return MessageBuffer.wrap(buffer, size, buffer.length - size);
	}

	@Override
	public void writeBuffer(int length) {
		size += length;
	}

	@Override
	public void write(byte[] source, int offset, int length) {
		ensure(length);
		System.arraycopy(source, offset, buffer, size, length);
		size += length;
	}

	@Override
	public void add(byte[] source, int offset, int length) {
		write(source, offset, length);
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}
}
