package io.github.ablyspring.client.realtime.transport;

/** Opens transports; the default opens WebSockets, tests substitute a scripted server. */
@FunctionalInterface
public interface TransportFactory {

	/**
	 * Starts opening a transport for {@code request} and returns at once; the outcome arrives at {@code listener}
	 * ({@link TransportListener#onOpen} or {@link TransportListener#onClosed}).
	 */
	Transport open(TransportRequest request, TransportListener listener);
}
