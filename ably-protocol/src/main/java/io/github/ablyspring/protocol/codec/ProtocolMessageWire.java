package io.github.ablyspring.protocol.codec;

import static io.github.ablyspring.protocol.codec.WireWriter.count;

import io.github.ablyspring.protocol.AuthDetails;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

/**
 * {@link ProtocolMessage} on the wire (TR4). The action is always written, {@code msgSerial} whenever present
 * (0 included); unknown fields are skipped and unknown actions read as {@link ProtocolAction#UNKNOWN}.
 */
final class ProtocolMessageWire implements WireType<ProtocolMessage> {

	static final ProtocolMessageWire INSTANCE = new ProtocolMessageWire();

	@Override
	public void write(ProtocolMessage p, WireWriter w) {
		if (p.action() == ProtocolAction.UNKNOWN) {
			throw new IllegalArgumentException("a ProtocolMessage with an unknown action cannot be sent");
		}
		w.beginMap(1 + count(p.id()) + count(p.auth()) + count(p.channel()) + count(p.channelSerial())
				+ count(p.connectionId()) + count(p.connectionKey()) + count(p.connectionDetails()) + count(p.count())
				+ count(p.error()) + count(p.flags()) + count(p.msgSerial()) + count(p.messages())
				+ count(p.presence()) + count(p.annotations()) + count(p.state()) + count(p.timestamp())
				+ count(p.params()) + count(p.res()));
		w.name("action");
		w.number(p.action().code());
		w.field("id", p.id());
		if (p.auth() != null) {
			w.name("auth");
			w.beginMap(1);
			w.field("accessToken", p.auth().accessToken());
			w.endMap();
		}
		w.field("channel", p.channel());
		w.field("channelSerial", p.channelSerial());
		w.field("connectionId", p.connectionId());
		w.field("connectionKey", p.connectionKey());
		w.field("connectionDetails", p.connectionDetails(), ConnectionDetailsWire.INSTANCE);
		w.field("count", p.count());
		w.field("error", p.error(), ErrorInfoWire.INSTANCE);
		w.field("flags", p.flags());
		w.field("msgSerial", p.msgSerial());
		w.field("messages", p.messages(), MessageWire.INSTANCE);
		w.field("presence", p.presence(), PresenceMessageWire.INSTANCE);
		w.field("annotations", p.annotations(), AnnotationWire.INSTANCE);
		if (p.state() != null) {
			w.name("state");
			w.beginArray(p.state().size());
			p.state().forEach(w::json);
			w.endArray();
		}
		w.field("timestamp", p.timestamp());
		w.field("params", p.params());
		w.field("res", p.res(), PublishResultWire.INSTANCE);
		w.endMap();
	}

	@Override
	public ProtocolMessage read(WireReader r) {
		ProtocolMessage.Builder b = ProtocolMessage.builder(ProtocolAction.UNKNOWN);
		r.beginMap();
		for (String name = r.nextName(); name != null; name = r.nextName()) {
			switch (name) {
				case "action" -> b.action(ProtocolAction.fromCode(r.readLong()));
				case "id" -> b.id(r.readString());
				case "auth" -> b.auth(readAuth(r));
				case "channel" -> b.channel(r.readString());
				case "channelSerial" -> b.channelSerial(r.readString());
				case "connectionId" -> b.connectionId(r.readString());
				case "connectionKey" -> b.connectionKey(r.readString());
				case "connectionDetails" -> b.connectionDetails(ConnectionDetailsWire.INSTANCE.read(r));
				case "count" -> b.count(r.readInt());
				case "error" -> b.error(ErrorInfoWire.INSTANCE.read(r));
				case "flags" -> b.flags(r.readLong());
				case "msgSerial" -> b.msgSerial(r.readLong());
				case "messages" -> b.messages(MessageWire.INSTANCE.list().read(r));
				case "presence" -> b.presence(PresenceMessageWire.INSTANCE.list().read(r));
				case "annotations" -> b.annotations(AnnotationWire.INSTANCE.list().read(r));
				case "state" -> b.state(WireTypes.JSON.list().read(r));
				case "timestamp" -> b.timestamp(r.readLong());
				case "params" -> b.params(r.readStringMap());
				case "res" -> b.res(PublishResultWire.INSTANCE.list().read(r));
				default -> r.skipValue();
			}
		}
		return b.build();
	}

	private static AuthDetails readAuth(WireReader r) {
		String token = null;
		r.beginMap();
		for (String name = r.nextName(); name != null; name = r.nextName()) {
			if (name.equals("accessToken")) {
				token = r.readString();
			}
			else {
				r.skipValue();
			}
		}
		if (token == null) {
			throw new CodecException("AUTH details without an accessToken");
		}
		return new AuthDetails(token);
	}
}
