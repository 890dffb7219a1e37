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
}
