package io.github.ablyspring.protocol;

import java.util.List;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The unit of the realtime protocol (TR4). Absent fields are {@code null}; {@code msgSerial} 0 is a value, not an
 * absence. {@code state} holds LiveObjects messages opaquely. The {@code connectionKey} (a legacy top-level field) is
 * secret and left out of {@link #toString()}.
 */
public record ProtocolMessage(ProtocolAction action, @Nullable String id, @Nullable AuthDetails auth,
		@Nullable String channel, @Nullable String channelSerial, @Nullable String connectionId,
		@Nullable String connectionKey, @Nullable ConnectionDetails connectionDetails, @Nullable Integer count,
		@Nullable ErrorInfo error, @Nullable Long flags, @Nullable Long msgSerial, @Nullable List<Message> messages,
		@Nullable List<PresenceMessage> presence, @Nullable List<Annotation> annotations,
		@Nullable List<JsonNode> state, @Nullable Long timestamp, @Nullable Map<String, String> params,
		@Nullable List<PublishResult> res) {

	public ProtocolMessage {
		messages = messages == null ? null : List.copyOf(messages);
		presence = presence == null ? null : List.copyOf(presence);
		annotations = annotations == null ? null : List.copyOf(annotations);
		state = state == null ? null : List.copyOf(state);
		params = params == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(params));
		res = res == null ? null : List.copyOf(res);
	}

	public static ProtocolMessage of(ProtocolAction action) {
		return builder(action).build();
	}

	public static Builder builder(ProtocolAction action) {
		return new Builder(action);
	}

	public Builder toBuilder() {
		return new Builder(action).id(id).auth(auth).channel(channel).channelSerial(channelSerial)
			.connectionId(connectionId).connectionKey(connectionKey).connectionDetails(connectionDetails).count(count)
			.error(error).flags(flags).msgSerial(msgSerial).messages(messages).presence(presence)
			.annotations(annotations).state(state).timestamp(timestamp).params(params).res(res);
	}

	public boolean hasFlag(ProtocolFlag flag) {
		return flags != null && flag.isSet(flags);
	}

	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder("ProtocolMessage[action=").append(action);
		append(sb, "id", id);
		append(sb, "channel", channel);
		append(sb, "channelSerial", channelSerial);
		append(sb, "connectionId", connectionId);
		append(sb, "msgSerial", msgSerial);
		append(sb, "count", count);
		append(sb, "flags", flags);
		append(sb, "timestamp", timestamp);
		append(sb, "error", error);
		append(sb, "auth", auth);
		append(sb, "connectionKey", connectionKey == null ? null : "<redacted>");
		append(sb, "connectionDetails", connectionDetails);
		append(sb, "params", params);
		append(sb, "messages", messages);
		append(sb, "presence", presence);
		append(sb, "annotations", annotations);
		append(sb, "state", state == null ? null : state.size() + " object messages");
		append(sb, "res", res);
		return sb.append(']').toString();
	}

	private static void append(StringBuilder sb, String name, @Nullable Object value) {
		if (value != null) {
			sb.append(", ").append(name).append('=').append(value);
		}
	}

	/** Mutable builder of {@link ProtocolMessage}. */
	public static final class Builder {

		private ProtocolAction action;

		private @Nullable String id;

		private @Nullable AuthDetails auth;

		private @Nullable String channel;

		private @Nullable String channelSerial;

		private @Nullable String connectionId;

		private @Nullable String connectionKey;

		private @Nullable ConnectionDetails connectionDetails;

		private @Nullable Integer count;

		private @Nullable ErrorInfo error;

		private @Nullable Long flags;

		private @Nullable Long msgSerial;

		private @Nullable List<Message> messages;

		private @Nullable List<PresenceMessage> presence;

		private @Nullable List<Annotation> annotations;

		private @Nullable List<JsonNode> state;

		private @Nullable Long timestamp;

		private @Nullable Map<String, String> params;

		private @Nullable List<PublishResult> res;

		private Builder(ProtocolAction action) {
			this.action = action;
		}

		public Builder action(ProtocolAction action) {
			this.action = action;
			return this;
		}

		public Builder id(@Nullable String id) {
			this.id = id;
			return this;
		}

		public Builder auth(@Nullable AuthDetails auth) {
			this.auth = auth;
			return this;
		}

		public Builder channel(@Nullable String channel) {
			this.channel = channel;
			return this;
		}

		public Builder channelSerial(@Nullable String channelSerial) {
			this.channelSerial = channelSerial;
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

		public Builder connectionDetails(@Nullable ConnectionDetails connectionDetails) {
			this.connectionDetails = connectionDetails;
			return this;
		}

		public Builder count(@Nullable Integer count) {
			this.count = count;
			return this;
		}

		public Builder error(@Nullable ErrorInfo error) {
			this.error = error;
			return this;
		}

		public Builder flags(@Nullable Long flags) {
			this.flags = flags;
			return this;
		}

		/** Sets one flag on top of those already set. */
		public Builder flag(ProtocolFlag flag) {
			this.flags = (flags == null ? 0L : flags) | flag.mask();
			return this;
		}

		public Builder msgSerial(@Nullable Long msgSerial) {
			this.msgSerial = msgSerial;
			return this;
		}

		public Builder messages(@Nullable List<Message> messages) {
			this.messages = messages;
			return this;
		}

		public Builder presence(@Nullable List<PresenceMessage> presence) {
			this.presence = presence;
			return this;
		}

		public Builder annotations(@Nullable List<Annotation> annotations) {
			this.annotations = annotations;
			return this;
		}

		public Builder state(@Nullable List<JsonNode> state) {
			this.state = state;
			return this;
		}

		public Builder timestamp(@Nullable Long timestamp) {
			this.timestamp = timestamp;
			return this;
		}

		public Builder params(@Nullable Map<String, String> params) {
			this.params = params;
			return this;
		}

		public Builder res(@Nullable List<PublishResult> res) {
			this.res = res;
			return this;
		}

		public ProtocolMessage build() {
			return new ProtocolMessage(action, id, auth, channel, channelSerial, connectionId, connectionKey,
					connectionDetails, count, error, flags, msgSerial, messages, presence, annotations, state,
					timestamp, params, res);
		}
	}
}
