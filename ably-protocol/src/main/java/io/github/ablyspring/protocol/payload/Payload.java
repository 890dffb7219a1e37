package io.github.ablyspring.protocol.payload;

import java.util.Objects;

import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.Payloads;

import org.jspecify.annotations.Nullable;

/**
 * The {@code data} and {@code encoding} of a message, presence message or annotation: the part that
 * {@link PayloadEncoder} and {@link PayloadDecoder} transform, so they need no per-type logic.
 */
public record Payload(@Nullable Object data, @Nullable String encoding) {

	public static Payload of(Message message) {
		return new Payload(message.data(), message.encoding());
	}

	public static Payload of(PresenceMessage message) {
		return new Payload(message.data(), message.encoding());
	}

	public static Payload of(Annotation annotation) {
		return new Payload(annotation.data(), annotation.encoding());
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Payload p && Payloads.equal(data, p.data) && Objects.equals(encoding, p.encoding);
	}

	@Override
	public int hashCode() {
		return Payloads.hash(data) * 31 + Objects.hashCode(encoding);
	}

	@Override
	public String toString() {
		return "Payload[encoding=" + encoding + ", data=" + Payloads.describe(data) + "]";
	}
}
