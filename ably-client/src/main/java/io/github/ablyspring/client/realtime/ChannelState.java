package io.github.ablyspring.client.realtime;

/** RTL2b: the states of a realtime channel. */
public enum ChannelState {

	INITIALIZED, ATTACHING, ATTACHED, DETACHING, DETACHED, SUSPENDED, FAILED;

	public ChannelEvent event() {
		return ChannelEvent.valueOf(name());
	}
}
