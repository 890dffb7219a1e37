package io.github.ablyspring.server.realtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireTypes;

/**
 * A ProtocolMessage on its way to one or many connections, encoded at most once per codec: a fan-out to a thousand
 * subscribers of two formats costs two encodings.
 */
public final class Outbound {

	private final ProtocolMessage message;

	private final Map<WireCodec, byte[]> encodings = new ConcurrentHashMap<>(4);

	public Outbound(ProtocolMessage message) {
		this.message = message;
	}

	public ProtocolMessage message() {
		return message;
	}

	public byte[] encode(WireCodec codec) {
		return encodings.computeIfAbsent(codec, c -> c.encode(message, WireTypes.PROTOCOL_MESSAGE));
	}
}
