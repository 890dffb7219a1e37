package io.github.ablyspring.protocol.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * How one value type is written to and read from the wire, independent of the format.
 *
 * @param <T> the value type
 */
public interface WireType<T> {

	void write(T value, WireWriter writer);

	T read(WireReader reader);

	/** An array of this type; reading tolerates {@code null} elements by dropping them. */
	default WireType<List<T>> list() {
		WireType<T> element = this;
		return new WireType<>() {
			@Override
			public void write(List<T> values, WireWriter writer) {
				writer.beginArray(values.size());
				for (T v : values) {
					element.write(v, writer);
				}
				writer.endArray();
			}

			@Override
			public List<T> read(WireReader reader) {
				List<T> out = new ArrayList<>();
				reader.beginArray();
				while (reader.hasNextElement()) {
					if (reader.skipIfNull()) {
						continue;
					}
					out.add(element.read(reader));
				}
				return List.copyOf(out);
			}
		};
	}
}
