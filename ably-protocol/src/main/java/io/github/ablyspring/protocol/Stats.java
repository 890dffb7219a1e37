package io.github.ablyspring.protocol;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Application statistics for one interval (TS12), in the entries-based shape of spec 2.1 onwards.
 *
 * <p>
 * {@code unit} is kept as sent (TS12c: it comes from the JSON, never from the id), so a unit this library does not
 * know survives a round trip; {@link #granularity()} gives the enum. Entry values are {@code long} because the spec
 * types them as integers (TS12r) and the documented metrics are counts, byte totals and peaks; a fractional value
 * on the wire is rounded rather than rejected (see {@code StatsWireTypes}).
 *
 * @param intervalId the UTC start of the interval, e.g. {@code 2024-03-14:10:05} (TS12a)
 * @param unit the aggregation period: {@code minute}, {@code hour}, {@code day} or {@code month} (TS12c)
 * @param inProgress the last sub-interval included, while the interval is still running (TS12q)
 * @param entries the statistics by dotted metric name; sparse, so an absent metric is zero (TS12r)
 * @param schema the URI of the JSON schema describing the entries (TS12s)
 * @param appId the application the statistics are for (TS12t)
 */
public record Stats(String intervalId, @Nullable String unit, @Nullable String inProgress, Map<String, Long> entries,
		@Nullable String schema, @Nullable String appId) {

	public Stats {
		Objects.requireNonNull(intervalId, "intervalId");
		// Keep the wire order (stable output for the embedded server), drop null values.
		Map<String, Long> copy = new LinkedHashMap<>();
		if (entries != null) {
			entries.forEach((k, v) -> {
				if (k != null && v != null) {
					copy.put(k, v);
				}
			});
		}
		entries = Collections.unmodifiableMap(copy);
	}

	/** The statistics of the bucket of {@code granularity} that holds {@code time}, as the embedded server reports. */
	public static Stats of(StatsGranularity granularity, Instant time, Map<String, Long> entries,
			@Nullable String schema, @Nullable String appId) {
		return new Stats(granularity.intervalId(time), granularity.wireName(), null, entries, schema, appId);
	}

	/** The start of the interval in UTC, parsed from {@link #intervalId()} (TS12p); {@code null} if unparseable. */
	public @Nullable Instant intervalTime() {
		return StatsGranularity.parseIntervalId(intervalId);
	}

	/** The {@link #unit()} as an enum; {@code null} when absent or not one this library knows. */
	public @Nullable StatsGranularity granularity() {
		return StatsGranularity.fromWireName(unit);
	}

	/** One metric; zero when absent, since Ably leaves zero metrics out. */
	public long entry(String name) {
		Long value = entries.get(name);
		return value == null ? 0 : value;
	}
}
