package io.github.ablyspring.protocol.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import tools.jackson.databind.JsonNode;

/** {@link WireWriter} on a msgpack-core buffer packer; no intermediate tree. */
final class MsgpackWireWriter implements WireWriter {

	private static final MessagePack.PackerConfig CONFIG = new MessagePack.PackerConfig();

	private final MessageBufferPacker packer;

	private final int protocolVersion;

	MsgpackWireWriter(int protocolVersion) {
		this.packer = CONFIG.newBufferPacker();
		this.protocolVersion = protocolVersion;
	}

	byte[] toByteArray() {
		return packer.toByteArray();
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
