package io.github.ablyspring.client.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;

/**
 * TO3l8: the size Ably counts for a message: the bytes of its name, data, clientId and extras (as JSON), after
 * payload encoding.
 */
public final class MessageSize {

	private MessageSize() {
	}

	public static long of(List<Message> messages) {
		long total = 0;
		for (Message m : messages) {
			total += of(m);
		}
		return total;
	}

	public static long of(Message m) {
		long size = utf8(m.name()) + utf8(m.clientId());
		Object data = m.data();
		if (data instanceof byte[] bytes) {
			size += bytes.length;
		}
		else if (data instanceof String text) {
			size += utf8(text);
		}
		else if (data != null) {
			size += utf8(Json.MAPPER.writeValueAsString(data));
		}
		if (m.extras() != null) {
			size += utf8(Json.MAPPER.writeValueAsString(m.extras()));
		}
		return size;
	}

	private static long utf8(@Nullable String s) {
		return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
	}
}
