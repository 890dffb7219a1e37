package io.github.ablyspring.protocol.codec;

/**
 * The Ably protocol versions this project speaks ({@code v=} / {@code X-Ably-Version}). Shapes differ: up to v3 a
 * message's {@code version} is a serial string beside {@code operation}, {@code createdAt} and {@code summary}; from
 * v4 it is an object and the summary lives under {@code annotations}; from v5 {@code ACK} carries {@code res}.
 */
public final class ProtocolVersion {

	public static final int MIN = 2;

	public static final int MAX = 6;

	/** The version this library sends. */
	public static final int CURRENT = 6;

	/** The first version whose message {@code version} is an object (TM2s). */
	public static final int VERSION_OBJECT = 4;

	private ProtocolVersion() {
	}

	public static boolean isSupported(int version) {
		return version >= MIN && version <= MAX;
	}

	/** Parses a {@code v=} value such as {@code "6"} or {@code "1.2"}; returns -1 when it is not a number. */
	public static int parse(String value) {
		if (value == null) {
			return -1;
		}
		String major = value.trim();
		int dot = major.indexOf('.');
		if (dot >= 0) {
			major = major.substring(0, dot);
		}
		try {
			return Integer.parseInt(major);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}
}
