package io.github.ablyspring.server.realtime;

import org.jspecify.annotations.Nullable;

/** Channel name rules: what the server refuses with 40010 (invalid channel name). */
final class ChannelNames {

	static final int MAX_LENGTH = 1000;

	private ChannelNames() {
	}

	/** Why a name is invalid, or {@code null} when it is valid. */
	static @Nullable String problem(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			return "channel name is empty";
		}
		if (name.length() > MAX_LENGTH) {
			return "channel name longer than " + MAX_LENGTH + " characters";
		}
		if (name.charAt(0) == '[' && name.indexOf(']') < 0) {
			return "channel name has an unterminated [qualifier]";
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				return "channel name contains a control character";
			}
		}
		return null;
	}

	/** The name without a leading {@code [qualifier]}, as capabilities and namespaces see it. */
	static String base(String name) {
		if (name.startsWith("[")) {
			int end = name.indexOf(']');
			return end < 0 ? name : name.substring(end + 1);
		}
		return name;
	}
}
