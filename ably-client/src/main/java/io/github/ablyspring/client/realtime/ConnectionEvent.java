package io.github.ablyspring.client.realtime;

/** RTN4: a change to each {@link ConnectionState}, plus {@link #UPDATE} for changes within CONNECTED (RTN4h, RTN24). */
public enum ConnectionEvent {

	INITIALIZED, CONNECTING, CONNECTED, DISCONNECTED, SUSPENDED, CLOSING, CLOSED, FAILED, UPDATE
}
