package io.github.ablyspring.protocol.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The field names of the protocol, looked up by their UTF-8 bytes so that decoding a known key allocates nothing
 * and the {@code switch} that follows compares an already-hashed constant.
 */
final class FieldNames {

	private static final String[] NAMES = { "action", "id", "auth", "accessToken", "channel", "channelSerial",
			"connectionId", "connectionKey", "connectionDetails", "count", "error", "flags", "msgSerial", "messages",
			"presence", "annotations", "state", "timestamp", "params", "res", "serials", "clientId", "name", "data",
			"encoding", "extras", "serial", "version", "operation", "createdAt", "summary", "description",
			"metadata", "code", "statusCode", "message", "href", "requestId", "cause", "detail", "maxMessageSize",
			"maxFrameSize", "maxInboundRate", "connectionStateTtl", "serverId", "maxIdleInterval",
			"objectsGCGracePeriod", "siteCode", "messageSerial", "type", "keyName", "ttl", "capability", "nonce",
			"mac", "token", "expires", "issued", "intervalId", "unit", "inProgress", "entries", "schema", "appId",
			"delta", "from", "format", "headers", "push" };

	private static final int MASK = 255;

	private static final byte[][] KEYS = new byte[MASK + 1][];

	private static final String[] VALUES = new String[MASK + 1];

	static {
		for (String name : NAMES) {
			byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
			int slot = hash(bytes, 0, bytes.length) & MASK;
			while (KEYS[slot] != null) {
				slot = (slot + 1) & MASK;
			}
			KEYS[slot] = bytes;
			VALUES[slot] = name;
		}
	}

	private FieldNames() {
	}

	/** The known name these bytes spell, or {@code null}. */
	static @Nullable String lookup(byte[] array, int offset, int length) {
		int slot = hash(array, offset, length) & MASK;
		for (byte[] key = KEYS[slot]; key != null; key = KEYS[slot = (slot + 1) & MASK]) {
			if (key.length == length && Arrays.equals(key, 0, length, array, offset, offset + length)) {
				return VALUES[slot];
			}
		}
		return null;
	}

	private static int hash(byte[] array, int offset, int length) {
		int h = length;
		for (int i = offset; i < offset + length; i++) {
			h = 31 * h + array[i];
		}
		return h ^ (h >>> 16);
	}
}
