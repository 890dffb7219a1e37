package io.github.ablyspring.protocol;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The period a {@link Stats} entry aggregates (TS12c, RSC6b4), and the UTC interval ids that name its buckets:
 * {@code yyyy-MM-dd:HH:mm}, {@code yyyy-MM-dd:HH}, {@code yyyy-MM-dd} and {@code yyyy-MM}.
 */
public enum StatsGranularity {

	MINUTE("minute", "uuuu-MM-dd:HH:mm"), HOUR("hour", "uuuu-MM-dd:HH"), DAY("day", "uuuu-MM-dd"),
	MONTH("month", "uuuu-MM");

	// Year, month, then optional day, hour and minute: every form Ably uses, and nothing else.
	private static final Pattern INTERVAL_ID = Pattern
		.compile("(\\d{4})-(\\d{2})(?:-(\\d{2})(?::(\\d{2})(?::(\\d{2}))?)?)?");

	private final String wireName;

	private final DateTimeFormatter formatter;

	StatsGranularity(String wireName, String pattern) {
		this.wireName = wireName;
		this.formatter = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
	}

	/** The {@code unit} as it appears on the wire and in the {@code unit} query parameter. */
	public String wireName() {
		return wireName;
	}

	/** The start of the bucket of this granularity that holds {@code time}. */
	public Instant truncate(Instant time) {
		LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
		LocalDateTime start = switch (this) {
			case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
			case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
			case DAY -> t.truncatedTo(ChronoUnit.DAYS);
			case MONTH -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.firstDayOfMonth());
		};
		return start.toInstant(ZoneOffset.UTC);
	}

	/** The interval id of the bucket that holds {@code time}, e.g. {@code 2024-03-14:10} for an hour. */
	public String intervalId(Instant time) {
		return formatter.format(truncate(time));
	}

	/** The granularity of a {@code unit} value, case-insensitively; {@code null} for one this library lacks. */
	public static @Nullable StatsGranularity fromWireName(@Nullable String unit) {
		if (unit != null) {
			for (StatsGranularity g : values()) {
				if (g.wireName.equalsIgnoreCase(unit.trim())) {
					return g;
				}
			}
		}
		return null;
	}

	/**
	 * The UTC start of an interval id of any granularity (TS12p); {@code null} when it is none of Ably's forms or
	 * names no real date, so a bad id from the wire never fails a whole page of stats.
	 */
	public static @Nullable Instant parseIntervalId(@Nullable String intervalId) {
		if (intervalId == null) {
			return null;
		}
		Matcher m = INTERVAL_ID.matcher(intervalId.trim());
		if (!m.matches()) {
			return null;
		}
		try {
			return LocalDateTime
				.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), part(m, 3, 1), part(m, 4, 0),
						part(m, 5, 0), 0)
				.toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	private static int part(Matcher m, int group, int absent) {
		String value = m.group(group);
		return value == null ? absent : Integer.parseInt(value);
	}
}
