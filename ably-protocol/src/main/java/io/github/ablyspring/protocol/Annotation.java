package io.github.ablyspring.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** An annotation of a message (TAN2); {@code data} is encoded like a message payload (TAN2f1). */
public record Annotation(@Nullable String id, @Nullable AnnotationAction action, @Nullable String clientId,
		@Nullable String name, @Nullable Integer count, @Nullable Object data, @Nullable String encoding,
		@Nullable Long timestamp, @Nullable String serial, @Nullable String messageSerial, @Nullable String type,
		@Nullable JsonNode extras) {

	public Annotation withData(@Nullable Object data, @Nullable String encoding) {
		return new Annotation(id, action, clientId, name, count, data, encoding, timestamp, serial, messageSerial, type,
				extras);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Annotation a && Objects.equals(id, a.id) && action == a.action
				&& Objects.equals(clientId, a.clientId) && Objects.equals(name, a.name)
				&& Objects.equals(count, a.count) && Payloads.equal(data, a.data)
				&& Objects.equals(encoding, a.encoding) && Objects.equals(timestamp, a.timestamp)
				&& Objects.equals(serial, a.serial) && Objects.equals(messageSerial, a.messageSerial)
				&& Objects.equals(type, a.type) && Objects.equals(extras, a.extras);
	}

	@Override
	public int hashCode() {
		return Objects.hash(id, action, serial, messageSerial, type) * 31 + Payloads.hash(data);
	}

	@Override
	public String toString() {
		return "Annotation[id=" + id + ", action=" + action + ", type=" + type + ", name=" + name + ", clientId="
				+ clientId + ", messageSerial=" + messageSerial + ", serial=" + serial + ", data="
				+ Payloads.describe(data) + "]";
	}
}
