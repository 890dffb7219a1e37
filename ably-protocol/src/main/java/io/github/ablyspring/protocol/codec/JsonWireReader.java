package io.github.ablyspring.protocol.codec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * {@link WireReader} on a Jackson streaming parser. The parser's current token is always the first token of the
 * value to read next; a read leaves it on the value's last token.
 */
final class JsonWireReader implements WireReader, AutoCloseable {

	private final JsonParser parser;

	private final int protocolVersion;

	JsonWireReader(byte[] bytes, int protocolVersion) {
		int invalid = Utf8.firstInvalid(bytes);
		if (invalid >= 0) {
			throw new CodecException("invalid UTF-8 in JSON input at byte " + invalid);
		}
		this.parser = Json.MAPPER.createParser(bytes);
		this.protocolVersion = protocolVersion;
		if (parser.nextToken() == null) {
			throw new CodecException("empty JSON input");
		}
	}

	/** Fails on anything after the top-level value. */
	void expectEnd() {
		if (parser.nextToken() != null) {
			throw new CodecException("unexpected content after the JSON value at " + parser.currentLocation());
		}
	}

	@Override
	public WireFormat format() {
		return WireFormat.JSON;
	}

	@Override
	public int protocolVersion() {
		return protocolVersion;
	}

	@Override
	public ValueType peek() {
		JsonToken token = parser.currentToken();
		if (token == null) {
			throw new CodecException("unexpected end of JSON input");
		}
		return switch (token) {
			case VALUE_NULL -> ValueType.NIL;
			case VALUE_TRUE, VALUE_FALSE -> ValueType.BOOLEAN;
			case VALUE_NUMBER_INT -> ValueType.INTEGER;
			case VALUE_NUMBER_FLOAT -> ValueType.FLOAT;
			case VALUE_STRING -> ValueType.STRING;
			case START_ARRAY -> ValueType.ARRAY;
			case START_OBJECT -> ValueType.MAP;
			default -> throw unexpected("a value");
		};
	}

	@Override
	public void beginMap() {
		expect(JsonToken.START_OBJECT, "an object");
	}

	@Override
	public @Nullable String nextName() {
		while (true) {
			JsonToken token = parser.nextToken();
			if (token == JsonToken.END_OBJECT) {
				return null;
			}
			if (token != JsonToken.PROPERTY_NAME) {
				throw unexpected("a field name");
			}
			String name = parser.currentName();
			if (parser.nextToken() != JsonToken.VALUE_NULL) {
				return name;
			}
		}
	}

	@Override
	public void beginArray() {
		expect(JsonToken.START_ARRAY, "an array");
	}

	@Override
	public boolean hasNextElement() {
		JsonToken token = parser.nextToken();
		if (token == null) {
			throw new CodecException("unexpected end of JSON input in an array");
		}
		return token != JsonToken.END_ARRAY;
	}

	@Override
	public boolean skipIfNull() {
		return parser.currentToken() == JsonToken.VALUE_NULL;
	}

	@Override
	public String readString() {
		expect(JsonToken.VALUE_STRING, "a string");
		return parser.getString();
	}

	@Override
	public long readLong() {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return parser.getLongValue();
		}
		if (token == JsonToken.VALUE_NUMBER_FLOAT) {
			return (long) parser.getDoubleValue();
		}
		throw unexpected("an integer");
	}

	@Override
	public double readDouble() {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
			return parser.getDoubleValue();
		}
		throw unexpected("a number");
	}

	@Override
	public boolean readBoolean() {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
			return token == JsonToken.VALUE_TRUE;
		}
		throw unexpected("a boolean");
	}

	@Override
	public byte[] readBinary() {
		throw unexpected("binary data, which JSON cannot carry");
	}

	@Override
	public Object readData() {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		return readJson();
	}

	@Override
	public JsonNode readJson() {
		peek();
		return Json.MAPPER.readTree(parser);
	}

	@Override
	public void skipValue() {
		peek();
		parser.skipChildren();
	}

	@Override
	public void close() {
		parser.close();
	}

	private void expect(JsonToken token, String what) {
		if (parser.currentToken() != token) {
			throw unexpected(what);
		}
	}

	private CodecException unexpected(String what) {
		JsonToken token = parser.currentToken();
		return new CodecException("expected " + what + " but found " + (token == null ? "end of input" : token)
				+ " at " + parser.currentLocation().offsetDescription());
	}
}
