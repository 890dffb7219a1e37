package io.github.ablyspring.client.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.StatsGranularity;

/**
 * The query of a stats request (RSC6b): a time range in milliseconds since the epoch, a direction, a page size and
 * the interval {@code unit}. Absent values take Ably's defaults (backwards, 100 per page, minutes).
 */
public record StatsParams(@Nullable Long start, @Nullable Long end, HistoryParams.@Nullable Direction direction,
		@Nullable Integer limit, @Nullable StatsGranularity unit) {

	public static final StatsParams DEFAULTS = new StatsParams(null, null, null, null, null);

	/** The query parameters, only those set. */
	public Map<String, String> toQuery() {
		Map<String, String> query = new LinkedHashMap<>(new HistoryParams(start, end, direction, limit).toQuery());
		if (unit != null) {
			query.put("unit", unit.wireName());
		}
		return query;
	}
}
