package io.github.ablyspring.server.realtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.davidehrmann.vcdiff.VCDiffEncoderBuilder;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delta delivery (PC3, RTL19, RTL20) for subscribers attached with {@code delta=vcdiff}: each message is sent as a
 * VCDIFF delta (RFC 3284, no open-vcdiff extensions) against the payload of the message delivered before it to the
 * same subscriber on the same channel. The encoding gains {@code vcdiff} (after {@code utf-8} for string payloads, which
 * are diffed as their UTF-8 bytes), and {@code extras.delta} names the base: {@code {"from": id, "format": "vcdiff"}}.
 * On JSON transports the codec appends {@code base64} to the byte[] delta as for any binary payload.
 */
final class Deltas {

	static final String FORMAT = "vcdiff";

	private Deltas() {
	}

	/** What one delta subscriber last received on one channel: the base of its next delta, or nothing. */
	static final class Base {

		@Nullable String id;

		byte @Nullable [] payload;

		void reset() {
			id = null;
			payload = null;
		}

		/** Records {@code message} (as stored, not as sent) as the base of the next delta. */
		void delivered(Message message) {
			byte[] bytes = payload(message.data());
			id = bytes == null ? null : message.id();
			payload = id == null ? null : bytes;
		}
	}

	/** The payload as diffable bytes: UTF-8 of a string, a byte[] as is; null when it cannot be a base or target. */
	static byte @Nullable [] payload(@Nullable Object data) {
		if (data instanceof byte[] bytes) {
			return bytes;
		}
		if (data instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		return null;
	}

	/**
	 * {@code message} for a subscriber whose base is {@code base}: as a delta when there is a base and the payload is
	 * diffable, otherwise unchanged. Either way the base then moves on to {@code message}.
	 */
	static Message forSubscriber(Message message, Base base) {
		byte[] target = payload(message.data());
		byte[] from = base.payload;
		String fromId = base.id;
		base.delivered(message);
		if (target == null || from == null || fromId == null || from.length == 0 || message.id() == null) {
			return message;
		}
		byte[] delta;
		try {
			delta = encode(from, target);
		}
		catch (IOException | RuntimeException ex) {
			return message;
		}
		String encoding = message.encoding() == null ? "" : message.encoding() + "/";
		if (message.data() instanceof String) {
			encoding += "utf-8/";
		}
		encoding += FORMAT;
		ObjectNode extras = message.extras() instanceof ObjectNode existing ? existing.deepCopy() : Json.NODES.objectNode();
		ObjectNode deltaInfo = Json.NODES.objectNode();
		deltaInfo.put("from", fromId);
		deltaInfo.put("format", FORMAT);
		extras.set("delta", deltaInfo);
		return message.toBuilder().data(delta).encoding(encoding).extras((JsonNode) extras).build();
	}

	static byte[] encode(byte[] base, byte[] target) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(target.length / 2 + 16);
		VCDiffEncoderBuilder.builder()
			.withDictionary(base)
			.withInterleaving(false)
			.withChecksum(false)
			.buildSimple()
			.encode(target, out);
		return out.toByteArray();
	}
}
