package io.github.ablyspring.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.msgpack.core.MessagePackException;
import tools.jackson.core.JacksonException;

/**
 * Encodes and decodes any {@link WireType} in one format and protocol version. Decoding throws only
 * {@link CodecException}. Instances are immutable and thread-safe.
 */
public final class WireCodec {

	private final WireFormat format;

	private final int protocolVersion;

	private WireCodec(WireFormat format, int protocolVersion) {
		this.format = format;
		this.protocolVersion = protocolVersion;
	}

	/** One shared instance per format and version, so codecs can key caches (a fan-out encodes once per codec). */
	private static final WireCodec[][] INSTANCES = new WireCodec[WireFormat.values().length][ProtocolVersion.MAX + 1];

	static {
		for (WireFormat format : WireFormat.values()) {
			for (int v = ProtocolVersion.MIN; v <= ProtocolVersion.MAX; v++) {
				INSTANCES[format.ordinal()][v] = new WireCodec(format, v);
			}
		}
	}

	public static WireCodec of(WireFormat format, int protocolVersion) {
		if (!ProtocolVersion.isSupported(protocolVersion)) {
			throw new CodecException(io.github.ablyspring.protocol.ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION,
					"unsupported protocol version " + protocolVersion, null);
		}
		return INSTANCES[format.ordinal()][protocolVersion];
	}

	public static WireCodec of(WireFormat format) {
		return of(format, ProtocolVersion.CURRENT);
	}

	public WireFormat format() {
		return format;
	}

	public int protocolVersion() {
		return protocolVersion;
	}

	public <T> byte[] encode(T value, WireType<T> type) {
		if (format == WireFormat.MSGPACK) {
			MsgpackWireWriter writer = MsgpackWireWriter.forThread(protocolVersion);
			type.write(value, writer);
			return writer.toByteArray();
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		try (JsonWireWriter writer = new JsonWireWriter(out, protocolVersion)) {
			type.write(value, writer);
		}
		return out.toByteArray();
	}

	public <T> T decode(byte[] bytes, WireType<T> type) {
		try {
			if (format == WireFormat.MSGPACK) {
				try (MsgpackWireReader reader = new MsgpackWireReader(bytes, protocolVersion)) {
					T value = type.read(reader);
					reader.expectEnd();
					return value;
				}
			}
			try (JsonWireReader reader = new JsonWireReader(bytes, protocolVersion)) {
				T value = type.read(reader);
				reader.expectEnd();
				return value;
			}
		}
		catch (CodecException ex) {
			throw ex;
		}
		catch (JacksonException | MessagePackException | IOException ex) {
			throw new CodecException("malformed " + format + " input: " + ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			// Defence in depth: a decoding bug must still surface as the codec's own error type.
			throw new CodecException("unexpected decoder failure on " + format + " input: " + ex, ex);
		}
	}

	@Override
	public String toString() {
		return "WireCodec[" + format + ", v" + protocolVersion + "]";
	}
}
