package io.github.ablyspring.server.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.StatsGranularity;

import tools.jackson.databind.JsonNode;

/**
 * Stats fixtures posted by SDK test suites ({@code POST /stats}, as on Ably's sandbox), per app and minute. A
 * fixture has an {@code intervalId} and either {@code entries} or the nested pre-2.1 shape
 * ({@code inbound.realtime.messages.count}...), which is turned into entries with their roll-ups.
 */
final class StatsFixtures {

	private static final Set<String> DIRECTIONS = Set.of("inbound", "outbound");

	private final Map<String, NavigableMap<Long, Map<String, Long>>> byApp = new ConcurrentHashMap<>();

	/** Stores fixtures for an app; returns how many. */
	int add(String appId, JsonNode body) {
		List<JsonNode> fixtures = new ArrayList<>();
		if (body.isArray()) {
			body.forEach(fixtures::add);
		}
		else {
			fixtures.add(body);
		}
		NavigableMap<Long, Map<String, Long>> minutes = byApp.computeIfAbsent(appId, a -> new TreeMap<>());
		for (JsonNode fixture : fixtures) {
			Instant interval = StatsGranularity.parseIntervalId(fixture.path("intervalId").asString(""));
			if (interval == null) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_REQUEST_BODY, 400,
						"a stats fixture needs an intervalId such as 2024-03-14:10:05"));
			}
			Map<String, Long> entries = entries(fixture);
			synchronized (minutes) {
				StatsEntries.merge(minutes.computeIfAbsent(interval.toEpochMilli(), m -> new TreeMap<>()), entries);
			}
		}
		return fixtures.size();
	}

	/** The fixtures of an app by minute start, a copy. */
	NavigableMap<Long, Map<String, Long>> of(String appId) {
		NavigableMap<Long, Map<String, Long>> minutes = byApp.get(appId);
		if (minutes == null) {
			return new TreeMap<>();
		}
		synchronized (minutes) {
			NavigableMap<Long, Map<String, Long>> copy = new TreeMap<>();
			minutes.forEach((minute, entries) -> copy.put(minute, new TreeMap<>(entries)));
			return copy;
		}
	}

	private static Map<String, Long> entries(JsonNode fixture) {
		StatsEntries entries = new StatsEntries();
		for (Map.Entry<String, JsonNode> field : fixture.properties()) {
			String name = field.getKey();
			JsonNode value = field.getValue();
			if (name.equals("entries")) {
				value.properties().forEach(e -> entries.put(e.getKey(), e.getValue().asLong(0)));
			}
			else if (DIRECTIONS.contains(name)) {
				// inbound.realtime.messages.count: leaves only, the "all" totals are rolled up.
				leaves(value).forEach((transport, types) -> leaves(types).forEach((type, counts) -> entries
					.messages(name, transport, type, counts.path("count").asLong(0), counts.path("data").asLong(0))));
			}
			else if (name.equals("persisted")) {
				leaves(value).forEach((type, counts) -> entries.persisted(type, counts.path("count").asLong(0),
						counts.path("data").asLong(0)));
			}
			else if (name.equals("apiRequests") || name.equals("tokenRequests")) {
				String prefix = name.equals("apiRequests") ? "apiRequests.all." : "apiRequests.tokenRequests.";
				value.properties().forEach(e -> entries.put(prefix + e.getKey(), e.getValue().asLong(0)));
			}
			else if (value.isObject()) {
				flatten(name, value, entries);
			}
		}
		return entries.toMap();
	}

	private static Map<String, JsonNode> leaves(JsonNode node) {
		Map<String, JsonNode> leaves = new TreeMap<>();
		node.properties().forEach(e -> {
			if (!e.getKey().equals("all") && e.getValue().isObject()) {
				leaves.put(e.getKey(), e.getValue());
			}
		});
		return leaves;
	}

	/** connections.tls.peak, channels.opened...: kept under their own dotted names. */
	private static void flatten(String prefix, JsonNode node, StatsEntries entries) {
		node.properties().forEach(e -> {
			String name = prefix + "." + e.getKey();
			if (e.getValue().isObject()) {
				flatten(name, e.getValue(), entries);
			}
			else if (e.getValue().isNumber()) {
				entries.put(name, e.getValue().asLong());
			}
		});
	}
}
