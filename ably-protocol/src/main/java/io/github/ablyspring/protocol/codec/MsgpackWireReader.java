package io.github.ablyspring.protocol.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.MessageBuffer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link WireReader} on a msgpack-core unpacker. Every length the input claims is checked against the bytes left
 * before anything is allocated, so a header claiming 2 GB of string costs nothing.
 */
final class MsgpackWireReader implements WireReader, AutoCloseable {

	private final MessageUnpacker unpacker;

	private final long size;

	private final int protocolVersion;

	/** Elements (arrays) or entries (maps) left in each open container; grows up to the depth limit. */
	private long[] remaining = new long[8];

	private int depth;

	MsgpackWireReader(byte[] bytes, int protocolVersion) {
		this.unpacker = MessagePack.newDefaultUnpacker(bytes);
		this.size = bytes.length;
		this.protocolVersion = protocolVersion;
	}

	void expectEnd() throws IOException {
		if (unpacker.hasNext()) {
			throw new CodecException("unexpected content after the msgpack value at byte " + position());
		}
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
	public ValueType peek() {
		MessageFormat format = nextFormat();
		return switch (format.getValueType()) {
			case NIL -> ValueType.NIL;
			case BOOLEAN -> ValueType.BOOLEAN;
			case INTEGER -> ValueType.INTEGER;
			case FLOAT -> ValueType.FLOAT;
			case STRING -> ValueType.STRING;
			case BINARY -> ValueType.BINARY;
			case ARRAY -> ValueType.ARRAY;
			case MAP -> ValueType.MAP;
			case EXTENSION -> throw new CodecException("msgpack extension types are not part of the Ably protocol (byte "
					+ position() + ")");
		};
	}

	@Override
	public void beginMap() {
		expect(ValueType.MAP, "a map");
		try {
			push(checkCount(unpacker.unpackMapHeader() & 0xFFFFFFFFL, 2));
		}
		catch (IOException ex) {
			throw truncated(ex);
		}
	}

	@Override
	public @Nullable String nextName() {
		while (true) {
			if (remaining[depth] == 0) {
				depth--;
				return null;
			}
			remaining[depth]--;
			if (peek() != ValueType.STRING) {
				throw new CodecException("expected a string map key at byte " + position());
			}
			String name = readName();
			if (!skipIfNull()) {
				return name;
			}
		}
	}

	@Override
	public void beginArray() {
		expect(ValueType.ARRAY, "an array");
		try {
			push(checkCount(unpacker.unpackArrayHeader() & 0xFFFFFFFFL, 1));
		}
		catch (IOException ex) {
			throw truncated(ex);
		}
	}

	@Override
	public boolean hasNextElement() {
		if (remaining[depth] == 0) {
			depth--;
			return false;
		}
		remaining[depth]--;
		return true;
	}

	@Override
	public boolean skipIfNull() {
		if (nextFormat() != MessageFormat.NIL) {
			return false;
		}
		try {
			unpacker.unpackNil();
		}
		catch (IOException ex) {
			throw truncated(ex);
		}
		return true;
	}

	@Override
	public String readString() {
		return readText(false);
	}

	/** A map key: known protocol names come back as shared constants, without allocating. */
	private String readName() {
		return readText(true);
	}

	private String readText(boolean name) {
		expect(ValueType.STRING, "a string");
		try {
			int length = checkLength(unpacker.unpackRawStringHeader());
			// A view of the input where possible: one copy (into the String) instead of two.
			MessageBuffer bytes = unpacker.readPayloadAsReference(length);
			if (!bytes.hasArray()) {
				return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
			}
			if (name) {
				String known = FieldNames.lookup(bytes.array(), bytes.arrayOffset(), length);
				if (known != null) {
					return known;
				}
			}
			return new String(bytes.array(), bytes.arrayOffset(), length, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw truncated(ex);
		}
	}

	@Override
	public long readLong() {
		try {
			return switch (peek()) {
				case INTEGER -> unpacker.unpackLong();
				case FLOAT -> (long) unpacker.unpackDouble();
				default -> throw unexpected("an integer");
			};
		}
		catch (IOException ex) {
			throw truncated(ex);
		}
	}

	@Override
	public double readDouble() {
		try {
			return switch (peek()) {
				case INTEGER -> unpacker.unpackLong();
				case FLOAT -> unpacker.unpackDouble();
				default -> throw unexpected("a number");
			};
		}
		catch (IOException ex) {
			throw truncated(ex);
		}
	}

	@Override
	public boolean readBoolean() {
		expect(ValueType.BOOLEAN, "a boolean");
		try {
			return unpacker.unpackBoolean();
		}
		catch (IOException ex) {
			throw truncated(ex);
		}
	}

	@Override
	public byte[] readBinary() {
		expect(ValueType.BINARY, "binary");
		try {
			return unpacker.readPayload(checkLength(unpacker.unpackBinaryHeader()));
		}
		catch (IOException ex) {
			throw truncated(ex);
		}
	}

	@Override
	public Object readData() {
		return switch (peek()) {
			case STRING -> readString();
			case BINARY -> readBinary();
			default -> readJson();
		};
	}

	@Override
	public JsonNode readJson() {
		return readJson(depth);
	}

	private JsonNode readJson(int level) {
		if (level >= Json.MAX_DEPTH) {
			throw new CodecException("msgpack nesting deeper than " + Json.MAX_DEPTH);
		}
		try {
			switch (peek()) {
				case NIL:
					unpacker.unpackNil();
					return Json.NODES.nullNode();
				case BOOLEAN:
					return Json.NODES.booleanNode(unpacker.unpackBoolean());
				case INTEGER: {
					// The same node types Jackson's JSON parser makes, so trees from both formats compare equal.
					if (nextFormat() == MessageFormat.UINT64) {
						java.math.BigInteger big = unpacker.unpackBigInteger();
						return big.bitLength() < 64 ? Json.NODES.numberNode(big.longValue()) : Json.NODES.numberNode(big);
					}
					long value = unpacker.unpackLong();
					return value == (int) value ? Json.NODES.numberNode((int) value) : Json.NODES.numberNode(value);
				}
				case FLOAT:
					return Json.NODES.numberNode(unpacker.unpackDouble());
				case STRING:
					return Json.NODES.stringNode(readString());
				case BINARY:
					return Json.NODES.binaryNode(readBinary());
				case ARRAY: {
					long count = checkCount(unpacker.unpackArrayHeader() & 0xFFFFFFFFL, 1);
					ArrayNode array = Json.NODES.arrayNode();
					for (long i = 0; i < count; i++) {
						array.add(readJson(level + 1));
					}
					return array;
				}
				case MAP: {
					long count = checkCount(unpacker.unpackMapHeader() & 0xFFFFFFFFL, 2);
					ObjectNode object = Json.NODES.objectNode();
					for (long i = 0; i < count; i++) {
						if (peek() != ValueType.STRING) {
							throw new CodecException("expected a string map key at byte " + position());
						}
						String key = readName();
						object.set(key, readJson(level + 1));
					}
					return object;
				}
				default:
					throw unexpected("a value");
			}
		}
		catch (IOException ex) {
			throw truncated(ex);
		}
	}

	@Override
	public void skipValue() {
		peek();
		try {
			unpacker.skipValue();
		}
		catch (IOException ex) {
			throw truncated(ex);
		}
	}

	@Override
	public void close() throws IOException {
		unpacker.close();
	}

	private MessageFormat nextFormat() {
		try {
			if (!unpacker.hasNext()) {
				throw new CodecException("unexpected end of msgpack input at byte " + position());
			}
			MessageFormat format = unpacker.getNextFormat();
			if (format == MessageFormat.NEVER_USED) {
				throw new CodecException("invalid msgpack type byte 0xc1 at byte " + position());
			}
			return format;
		}
		catch (IOException ex) {
			throw truncated(ex);
		}
	}

	private void push(long count) {
		if (depth >= Json.MAX_DEPTH) {
			throw new CodecException("msgpack nesting deeper than " + Json.MAX_DEPTH);
		}
		if (++depth == remaining.length) {
			remaining = java.util.Arrays.copyOf(remaining, Math.min(remaining.length * 2, Json.MAX_DEPTH + 1));
		}
		remaining[depth] = count;
	}

	private long left() {
		return size - unpacker.getTotalReadBytes();
	}

	private long position() {
		return unpacker.getTotalReadBytes();
	}

	/** Each element needs at least {@code minBytes} bytes, so a count the input cannot hold is rejected. */
	private long checkCount(long count, int minBytes) {
		if (count * minBytes > left()) {
			throw new CodecException("msgpack container claims " + count + " entries but only " + left()
					+ " bytes remain");
		}
		return count;
	}

	private int checkLength(int length) {
		long len = length & 0xFFFFFFFFL;
		if (len > left()) {
			throw new CodecException("msgpack value claims " + len + " bytes but only " + left() + " remain");
		}
		return (int) len;
	}

	private void expect(ValueType type, String what) {
		if (peek() != type) {
			throw unexpected(what);
		}
	}

	private CodecException unexpected(String what) {
		return new CodecException("expected " + what + " but found " + nextFormat() + " at byte " + position());
	}

	private CodecException truncated(IOException ex) {
		return new CodecException("truncated or unreadable msgpack input at byte " + position(), ex);
	}
}
