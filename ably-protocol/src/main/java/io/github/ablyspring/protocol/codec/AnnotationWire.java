package io.github.ablyspring.protocol.codec;

import static io.github.ablyspring.protocol.codec.WireWriter.count;

import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;

import tools.jackson.databind.JsonNode;

/** {@link Annotation} on the wire (TAN2); the action is its numeric code (TAN2b1). */
final class AnnotationWire implements WireType<Annotation> {

	static final AnnotationWire INSTANCE = new AnnotationWire();

	@Override
	public void write(Annotation a, WireWriter w) {
		String encoding = DataFields.wireEncoding(w.format(), a.data(), a.encoding());
		Integer action = a.action() == null || a.action() == AnnotationAction.UNKNOWN ? null : a.action().code();
		w.beginMap(count(a.id()) + count(action) + count(a.clientId()) + count(a.name()) + count(a.count())
				+ count(a.data()) + count(encoding) + count(a.timestamp()) + count(a.serial())
				+ count(a.messageSerial()) + count(a.type()) + count(a.extras()));
		w.field("id", a.id());
		w.field("action", action);
		w.field("clientId", a.clientId());
		w.field("name", a.name());
		w.field("count", a.count());
		DataFields.write(w, a.data(), encoding);
		w.field("timestamp", a.timestamp());
		w.field("serial", a.serial());
		w.field("messageSerial", a.messageSerial());
		w.field("type", a.type());
		w.field("extras", a.extras());
		w.endMap();
	}

	@Override
	public Annotation read(WireReader r) {
		String id = null;
		AnnotationAction action = null;
		String clientId = null;
		String name = null;
		Integer count = null;
		Object data = null;
		String encoding = null;
		Long timestamp = null;
		String serial = null;
		String messageSerial = null;
		String type = null;
		JsonNode extras = null;
		r.beginMap();
		for (String field = r.nextName(); field != null; field = r.nextName()) {
			switch (field) {
				case "id" -> id = r.readString();
				case "action" -> action = AnnotationAction.fromCode(r.readLong());
				case "clientId" -> clientId = r.readString();
				case "name" -> name = r.readString();
				case "count" -> count = r.readInt();
				case "data" -> data = r.readData();
				case "encoding" -> encoding = DataFields.readEncoding(r);
				case "timestamp" -> timestamp = r.readLong();
				case "serial" -> serial = r.readString();
				case "messageSerial" -> messageSerial = r.readString();
				case "type" -> type = r.readString();
				case "extras" -> extras = r.readJson();
				default -> r.skipValue();
			}
		}
		return new Annotation(id, action, clientId, name, count, data, encoding, timestamp, serial, messageSerial, type,
				extras);
	}
}
