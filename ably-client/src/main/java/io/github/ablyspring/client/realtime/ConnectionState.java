package io.github.ablyspring.client.realtime;

/** RTN4: the states of a realtime connection. */
public enum ConnectionState {

	INITIALIZED, CONNECTING, CONNECTED, DISCONNECTED, SUSPENDED, CLOSING, CLOSED, FAILED;

	/** The event announcing a change to this state. */
	public ConnectionEvent event() {
		return ConnectionEvent.valueOf(name());
	}
}
