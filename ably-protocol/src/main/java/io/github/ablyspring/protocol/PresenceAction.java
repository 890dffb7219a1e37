package io.github.ablyspring.protocol;

/** The action of a {@link PresenceMessage} (TP2). Unknown codes read as {@link #UNKNOWN}. */
public enum PresenceAction {

	ABSENT(0), PRESENT(1), ENTER(2), LEAVE(3), UPDATE(4),

	/** A code this library does not know yet (RSF1). */
	UNKNOWN(-1);

	private static final PresenceAction[] BY_CODE = { ABSENT, PRESENT, ENTER, LEAVE, UPDATE };

	private final int code;

	PresenceAction(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	public static PresenceAction fromCode(long code) {
		return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : UNKNOWN;
	}
}
