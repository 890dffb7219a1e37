package io.github.ablyspring.client.realtime;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.protocol.Message;

/**
 * MFI1, RTL22: a message filter for {@link RealtimeChannel#subscribe(Predicate, java.util.function.Consumer)}; null
 * fields match anything. {@code isRef} asks whether {@code extras.ref} is present; {@code refTimeserial} and
 * {@code refType} match {@code extras.ref.timeserial} and {@code extras.ref.type}.
 */
public record MessageFilter(@Nullable Boolean isRef, @Nullable String refTimeserial, @Nullable String refType,
		@Nullable String name, @Nullable String clientId) implements Predicate<Message> {

	public static MessageFilter byName(String name) {
		return new MessageFilter(null, null, null, name, null);
	}

	public static MessageFilter byClientId(String clientId) {
		return new MessageFilter(null, null, null, null, clientId);
	}

	@Override
	public boolean test(Message m) {
		if (name != null && !name.equals(m.name())) {
			return false;
		}
		if (clientId != null && !clientId.equals(m.clientId())) {
			return false;
		}
		JsonNode ref = m.extras() != null ? m.extras().get("ref") : null;
		if (isRef != null && isRef != (ref != null && ref.isObject())) {
			return false;
		}
		if (refTimeserial != null && (ref == null || !refTimeserial.equals(text(ref.get("timeserial"))))) {
			return false;
		}
		return refType == null || (ref != null && refType.equals(text(ref.get("type"))));
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return node != null && node.isString() ? node.asString() : null;
	}
}
