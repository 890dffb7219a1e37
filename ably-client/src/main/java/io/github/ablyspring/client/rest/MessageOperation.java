package io.github.ablyspring.client.rest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.MessageVersion;

/**
 * Who made an update, delete or append of a message, and why (MOP2): sent as the message's {@code version}
 * (RSL15b7). Every field is optional.
 */
public record MessageOperation(@Nullable String clientId, @Nullable String description,
		@Nullable Map<String, String> metadata) {

	public MessageOperation {
		metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	public static MessageOperation of(@Nullable String description) {
		return new MessageOperation(null, description, null);
	}

	MessageVersion toVersion() {
		return new MessageVersion(null, null, clientId, description, metadata);
	}
}
