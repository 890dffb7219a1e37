package io.github.ablyspring.protocol;

/** The bit flags of {@link ProtocolMessage#flags()} (TR3): flag {@code n} is set when {@code flags & (1 << n)}. */
public enum ProtocolFlag {

	HAS_PRESENCE(0), HAS_BACKLOG(1), RESUMED(2), TRANSIENT(4),

	/** Deprecated since spec 6.1: no longer sent. */
	ATTACH_RESUME(5),

	HAS_OBJECTS(7), PRESENCE(16), PUBLISH(17),

	/** Also known as {@code SUBSCRIBE} (TR3s). */
	MESSAGE_SUBSCRIBE(18),

	PRESENCE_SUBSCRIBE(19), ANNOTATION_PUBLISH(21), ANNOTATION_SUBSCRIBE(22), OBJECT_SUBSCRIBE(24),
	OBJECT_PUBLISH(25);

	private final int bit;

	ProtocolFlag(int bit) {
		this.bit = bit;
	}

	public int bit() {
		return bit;
	}

	public long mask() {
		return 1L << bit;
	}

	public boolean isSet(long flags) {
		return (flags & mask()) != 0;
	}
}
