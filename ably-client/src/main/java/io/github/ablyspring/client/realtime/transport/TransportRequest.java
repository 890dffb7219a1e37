package io.github.ablyspring.client.realtime.transport;

import java.net.URI;
import java.time.Duration;

import io.github.ablyspring.protocol.codec.WireFormat;

/**
 * A connection to open: the full realtime URL with its query (RTN2), the wire format of the frames and how long the
 * opening handshake may take. The URL may hold a key or token: never log it.
 */
public record TransportRequest(URI uri, String host, WireFormat format, Duration openTimeout) {

	@Override
	public String toString() {
		return "TransportRequest[host=" + host + ", format=" + format + "]";
	}
}
