package io.github.ablyspring.protocol.codec;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A streaming writer over one of the two wire formats, so each wire type is mapped once for JSON and msgpack.
 * Maps and arrays are written with their exact size up front (msgpack needs it); the {@code field} helpers skip
 * {@code null} values, so a writer counts with {@link #count} the same way.
 */
public interface WireWriter {

	WireFormat format();

	/** The protocol version of the peer, which decides some shapes (see {@link ProtocolVersion}). */
	int protocolVersion();

	void beginMap(int size);

	void endMap();

	void beginArray(int size);

	void endArray();

	void name(String name);

	void string(String value);

	void number(long value);

	void number(double value);

	void bool(boolean value);

	void nil();

	/** Binary: msgpack {@code bin}; a base64 string in JSON. */
	void binary(byte[] value);

	/** Any JSON value, as a msgpack map/array/scalar or as JSON. */
	void json(JsonNode value);

	default void field(String name, @Nullable String value) {
		if (value != null) {
			name(name);
			string(value);
		}
	}

	default void field(String name, @Nullable Long value) {
		if (value != null) {
			name(name);
			number(value.longValue());
		}
	}

	default void field(String name, @Nullable Integer value) {
		if (value != null) {
			name(name);
			number(value.longValue());
		}
	}

	default void field(String name, @Nullable Boolean value) {
		if (value != null) {
			name(name);
			bool(value.booleanValue());
		}
	}

	default void field(String name, @Nullable JsonNode value) {
		if (value != null) {
			name(name);
			json(value);
		}
	}

	default void field(String name, @Nullable Map<String, String> value) {
		if (value != null) {
			name(name);
			beginMap(value.size());
			for (Map.Entry<String, String> e : value.entrySet()) {
				name(e.getKey());
				if (e.getValue() == null) {
					nil();
				}
				else {
					string(e.getValue());
				}
			}
			endMap();
		}
	}

	/** An array of strings in which {@code null} is a value (e.g. the serial of a conflated message). */
	default void strings(List<@Nullable String> values) {
		beginArray(values.size());
		for (String value : values) {
			if (value == null) {
				nil();
			}
			else {
				string(value);
			}
		}
		endArray();
	}

	default <T> void field(String name, @Nullable T value, WireType<T> type) {
		if (value != null) {
			name(name);
			type.write(value, this);
		}
	}

	default <T> void field(String name, @Nullable List<T> values, WireType<T> type) {
		if (values != null) {
			name(name);
			beginArray(values.size());
			for (T v : values) {
				type.write(v, this);
			}
			endArray();
		}
	}

	/** 1 when the value will be written by a {@code field} helper, else 0. */
	static int count(@Nullable Object value) {
		return value == null ? 0 : 1;
	}
}
