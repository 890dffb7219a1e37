package io.github.ablyspring.client.realtime.transport;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolMessage;

/**
 * What a {@link Transport} reports; called from the transport's own threads, in order, never after
 * {@link #onClosed}. The realtime client hands every call to its event loop.
 */
public interface TransportListener {

	/** The socket is open; the server's first message (CONNECTED or ERROR) follows. */
	void onOpen(Transport transport);

	void onMessage(Transport transport, ProtocolMessage message);

	/**
	 * The socket closed or could not be opened, by the server or the network (not after {@link Transport#close()});
	 * {@code reason} describes why when known.
	 */
	void onClosed(Transport transport, @Nullable ErrorInfo reason);
}
