package io.github.ablyspring.protocol;

/** The action of a {@link ProtocolMessage} (TR2), numbered from zero. Unknown codes read as {@link #UNKNOWN}. */
public enum ProtocolAction {

	HEARTBEAT, ACK, NACK, CONNECT, CONNECTED, DISCONNECT, DISCONNECTED, CLOSE, CLOSED, ERROR, ATTACH, ATTACHED,
	DETACH, DETACHED, PRESENCE, MESSAGE, SYNC, AUTH, ACTIVATE, OBJECT, OBJECT_SYNC, ANNOTATION,

	/** A code this library does not know yet (RSF1, RTF1): ignored by state machines, never sent. */
	UNKNOWN;

	private static final ProtocolAction[] BY_CODE = values();

	/** The wire code: the position in TR2. */
	public int code() {
		return this == UNKNOWN ? -1 : ordinal();
	}

	public static ProtocolAction fromCode(long code) {
		return code >= 0 && code < BY_CODE.length - 1 ? BY_CODE[(int) code] : UNKNOWN;
	}
}
