package io.github.ablyspring.protocol.codec;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.Stats;

/** The wire mapping of {@link Stats} (TS12), the items of a {@code /stats} page (RSC6a). */
public final class StatsWireTypes {

	public static final WireType<Stats> STATS = new WireType<>() {
		@Override
		public void write(Stats value, WireWriter writer) {
			writer.beginMap(2 + WireWriter.count(value.unit()) + WireWriter.count(value.inProgress())
					+ WireWriter.count(value.schema()) + WireWriter.count(value.appId()));
			writer.field("intervalId", value.intervalId());
			writer.field("unit", value.unit());
			writer.field("inProgress", value.inProgress());
			writer.name("entries");
			writer.beginMap(value.entries().size());
			for (Map.Entry<String, Long> e : value.entries().entrySet()) {
				writer.name(e.getKey());
				writer.number(e.getValue().longValue());
			}
			writer.endMap();
			writer.field("schema", value.schema());
			writer.field("appId", value.appId());
			writer.endMap();
		}

		@Override
		public Stats read(WireReader reader) {
			String intervalId = null;
			String unit = null;
			String inProgress = null;
			String schema = null;
			String appId = null;
			Map<String, Long> entries = Map.of();
			reader.beginMap();
			for (String name = reader.nextName(); name != null; name = reader.nextName()) {
				switch (name) {
					case "intervalId" -> intervalId = reader.readString();
					case "unit" -> unit = reader.readString();
					case "inProgress" -> inProgress = reader.readString();
					case "schema" -> schema = reader.readString();
					case "appId" -> appId = reader.readString();
					case "entries" -> entries = readEntries(reader);
					// Includes the nested objects of pre-2.1 stats: not part of this shape.
					default -> reader.skipValue();
				}
			}
			if (intervalId == null) {
				throw new CodecException("stats without an intervalId");
			}
			return new Stats(intervalId, unit, inProgress, entries, schema, appId);
		}
	};

	private StatsWireTypes() {
	}

	private static Map<String, Long> readEntries(WireReader reader) {
		Map<String, Long> entries = new LinkedHashMap<>();
		reader.beginMap();
		for (String name = reader.nextName(); name != null; name = reader.nextName()) {
			Long value = readNumber(reader);
			if (value != null) {
				entries.put(name, value);
			}
		}
		return entries;
	}

	// Whole numbers may arrive as floats (JavaScript encoders); round rather than truncate so 2.9999 stays 3.
	// Anything that is not a number is skipped: one odd metric must not cost the whole page.
	private static @Nullable Long readNumber(WireReader reader) {
		return switch (reader.peek()) {
			case INTEGER -> reader.readLong();
			case FLOAT -> {
				double d = reader.readDouble();
				yield Double.isFinite(d) ? Math.round(d) : null;
			}
			default -> {
				reader.skipValue();
				yield null;
			}
		};
	}
}
