package io.github.ablyspring.protocol.codec;

import static io.github.ablyspring.protocol.codec.WireWriter.count;

import io.github.ablyspring.protocol.ConnectionDetails;

/** {@link ConnectionDetails} on the wire (CD2). */
final class ConnectionDetailsWire implements WireType<ConnectionDetails> {

	static final ConnectionDetailsWire INSTANCE = new ConnectionDetailsWire();

	@Override
	public void write(ConnectionDetails d, WireWriter w) {
		w.beginMap(count(d.clientId()) + count(d.connectionKey()) + count(d.maxMessageSize())
				+ count(d.maxFrameSize()) + count(d.maxInboundRate()) + count(d.connectionStateTtl())
				+ count(d.serverId()) + count(d.maxIdleInterval()) + count(d.objectsGCGracePeriod())
				+ count(d.siteCode()));
		w.field("clientId", d.clientId());
		w.field("connectionKey", d.connectionKey());
		w.field("maxMessageSize", d.maxMessageSize());
		w.field("maxFrameSize", d.maxFrameSize());
		w.field("maxInboundRate", d.maxInboundRate());
		w.field("connectionStateTtl", d.connectionStateTtl());
		w.field("serverId", d.serverId());
		w.field("maxIdleInterval", d.maxIdleInterval());
		w.field("objectsGCGracePeriod", d.objectsGCGracePeriod());
		w.field("siteCode", d.siteCode());
		w.endMap();
	}

	@Override
	public ConnectionDetails read(WireReader r) {
		String clientId = null;
		String connectionKey = null;
		Long maxMessageSize = null;
		Long maxFrameSize = null;
		Long maxInboundRate = null;
		Long connectionStateTtl = null;
		String serverId = null;
		Long maxIdleInterval = null;
		Long objectsGCGracePeriod = null;
		String siteCode = null;
		r.beginMap();
		for (String name = r.nextName(); name != null; name = r.nextName()) {
			switch (name) {
				case "clientId" -> clientId = r.readString();
				case "connectionKey" -> connectionKey = r.readString();
				case "maxMessageSize" -> maxMessageSize = r.readLong();
				case "maxFrameSize" -> maxFrameSize = r.readLong();
				case "maxInboundRate" -> maxInboundRate = r.readLong();
				case "connectionStateTtl" -> connectionStateTtl = r.readLong();
				case "serverId" -> serverId = r.readString();
				case "maxIdleInterval" -> maxIdleInterval = r.readLong();
				case "objectsGCGracePeriod" -> objectsGCGracePeriod = r.readLong();
				case "siteCode" -> siteCode = r.readString();
				default -> r.skipValue();
			}
		}
		return new ConnectionDetails(clientId, connectionKey, maxMessageSize, maxFrameSize, maxInboundRate,
				connectionStateTtl, serverId, maxIdleInterval, objectsGCGracePeriod, siteCode);
	}
}
