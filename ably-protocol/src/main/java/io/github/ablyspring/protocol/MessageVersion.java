package io.github.ablyspring.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The latest version of a message (TM2s). On protocol v2/v3 the wire carries it as a {@code version} serial string
 * beside an {@code operation} object; the codec maps both shapes to this one.
 */
public record MessageVersion(@Nullable String serial, @Nullable Long timestamp, @Nullable String clientId,
		@Nullable String description, @Nullable Map<String, String> metadata) {

	public MessageVersion {
		metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	public static MessageVersion ofSerial(@Nullable String serial) {
		return new MessageVersion(serial, null, null, null, null);
	}

	public boolean hasOperation() {
		return clientId != null || description != null || metadata != null;
	}
}
