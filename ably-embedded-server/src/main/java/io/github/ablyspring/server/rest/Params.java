package io.github.ablyspring.server.rest;

import java.time.Instant;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.StatsGranularity;
import io.github.ablyspring.server.http.RestExchange;

import org.jspecify.annotations.Nullable;

/** Query parameters of the paginated endpoints (RSL2b, RSP4b, RSC6b), checked as Ably does: 40003 when invalid. */
final class Params {

	static final int DEFAULT_LIMIT = 100;

	static final int MAX_LIMIT = 1000;

	private Params() {
	}

	static int limit(RestExchange x) {
		String text = x.query("limit");
		if (text == null) {
			return DEFAULT_LIMIT;
		}
		int limit = (int) number(text, "limit");
		if (limit < 1 || limit > MAX_LIMIT) {
			throw invalid("limit must be between 1 and " + MAX_LIMIT + ", not " + text);
		}
		return limit;
	}

	/** {@code direction}: backwards (the default) or forwards. */
	static boolean forwards(RestExchange x) {
		String direction = x.query("direction");
		if (direction == null || direction.equals("backwards")) {
			return false;
		}
		if (direction.equals("forwards")) {
			return true;
		}
		throw invalid("direction must be forwards or backwards, not " + direction);
	}

	/** A time in milliseconds since the epoch; for stats also an interval id such as {@code 2024-03-14:10}. */
	static @Nullable Long time(RestExchange x, String name) {
		String text = x.query(name);
		if (text == null || text.isBlank()) {
			return null;
		}
		if (text.chars().allMatch(Character::isDigit)) {
			return number(text, name);
		}
		Instant interval = StatsGranularity.parseIntervalId(text);
		if (interval == null) {
			throw invalid(name + " must be milliseconds since the epoch or an interval id, not " + text);
		}
		return interval.toEpochMilli();
	}

	static void checkRange(@Nullable Long start, @Nullable Long end) {
		if (start != null && end != null && start > end) {
			throw invalid("start must not be later than end");
		}
	}

	static long number(String text, String name) {
		try {
			return Long.parseLong(text.trim());
		}
		catch (NumberFormatException ex) {
			throw invalid(name + " must be a number, not " + text);
		}
	}

	static AblyException invalid(String message) {
		return new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400, message));
	}
}
