package io.github.ablyspring.protocol.codec;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A streaming pull reader over one of the two wire formats. Every method throws {@link CodecException} and nothing
 * else on bad input; sizes claimed by the input are checked against the bytes actually present before anything is
 * allocated.
 */
public interface WireReader {

	/** The kinds of value the next read will meet. */
	enum ValueType {
		NIL, BOOLEAN, INTEGER, FLOAT, STRING, BINARY, ARRAY, MAP
	}

	WireFormat format();

	int protocolVersion();

	ValueType peek();

	/** Enters a map; then call {@link #nextName()} until it returns {@code null}. */
	void beginMap();

	/**
	 * The next field name of the current map, with the reader placed on its value; {@code null} at the end of the
	 * map (which is then left). Fields whose value is {@code null} are skipped: an absent and a null field are the
	 * same to Ably.
	 */
	@Nullable String nextName();

	/** Enters an array; then call {@link #hasNextElement()} before each element. */
	void beginArray();

	/** Whether another element follows in the current array; at the end the array is left. */
	boolean hasNextElement();

	/** Consumes a null value and returns true, or returns false and leaves a non-null value in place. */
	boolean skipIfNull();

	String readString();

	long readLong();

	default int readInt() {
		long v = readLong();
		if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
			throw new CodecException("integer out of range: " + v);
		}
		return (int) v;
	}

	double readDouble();

	boolean readBoolean();

	/** A msgpack {@code bin} value (JSON has none: base64 text stays a string until payload decoding). */
	byte[] readBinary();

	/** A message payload as it stands on the wire: {@code String}, {@code byte[]} or a {@link JsonNode}. */
	Object readData();

	/** Any value as a JSON tree (msgpack binary becomes a base64 text node). */
	JsonNode readJson();

	void skipValue();

	/** A map of string to string; non-string values are kept as their text. */
	default Map<String, String> readStringMap() {
		Map<String, String> map = new LinkedHashMap<>();
		beginMap();
		for (String name = nextName(); name != null; name = nextName()) {
			ValueType type = peek();
			if (type == ValueType.STRING) {
				map.put(name, readString());
			}
			else {
				JsonNode node = readJson();
				map.put(name, node.isValueNode() ? node.asString() : node.toString());
			}
		}
		return map;
	}
}
