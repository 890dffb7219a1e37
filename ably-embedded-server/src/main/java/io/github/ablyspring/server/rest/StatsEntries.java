package io.github.ablyspring.server.rest;

import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the entries of one stats interval (TS12r) in the names of Ably's app-stats schema, such as
 * {@code messages.inbound.realtime.messages.count}: a count is recorded at its leaf and rolled up into the
 * {@code all} totals Ably also reports ({@code messages.inbound.all.all.count}, {@code messages.all.all.data}...).
 * Zero values are left out, as Ably's stats are sparse.
 */
final class StatsEntries {

	private final Map<String, Long> entries = new TreeMap<>();

	/**
	 * Messages of one direction ({@code inbound}, {@code outbound}), transport ({@code realtime}, {@code rest}...)
	 * and type ({@code messages}, {@code presence}).
	 */
	StatsEntries messages(String direction, String transport, String type, long count, long data) {
		for (String t : new String[] { transport, "all" }) {
			for (String k : new String[] { type, "all" }) {
				add("messages." + direction + "." + t + "." + k, count, data);
			}
		}
		add("messages.all." + type, count, data);
		add("messages.all.all", count, data);
		return this;
	}

	/** Messages of one type kept in history ({@code messages.persisted.*}). */
	StatsEntries persisted(String type, long count, long data) {
		add("messages.persisted." + type, count, data);
		add("messages.persisted.all", count, data);
		return this;
	}

	/** Any other metric, by its full name. */
	StatsEntries put(String name, long value) {
		if (value != 0) {
			entries.merge(name, value, Long::sum);
		}
		return this;
	}

	Map<String, Long> toMap() {
		return entries;
	}

	private void add(String prefix, long count, long data) {
		put(prefix + ".count", count);
		put(prefix + ".data", data);
	}

	/** Adds {@code more} into {@code into}: peaks by maximum, minimums by minimum, everything else by sum. */
	static void merge(Map<String, Long> into, Map<String, Long> more) {
		more.forEach((name, value) -> into.merge(name, value,
				name.endsWith(".peak") ? Math::max : name.endsWith(".min") ? Math::min : Long::sum));
	}
}
