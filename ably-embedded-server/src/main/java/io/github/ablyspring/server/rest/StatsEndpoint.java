package io.github.ablyspring.server.rest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import io.github.ablyspring.protocol.Stats;
import io.github.ablyspring.protocol.StatsGranularity;
import io.github.ablyspring.protocol.codec.StatsWireTypes;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;
import io.github.ablyspring.server.realtime.ChannelOperations.MinuteTraffic;
import io.github.ablyspring.server.realtime.RealtimeCore;

/**
 * {@code GET /stats} (RSC6): the app's statistics per {@code unit} (minute, hour, day or month; {@code by} is the
 * older name) from {@code start} to {@code end} (ms or interval ids), newest first unless {@code direction=forwards},
 * {@code limit} per page. They count the real message traffic of this server (REST and realtime inbound, realtime
 * fan-out; the server's, as its channels are shared by all apps) plus the app's fixtures posted with
 * {@code POST /stats}; intervals without any are left out. The interval holding now is {@code inProgress}.
 */
final class StatsEndpoint {

	static final String SCHEMA = "https://schemas.ably.com/json/app-stats-0.0.5.json";

	private static final List<String> CURSOR = List.of("fromInterval");

	private final RealtimeCore core;

	private final RequestAuth auth;

	private final LongSupplier clock;

	private final StatsFixtures fixtures = new StatsFixtures();

	StatsEndpoint(RealtimeCore core, RequestAuth auth, LongSupplier clock) {
		this.core = core;
		this.auth = auth;
		this.clock = clock;
	}

	RestResponse stats(RestExchange x, List<String> params) {
		AuthContext caller = auth.authenticate(x);
		StatsGranularity unit = unit(x);
		boolean forwards = Params.forwards(x);
		int limit = Params.limit(x);
		long now = clock.getAsLong();
		Long start = Params.time(x, "start");
		Long end = Params.time(x, "end");
		Params.checkRange(start, end);
		long from = start == null ? Long.MIN_VALUE : unit.truncate(Instant.ofEpochMilli(start)).toEpochMilli();
		long to = end == null ? now : end;
		String cursorText = x.query(CURSOR.get(0));
		Long cursor = cursorText == null ? null : Params.number(cursorText, CURSOR.get(0));

		NavigableMap<Long, Map<String, Long>> buckets = buckets(appIdOf(caller), unit).subMap(from, true, to, true);
		NavigableMap<Long, Map<String, Long>> ordered = forwards ? buckets : buckets.descendingMap();
		if (cursor != null) {
			ordered = ordered.tailMap(cursor, false);
		}
		List<Stats> items = new ArrayList<>();
		Long last = null;
		for (Map.Entry<Long, Map<String, Long>> bucket : ordered.entrySet()) {
			if (items.size() == limit) {
				break;
			}
			last = bucket.getKey();
			items.add(stats(unit, bucket.getKey(), bucket.getValue(), appIdOf(caller), now));
		}
		boolean more = last != null && !ordered.tailMap(last, false).isEmpty();
		return Paging.withLinks(Responses.of(200, x, items, StatsWireTypes.STATS.list()), x, CURSOR,
				more ? String.valueOf(last) : null);
	}

	/** {@code POST /stats}: stores fixtures for the caller's app (as the sandbox does for SDK test suites). */
	RestResponse addFixtures(RestExchange x, List<String> params) {
		AuthContext caller = auth.authenticate(x);
		fixtures.add(appIdOf(caller), Responses.body(x));
		return new RestResponse(201, new LinkedHashMap<>(), null, null);
	}

	/** Every interval of {@code unit} that had traffic or fixtures, by start in ms. */
	private NavigableMap<Long, Map<String, Long>> buckets(String appId, StatsGranularity unit) {
		NavigableMap<Long, Map<String, Long>> minutes = fixtures.of(appId);
		for (MinuteTraffic traffic : core.call(() -> core.channels().trafficPerMinute())) {
			StatsEntries.merge(minutes.computeIfAbsent(traffic.minute(), m -> new TreeMap<>()), entries(traffic));
		}
		NavigableMap<Long, Map<String, Long>> buckets = new TreeMap<>();
		minutes.forEach((minute, entries) -> StatsEntries.merge(buckets
			.computeIfAbsent(unit.truncate(Instant.ofEpochMilli(minute)).toEpochMilli(), b -> new TreeMap<>()), entries));
		buckets.values().removeIf(Map::isEmpty);
		return buckets;
	}

	private static Map<String, Long> entries(MinuteTraffic t) {
		return new StatsEntries().messages("inbound", "realtime", "messages", t.realtimeInCount(), t.realtimeInBytes())
			.messages("inbound", "rest", "messages", t.restInCount(), t.restInBytes())
			.messages("outbound", "realtime", "messages", t.realtimeOutCount(), t.realtimeOutBytes())
			.toMap();
	}

	private static Stats stats(StatsGranularity unit, long start, Map<String, Long> entries, String appId, long now) {
		Instant begin = Instant.ofEpochMilli(start);
		boolean running = start <= now && now < next(unit, begin).toEpochMilli();
		String inProgress = running ? StatsGranularity.MINUTE.intervalId(Instant.ofEpochMilli(now)) : null;
		return new Stats(unit.intervalId(begin), unit.wireName(), inProgress, entries, SCHEMA, appId);
	}

	private static Instant next(StatsGranularity unit, Instant start) {
		ZonedDateTime t = start.atZone(ZoneOffset.UTC);
		ZonedDateTime next = switch (unit) {
			case MINUTE -> t.plusMinutes(1);
			case HOUR -> t.plusHours(1);
			case DAY -> t.plusDays(1);
			case MONTH -> t.plusMonths(1);
		};
		return next.toInstant();
	}

	private static StatsGranularity unit(RestExchange x) {
		String text = x.query("unit") != null ? x.query("unit") : x.query("by");
		if (text == null) {
			return StatsGranularity.MINUTE;
		}
		StatsGranularity unit = StatsGranularity.fromWireName(text);
		if (unit == null) {
			throw Params.invalid("unit must be minute, hour, day or month, not " + text);
		}
		return unit;
	}

	private static String appIdOf(AuthContext caller) {
		String keyName = caller.keyName();
		return keyName.substring(0, Math.max(0, keyName.indexOf('.')));
	}
}
