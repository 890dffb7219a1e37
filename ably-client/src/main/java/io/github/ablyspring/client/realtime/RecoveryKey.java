package io.github.ablyspring.client.realtime;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * RTN16g: what a new client needs to recover a connection: its key, the next msgSerial and each attached channel's
 * serial, as JSON (any channel name survives, RTN16g1). The connection key is a credential: keep the string secret.
 */
record RecoveryKey(String connectionKey, long msgSerial, Map<String, String> channelSerials) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	RecoveryKey {
		channelSerials = Map.copyOf(channelSerials);
	}

	String encode() {
		ObjectNode root = JSON.createObjectNode();
		root.put("connectionKey", connectionKey);
		root.put("msgSerial", msgSerial);
		ObjectNode serials = root.putObject("channelSerials");
		channelSerials.forEach(serials::put);
		return JSON.writeValueAsString(root);
	}

	/** RTN16f1: null when {@code text} is not a recovery key. */
	static @Nullable RecoveryKey decode(String text) {
		try {
			JsonNode root = JSON.readTree(text);
			JsonNode key = root.get("connectionKey");
			JsonNode serial = root.get("msgSerial");
			if (key == null || !key.isString() || serial == null || !serial.canConvertToLong()) {
				return null;
			}
			Map<String, String> serials = new LinkedHashMap<>();
			JsonNode channels = root.get("channelSerials");
			if (channels != null && channels.isObject()) {
				for (Map.Entry<String, JsonNode> e : channels.properties()) {
					if (e.getValue().isString()) {
						serials.put(e.getKey(), e.getValue().asString());
					}
				}
			}
			return new RecoveryKey(key.asString(), serial.asLong(), serials);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return "RecoveryKey[msgSerial=" + msgSerial + ", channels=" + channelSerials.keySet() + "]";
	}
}
