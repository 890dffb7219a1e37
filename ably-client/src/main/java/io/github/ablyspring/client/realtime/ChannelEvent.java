package io.github.ablyspring.client.realtime;

/** RTL2a: a change to each {@link ChannelState}, plus {@link #UPDATE} for changes within ATTACHED (RTL2g, RTL12). */
public enum ChannelEvent {

	INITIALIZED, ATTACHING, ATTACHED, DETACHING, DETACHED, SUSPENDED, FAILED, UPDATE
}
