package io.github.ablyspring.protocol.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import tools.jackson.databind.JsonNode;

/** {@link WireWriter} on a msgpack-core buffer packer; no intermediate tree. */
final class MsgpackWireWriter implements WireWriter {

	private static final ThreadLocal<MsgpackWireWriter> PER_THREAD = ThreadLocal.withInitial(MsgpackWireWriter::new);

	private final GrowableBufferOutput output = new GrowableBufferOutput();

	private final MessagePacker packer = MessagePack.newDefaultPacker(output);

	private int protocolVersion;

	private MsgpackWireWriter() {
	}

	/** This thread's writer, emptied; encoding is not re-entrant, so one per thread is enough. */
	static MsgpackWireWriter forThread(int protocolVersion) {
		MsgpackWireWriter writer = PER_THREAD.get();
		try {
			// reset() first: it flushes whatever a failed encode left in the packer, which the output then drops.
			writer.packer.reset(writer.output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		writer.output.reset();
		writer.protocolVersion = protocolVersion;
		return writer;
	}

	byte[] toByteArray() {
		try {
			packer.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return output.toByteArray();
	}

	@Override
	public WireFormat format() {
		return WireFormat.MSGPACK;
	}

	@Override
	public int protocolVersion() {
		return protocolVersion;
	}

	@Override
	public void beginMap(int size) {
		try {
			packer.packMapHeader(size);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void endMap() {
	}

	@Override
	public void beginArray(int size) {
		try {
			packer.packArrayHeader(size);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void endArray() {
	}

	@Override
	public void name(String name) {
		string(name);
	}

	@Override
	public void string(String value) {
		try {
			packer.packString(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void number(long value) {
		try {
			packer.packLong(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void number(double value) {
		try {
			packer.packDouble(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void bool(boolean value) {
		try {
			packer.packBoolean(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void nil() {
		try {
			packer.packNil();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void binary(byte[] value) {
		try {
			packer.packBinaryHeader(value.length);
			packer.writePayload(value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void json(JsonNode value) {
		if (value.isObject()) {
			beginMap(value.size());
			for (Map.Entry<String, JsonNode> e : value.properties()) {
				name(e.getKey());
				json(e.getValue());
			}
		}
		else if (value.isArray()) {
			beginArray(value.size());
			for (Iterator<JsonNode> it = value.values().iterator(); it.hasNext();) {
				json(it.next());
			}
		}
		else if (value.isString()) {
			string(value.stringValue());
		}
		else if (value.isBoolean()) {
			bool(value.booleanValue());
		}
		else if (value.isIntegralNumber() && value.canConvertToLong()) {
			number(value.longValue());
		}
		else if (value.isIntegralNumber()) {
			java.math.BigInteger big = value.bigIntegerValue();
			if (big.bitLength() <= 63) {
				number(big.longValue());
			}
			else if (big.signum() > 0 && big.bitLength() == 64) {
				try {
					packer.packBigInteger(big);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			else {
				// msgpack has no wider integers; rounding to a double would silently change the value.
				throw new CodecException(io.github.ablyspring.protocol.ErrorCodes.INVALID_DATA_OR_ENCODING,
						"integer " + big + " does not fit msgpack's 64 bits", null);
			}
		}
		else if (value.isNumber()) {
			number(value.doubleValue());
		}
		else if (value.isBinary()) {
			binary(value.binaryValue());
		}
		else {
			nil();
		}
	}
}
