package io.github.ablyspring.protocol;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** Channel modes (TB2d): the {@link ProtocolFlag}s from bit 16, requested on ATTACH and granted in ATTACHED. */
public enum ChannelMode {

	PRESENCE(ProtocolFlag.PRESENCE), PUBLISH(ProtocolFlag.PUBLISH), SUBSCRIBE(ProtocolFlag.MESSAGE_SUBSCRIBE),
	PRESENCE_SUBSCRIBE(ProtocolFlag.PRESENCE_SUBSCRIBE), ANNOTATION_PUBLISH(ProtocolFlag.ANNOTATION_PUBLISH),
	ANNOTATION_SUBSCRIBE(ProtocolFlag.ANNOTATION_SUBSCRIBE), OBJECT_SUBSCRIBE(ProtocolFlag.OBJECT_SUBSCRIBE),
	OBJECT_PUBLISH(ProtocolFlag.OBJECT_PUBLISH);

	private final ProtocolFlag flag;

	ChannelMode(ProtocolFlag flag) {
		this.flag = flag;
	}

	public ProtocolFlag flag() {
		return flag;
	}

	/** The name in the {@code modes} channel param, e.g. {@code presence_subscribe}. */
	public String paramName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static @Nullable ChannelMode fromParamName(String name) {
		for (ChannelMode mode : values()) {
			if (mode.paramName().equalsIgnoreCase(name.trim())) {
				return mode;
			}
		}
		return null;
	}

	public static Set<ChannelMode> fromFlags(long flags) {
		Set<ChannelMode> modes = EnumSet.noneOf(ChannelMode.class);
		for (ChannelMode mode : values()) {
			if (mode.flag.isSet(flags)) {
				modes.add(mode);
			}
		}
		return modes;
	}

	public static long toFlags(Set<ChannelMode> modes) {
		long flags = 0;
		for (ChannelMode mode : modes) {
			flags |= mode.flag.mask();
		}
		return flags;
	}
}
