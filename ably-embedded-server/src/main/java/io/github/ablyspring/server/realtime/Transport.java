package io.github.ablyspring.server.realtime;

import io.github.ablyspring.protocol.codec.WireCodec;

/** One WebSocket of a connection, as the realtime core sees it. Implementations are thread-safe. */
public interface Transport {

	/** The format and protocol version the client asked for. */
	WireCodec codec();

	void send(Outbound message);

	/** Closes the WebSocket cleanly after what was sent. */
	void close();

	/** Drops the socket at once, as a network failure would (fault injection). */
	void abort();

	boolean isOpen();

	/**
	 * Sends {@code frame} as it is, in a text frame for a JSON client or a binary frame for msgpack (fault injection:
	 * malformed or unknown ProtocolMessages).
	 */
	default void sendRaw(byte[] frame) {
		throw new UnsupportedOperationException("raw frames are not supported by " + getClass().getSimpleName());
	}
}
