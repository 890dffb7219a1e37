package io.github.ablyspring.protocol.codec;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code data} and {@code encoding} fields shared by messages, presence messages and annotations. The codec
 * does the last step of RSL4 so any payload is valid on the wire: binary is msgpack {@code bin}, or base64 text
 * with {@code base64} appended to the encoding on JSON (RSL4d1); a JSON value not yet stringified becomes JSON text
 * with {@code json} appended (RSL4c3, RSL4d3).
 */
final class DataFields {

	private DataFields() {
	}

	/** The encoding as it will be written for this data in this format. */
	static @Nullable String wireEncoding(WireFormat format, @Nullable Object data, @Nullable String encoding) {
		if (data instanceof byte[] && format == WireFormat.JSON) {
			return append(encoding, "base64");
		}
		if (data instanceof JsonNode) {
			return append(encoding, "json");
		}
		return encoding;
	}

	/** Writes {@code data}, then {@code encoding} (already from {@link #wireEncoding}). */
	static void write(WireWriter writer, @Nullable Object data, @Nullable String wireEncoding) {
		if (data != null) {
			writer.name("data");
			if (data instanceof String text) {
				writer.string(text);
			}
			else if (data instanceof byte[] bytes) {
				writer.binary(bytes);
			}
			else if (data instanceof JsonNode node) {
				writer.string(node.toString());
			}
			else {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_DATA_OR_ENCODING, 400,
						"unsupported payload type " + data.getClass().getName()
								+ "; data must be a String, byte[] or JsonNode (RSL4a)"));
			}
		}
		writer.field("encoding", wireEncoding);
	}

	/** An empty encoding on the wire means none. */
	static @Nullable String readEncoding(WireReader reader) {
		String encoding = reader.readString();
		return encoding.isEmpty() ? null : encoding;
	}

	private static String append(@Nullable String encoding, String step) {
		return encoding == null || encoding.isEmpty() ? step : encoding + "/" + step;
	}
}
