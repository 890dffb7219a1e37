package io.github.ablyspring.protocol.codec;

import java.io.OutputStream;
import java.util.Base64;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/** {@link WireWriter} on a Jackson streaming generator. */
final class JsonWireWriter implements WireWriter, AutoCloseable {

	private final JsonGenerator generator;

	private final int protocolVersion;

	JsonWireWriter(OutputStream out, int protocolVersion) {
		this.generator = Json.MAPPER.createGenerator(out);
		this.protocolVersion = protocolVersion;
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
	public void beginMap(int size) {
		generator.writeStartObject();
	}

	@Override
	public void endMap() {
		generator.writeEndObject();
	}

	@Override
	public void beginArray(int size) {
		generator.writeStartArray();
	}

	@Override
	public void endArray() {
		generator.writeEndArray();
	}

	@Override
	public void name(String name) {
		generator.writeName(name);
	}

	@Override
	public void string(String value) {
		generator.writeString(value);
	}

	@Override
	public void number(long value) {
		generator.writeNumber(value);
	}

	@Override
	public void number(double value) {
		generator.writeNumber(value);
	}

	@Override
	public void bool(boolean value) {
		generator.writeBoolean(value);
	}

	@Override
	public void nil() {
		generator.writeNull();
	}

	@Override
	public void binary(byte[] value) {
		generator.writeString(Base64.getEncoder().encodeToString(value));
	}

	@Override
	public void json(JsonNode value) {
		Json.MAPPER.writeTree(generator, value);
	}

	@Override
	public void close() {
		generator.close();
	}
}
