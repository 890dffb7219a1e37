package io.github.ablyspring.protocol;

/** The action of a {@link Message} (TM5); the wire carries the code. Unknown codes read as {@link #UNKNOWN}. */
public enum MessageAction {

	MESSAGE_CREATE(0), MESSAGE_UPDATE(1), MESSAGE_DELETE(2), META(3), MESSAGE_SUMMARY(4), MESSAGE_APPEND(5),

	/** A code this library does not know yet (RSF1): tolerated, not re-sent. */
	UNKNOWN(-1);

	private static final MessageAction[] BY_CODE = { MESSAGE_CREATE, MESSAGE_UPDATE, MESSAGE_DELETE, META,
			MESSAGE_SUMMARY, MESSAGE_APPEND };

	private final int code;

	MessageAction(int code) {
		this.code = code;
	}

	public int code() {
		return code;
	}

	public static MessageAction fromCode(long code) {
		return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : UNKNOWN;
	}
}
