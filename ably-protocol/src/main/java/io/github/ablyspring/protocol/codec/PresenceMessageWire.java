package io.github.ablyspring.protocol.codec;

import static io.github.ablyspring.protocol.codec.WireWriter.count;

import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;

/** {@link PresenceMessage} on the wire (TP3); the action is its numeric code. */
final class PresenceMessageWire implements WireType<PresenceMessage> {

	static final PresenceMessageWire INSTANCE = new PresenceMessageWire();

	@Override
	public void write(PresenceMessage p, WireWriter w) {
		String encoding = DataFields.wireEncoding(w.format(), p.data(), p.encoding());
		Integer action = p.action() == null || p.action() == PresenceAction.UNKNOWN ? null : p.action().code();
		w.beginMap(count(p.id()) + count(action) + count(p.clientId()) + count(p.connectionId()) + count(p.data())
				+ count(encoding) + count(p.extras()) + count(p.timestamp()));
		w.field("id", p.id());
		w.field("action", action);
		w.field("clientId", p.clientId());
		w.field("connectionId", p.connectionId());
		DataFields.write(w, p.data(), encoding);
		w.field("extras", p.extras());
		w.field("timestamp", p.timestamp());
		w.endMap();
	}

	@Override
	public PresenceMessage read(WireReader r) {
		PresenceMessage.Builder b = PresenceMessage.builder();
		r.beginMap();
		for (String name = r.nextName(); name != null; name = r.nextName()) {
			switch (name) {
				case "id" -> b.id(r.readString());
				case "action" -> b.action(PresenceAction.fromCode(r.readLong()));
				case "clientId" -> b.clientId(r.readString());
				case "connectionId" -> b.connectionId(r.readString());
				case "data" -> b.data(r.readData());
				case "encoding" -> b.encoding(DataFields.readEncoding(r));
				case "extras" -> b.extras(r.readJson());
				case "timestamp" -> b.timestamp(r.readLong());
				default -> r.skipValue();
			}
		}
		return b.build();
	}
}
