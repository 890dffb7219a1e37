package io.github.ablyspring.client.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The query of a history request (RSL2b): a time range in milliseconds since the epoch, a direction and a page size.
 * Absent values take Ably's defaults (backwards, 100 per page).
 */
public record HistoryParams(@Nullable Long start, @Nullable Long end, @Nullable Direction direction,
		@Nullable Integer limit) {

	public static final HistoryParams DEFAULTS = new HistoryParams(null, null, null, null);

	public enum Direction {
		FORWARDS, BACKWARDS
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The query parameters, only those set. */
	public Map<String, String> toQuery() {
		Map<String, String> query = new LinkedHashMap<>();
		if (start != null) {
			query.put("start", start.toString());
		}
		if (end != null) {
			query.put("end", end.toString());
		}
		if (direction != null) {
			query.put("direction", direction == Direction.FORWARDS ? "forwards" : "backwards");
		}
		if (limit != null) {
			query.put("limit", limit.toString());
		}
		return query;
	}

	/** Mutable builder of {@link HistoryParams}. */
	public static final class Builder {

		private @Nullable Long start;

		private @Nullable Long end;

		private @Nullable Direction direction;

		private @Nullable Integer limit;

		private Builder() {
		}

		public Builder start(@Nullable Long start) {
			this.start = start;
			return this;
		}

		public Builder end(@Nullable Long end) {
			this.end = end;
			return this;
		}

		public Builder direction(@Nullable Direction direction) {
			this.direction = direction;
			return this;
		}

		public Builder limit(@Nullable Integer limit) {
			this.limit = limit;
			return this;
		}

		public HistoryParams build() {
			return new HistoryParams(start, end, direction, limit);
		}
	}
}
