package io.github.ablyspring.protocol;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A channel message (TM2). {@code data} is a {@code String}, a {@code byte[]} or a Jackson {@link JsonNode} (object
 * or array); on the wire it may be encoded, which {@code encoding} records (RSL4b). Immutable; build with
 * {@link #builder()} or {@link #toBuilder()}. The {@code connectionKey} is secret and left out of {@link #toString()}.
 */
public record Message(@Nullable String id, @Nullable String clientId, @Nullable String connectionId,
		@Nullable String connectionKey, @Nullable String name, @Nullable Object data, @Nullable String encoding,
		@Nullable JsonNode extras, @Nullable Long timestamp, @Nullable MessageAction action, @Nullable String serial,
		@Nullable MessageVersion version, @Nullable MessageAnnotations annotations) {

	/** TM4: a message with a name and data. */
	public static Message of(@Nullable String name, @Nullable Object data) {
		return builder().name(name).data(data).build();
	}

	public static Builder builder() {
		return new Builder();
	}

	public Builder toBuilder() {
		return new Builder().id(id).clientId(clientId).connectionId(connectionId).connectionKey(connectionKey)
			.name(name).data(data).encoding(encoding).extras(extras).timestamp(timestamp).action(action)
			.serial(serial).version(version).annotations(annotations);
	}

	/** The same message with other data and encoding, as payload encoding and decoding produce. */
	public Message withData(@Nullable Object data, @Nullable String encoding) {
		return new Message(id, clientId, connectionId, connectionKey, name, data, encoding, extras, timestamp, action,
				serial, version, annotations);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Message m && Objects.equals(id, m.id) && Objects.equals(clientId, m.clientId)
				&& Objects.equals(connectionId, m.connectionId) && Objects.equals(connectionKey, m.connectionKey)
				&& Objects.equals(name, m.name) && Payloads.equal(data, m.data) && Objects.equals(encoding, m.encoding)
				&& Objects.equals(extras, m.extras) && Objects.equals(timestamp, m.timestamp) && action == m.action
				&& Objects.equals(serial, m.serial) && Objects.equals(version, m.version)
				&& Objects.equals(annotations, m.annotations);
	}

	@Override
	public int hashCode() {
		return Objects.hash(id, name, clientId, serial, timestamp) * 31 + Payloads.hash(data);
	}

	@Override
	public String toString() {
		return "Message[id=" + id + ", name=" + name + ", clientId=" + clientId + ", connectionId=" + connectionId
				+ ", action=" + action + ", serial=" + serial + ", timestamp=" + timestamp + ", encoding=" + encoding
				+ ", data=" + Payloads.describe(data) + "]";
	}

	/** Mutable builder of {@link Message}. */
	public static final class Builder {

		private @Nullable String id;

		private @Nullable String clientId;

		private @Nullable String connectionId;

		private @Nullable String connectionKey;

		private @Nullable String name;

		private @Nullable Object data;

		private @Nullable String encoding;

		private @Nullable JsonNode extras;

		private @Nullable Long timestamp;

		private @Nullable MessageAction action;

		private @Nullable String serial;

		private @Nullable MessageVersion version;

		private @Nullable MessageAnnotations annotations;

		private Builder() {
		}

		public Builder id(@Nullable String id) {
			this.id = id;
			return this;
		}

		public Builder clientId(@Nullable String clientId) {
			this.clientId = clientId;
			return this;
		}

		public Builder connectionId(@Nullable String connectionId) {
			this.connectionId = connectionId;
			return this;
		}

		public Builder connectionKey(@Nullable String connectionKey) {
			this.connectionKey = connectionKey;
			return this;
		}

		public Builder name(@Nullable String name) {
			this.name = name;
			return this;
		}

		public Builder data(@Nullable Object data) {
			this.data = data;
			return this;
		}

		public Builder encoding(@Nullable String encoding) {
			this.encoding = encoding;
			return this;
		}

		public Builder extras(@Nullable JsonNode extras) {
			this.extras = extras;
			return this;
		}

		public Builder timestamp(@Nullable Long timestamp) {
			this.timestamp = timestamp;
			return this;
		}

		public Builder action(@Nullable MessageAction action) {
			this.action = action;
			return this;
		}

		public Builder serial(@Nullable String serial) {
			this.serial = serial;
			return this;
		}

		public Builder version(@Nullable MessageVersion version) {
			this.version = version;
			return this;
		}

		public Builder annotations(@Nullable MessageAnnotations annotations) {
			this.annotations = annotations;
			return this;
		}

		public Message build() {
			return new Message(id, clientId, connectionId, connectionKey, name, data, encoding, extras, timestamp,
					action, serial, version, annotations);
		}
	}
}
