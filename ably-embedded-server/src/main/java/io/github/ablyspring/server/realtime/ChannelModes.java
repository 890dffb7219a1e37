package io.github.ablyspring.server.realtime;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ablyspring.protocol.ChannelMode;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.auth.Capability;

import org.jspecify.annotations.Nullable;

/**
 * Channel modes on attach (RTL4, TB2d): what a capability allows, what the client asked for (flags or the
 * {@code modes} param), and the params echoed in ATTACHED.
 */
final class ChannelModes {

	private ChannelModes() {
	}


	static Set<ChannelMode> allowedModes(Capability capability, String channel) {
		Set<ChannelMode> modes = EnumSet.noneOf(ChannelMode.class);
		if (capability.allows(channel, "publish")) {
			modes.add(ChannelMode.PUBLISH);
		}
		if (capability.allows(channel, "subscribe")) {
			modes.add(ChannelMode.SUBSCRIBE);
			modes.add(ChannelMode.PRESENCE_SUBSCRIBE);
		}
		if (capability.allows(channel, "presence")) {
			modes.add(ChannelMode.PRESENCE);
			// Presence members see the set they are part of.
			modes.add(ChannelMode.PRESENCE_SUBSCRIBE);
		}
		if (capability.allows(channel, "annotation-publish")) {
			modes.add(ChannelMode.ANNOTATION_PUBLISH);
		}
		if (capability.allows(channel, "annotation-subscribe")) {
			modes.add(ChannelMode.ANNOTATION_SUBSCRIBE);
		}
		if (capability.allows(channel, "object-subscribe")) {
			modes.add(ChannelMode.OBJECT_SUBSCRIBE);
		}
		if (capability.allows(channel, "object-publish")) {
			modes.add(ChannelMode.OBJECT_PUBLISH);
		}
		if (modes.isEmpty() && capability.allows(channel, "history")) {
			// History-only access may attach, to read with untilAttach, but receives nothing.
			return EnumSet.noneOf(ChannelMode.class);
		}
		return modes;
	}

	static Set<ChannelMode> requestedModes(ProtocolMessage request) {
		Set<ChannelMode> modes = EnumSet.noneOf(ChannelMode.class);
		if (request.flags() != null) {
			modes.addAll(ChannelMode.fromFlags(request.flags()));
		}
		if (request.params() != null && request.params().get("modes") != null) {
			for (String name : request.params().get("modes").split(",")) {
				ChannelMode mode = ChannelMode.fromParamName(name);
				if (mode != null) {
					modes.add(mode);
				}
			}
		}
		return modes;
	}

	static Set<ChannelMode> intersect(Set<ChannelMode> requested, Set<ChannelMode> allowed) {
		Set<ChannelMode> modes = EnumSet.copyOf(requested);
		modes.retainAll(allowed);
		return modes;
	}

	/** The params the server understands, echoed in ATTACHED (RTL4k1). */
	static Map<String, String> echoedParams(@Nullable Map<String, String> params, Set<ChannelMode> modes) {
		Map<String, String> echoed = new LinkedHashMap<>();
		if (params != null) {
			for (String key : List.of("rewind", "delta", "occupancy")) {
				if (params.containsKey(key)) {
					echoed.put(key, params.get(key));
				}
			}
			if (params.containsKey("modes")) {
				echoed.put("modes", String.join(",", modes.stream().map(ChannelMode::paramName).toList()));
			}
		}
		return echoed;
	}
}
