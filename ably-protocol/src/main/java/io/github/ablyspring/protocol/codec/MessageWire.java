package io.github.ablyspring.protocol.codec;

import static io.github.ablyspring.protocol.codec.WireWriter.count;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.MessageAnnotations;
import io.github.ablyspring.protocol.MessageVersion;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@link Message} on the wire (TM2). Writes the shape of the peer's protocol version: from v4 {@code version} and
 * {@code annotations} are objects; up to v3 {@code version} is the version serial, with {@code operation},
 * {@code createdAt} (the original timestamp) and a top-level {@code summary}. Reads either shape at any version.
 */
final class MessageWire implements WireType<Message> {

	static final MessageWire INSTANCE = new MessageWire();

	@Override
	public void write(Message m, WireWriter w) {
		boolean objectShape = w.protocolVersion() >= ProtocolVersion.VERSION_OBJECT;
		String encoding = DataFields.wireEncoding(w.format(), m.data(), m.encoding());
		Integer action = m.action() == null || m.action() == MessageAction.UNKNOWN ? null : m.action().code();
		MessageVersion version = m.version();
		Map<String, JsonNode> summary = m.annotations() == null ? null : m.annotations().summary();

		// Legacy (v2/v3) projections of the version object.
		Long timestamp = m.timestamp();
		Long createdAt = null;
		String versionSerial = null;
		boolean operation = false;
		if (!objectShape && version != null) {
			versionSerial = version.serial();
			operation = version.hasOperation();
			if (version.timestamp() != null) {
				createdAt = timestamp;
				timestamp = version.timestamp();
			}
		}

		int size = count(m.id()) + count(m.clientId()) + count(m.connectionId()) + count(m.connectionKey())
				+ count(m.name()) + count(m.data()) + count(encoding) + count(m.extras()) + count(timestamp)
				+ count(action) + count(m.serial());
		if (objectShape) {
			size += count(version) + count(summary);
		}
		else {
			size += count(versionSerial) + (operation ? 1 : 0) + count(createdAt) + count(summary);
		}
		w.beginMap(size);
		w.field("id", m.id());
		w.field("clientId", m.clientId());
		w.field("connectionId", m.connectionId());
		w.field("connectionKey", m.connectionKey());
		w.field("name", m.name());
		DataFields.write(w, m.data(), encoding);
		w.field("extras", m.extras());
		w.field("timestamp", timestamp);
		w.field("action", action);
		w.field("serial", m.serial());
		if (objectShape) {
			if (version != null) {
				w.name("version");
				writeVersion(version, w);
			}
			if (summary != null) {
				w.name("annotations");
				w.beginMap(1);
				w.name("summary");
				writeSummary(summary, w);
				w.endMap();
			}
		}
		else {
			w.field("version", versionSerial);
			if (operation) {
				w.name("operation");
				writeOperation(version, w);
			}
			w.field("createdAt", createdAt);
			if (summary != null) {
				w.name("summary");
				writeSummary(summary, w);
			}
		}
		w.endMap();
	}

	private static void writeVersion(MessageVersion v, WireWriter w) {
		w.beginMap(count(v.serial()) + count(v.timestamp()) + count(v.clientId()) + count(v.description())
				+ count(v.metadata()));
		w.field("serial", v.serial());
		w.field("timestamp", v.timestamp());
		w.field("clientId", v.clientId());
		w.field("description", v.description());
		w.field("metadata", v.metadata());
		w.endMap();
	}

	private static void writeOperation(MessageVersion v, WireWriter w) {
		w.beginMap(count(v.clientId()) + count(v.description()) + count(v.metadata()));
		w.field("clientId", v.clientId());
		w.field("description", v.description());
		w.field("metadata", v.metadata());
		w.endMap();
	}

	private static void writeSummary(Map<String, JsonNode> summary, WireWriter w) {
		w.beginMap(summary.size());
		for (Map.Entry<String, JsonNode> e : summary.entrySet()) {
			w.name(e.getKey());
			w.json(e.getValue());
		}
		w.endMap();
	}

	@Override
	public Message read(WireReader r) {
		Message.Builder b = Message.builder();
		Long timestamp = null;
		Long createdAt = null;
		MessageVersion version = null;
		MessageVersion operation = null;
		Map<String, JsonNode> summary = null;
		r.beginMap();
		for (String name = r.nextName(); name != null; name = r.nextName()) {
			switch (name) {
				case "id" -> b.id(r.readString());
				case "clientId" -> b.clientId(r.readString());
				case "connectionId" -> b.connectionId(r.readString());
				case "connectionKey" -> b.connectionKey(r.readString());
				case "name" -> b.name(r.readString());
				case "data" -> b.data(r.readData());
				case "encoding" -> b.encoding(DataFields.readEncoding(r));
				case "extras" -> b.extras(r.readJson());
				case "timestamp" -> timestamp = r.readLong();
				case "action" -> b.action(MessageAction.fromCode(r.readLong()));
				case "serial" -> b.serial(r.readString());
				case "version" -> version = r.peek() == WireReader.ValueType.STRING
						? MessageVersion.ofSerial(r.readString()) : readVersion(r);
				case "operation" -> operation = readVersion(r);
				case "createdAt" -> createdAt = r.readLong();
				case "annotations" -> summary = readAnnotations(r);
				case "summary" -> summary = readSummary(r);
				default -> r.skipValue();
			}
		}
		if (operation != null) {
			version = new MessageVersion(version == null ? null : version.serial(),
					version == null ? null : version.timestamp(), operation.clientId(), operation.description(),
					operation.metadata());
		}
		if (createdAt != null) {
			// Legacy shape: createdAt is the original timestamp, timestamp the version's.
			version = new MessageVersion(version == null ? null : version.serial(), timestamp,
					version == null ? null : version.clientId(), version == null ? null : version.description(),
					version == null ? null : version.metadata());
			timestamp = createdAt;
		}
		return b.timestamp(timestamp)
			.version(version)
			.annotations(summary == null ? null : new MessageAnnotations(summary))
			.build();
	}

	private static MessageVersion readVersion(WireReader r) {
		String serial = null;
		Long timestamp = null;
		String clientId = null;
		String description = null;
		Map<String, String> metadata = null;
		r.beginMap();
		for (String name = r.nextName(); name != null; name = r.nextName()) {
			switch (name) {
				case "serial" -> serial = r.readString();
				case "timestamp" -> timestamp = r.readLong();
				case "clientId" -> clientId = r.readString();
				case "description" -> description = r.readString();
				case "metadata" -> metadata = r.readStringMap();
				default -> r.skipValue();
			}
		}
		return new MessageVersion(serial, timestamp, clientId, description, metadata);
	}

	private static @Nullable Map<String, JsonNode> readAnnotations(WireReader r) {
		Map<String, JsonNode> summary = Map.of();
		r.beginMap();
		for (String name = r.nextName(); name != null; name = r.nextName()) {
			if (name.equals("summary")) {
				summary = readSummary(r);
			}
			else {
				r.skipValue();
			}
		}
		return summary;
	}

	private static Map<String, JsonNode> readSummary(WireReader r) {
		Map<String, JsonNode> summary = new LinkedHashMap<>();
		r.beginMap();
		for (String name = r.nextName(); name != null; name = r.nextName()) {
			summary.put(name, r.readJson());
		}
		return summary;
	}
}
