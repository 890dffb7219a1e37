package io.github.ablyspring.protocol.codec;

import java.util.ArrayList;
import java.util.List;

import io.github.ablyspring.protocol.PublishResult;

/** {@link PublishResult} on the wire (PBR2): {@code {"serials": [..]}} where a serial may be null. */
final class PublishResultWire implements WireType<PublishResult> {

	static final PublishResultWire INSTANCE = new PublishResultWire();

	@Override
	public void write(PublishResult p, WireWriter w) {
		w.beginMap(1);
		w.name("serials");
		w.strings(p.serials());
		w.endMap();
	}

	@Override
	public PublishResult read(WireReader r) {
		List<String> serials = new ArrayList<>();
		r.beginMap();
		for (String name = r.nextName(); name != null; name = r.nextName()) {
			if (name.equals("serials")) {
				r.beginArray();
				while (r.hasNextElement()) {
					serials.add(r.skipIfNull() ? null : r.readString());
				}
			}
			else {
				r.skipValue();
			}
		}
		return new PublishResult(serials);
	}
}
