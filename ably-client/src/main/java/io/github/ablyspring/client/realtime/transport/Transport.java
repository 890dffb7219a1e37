package io.github.ablyspring.client.realtime.transport;

import io.github.ablyspring.protocol.ProtocolMessage;

/** One open (or opening) connection to a realtime host. Methods may be called from any thread. */
public interface Transport {

	/** Queues {@code message} for sending; a failure to send surfaces as {@link TransportListener#onClosed}. */
	void send(ProtocolMessage message);

	/**
	 * Frames handed to {@link #send} and not yet written to the socket. While it is above zero the client bundles
	 * publishes instead of queuing one frame each behind the busy socket.
	 */
	default int backlog() {
		return 0;
	}

	/** Closes the socket from this side; the listener hears nothing more after this call. */
	void close();
}
