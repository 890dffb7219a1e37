package io.github.ablyspring.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.ablyspring.protocol.codec.CodecException;
import io.github.ablyspring.protocol.codec.StatsWireTypes;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsTest {

	private static final String SCHEMA = "https://schemas.ably.com/json/app-stats-0.0.5.json";

	// Shaped like a /stats?unit=minute response, plus fields this library does not map.
	private static final String STATS_PAGE = """
			[
			  {
			    "intervalId": "2024-03-14:10:05",
			    "unit": "minute",
			    "inProgress": "2024-03-14:10:05:42",
			    "appId": "Zq3RmA",
			    "schema": "https://schemas.ably.com/json/app-stats-0.0.5.json",
			    "entries": {
			      "messages.all.all.count": 42,
			      "messages.all.all.data": 13021,
			      "messages.inbound.realtime.messages.count": 20,
			      "messages.outbound.realtime.messages.count": 22,
			      "connections.all.peak": 3.0,
			      "connections.all.mean": 2.5,
			      "apiRequests.all.succeeded": 5,
			      "tokenRequests.all.failed": null,
			      "odd.metric": "not a number",
			      "nested.metric": { "count": 1 }
			    },
			    "localTime": "2024-03-14T10:05:00Z",
			    "futureObject": { "a": [1, 2, { "b": null }] }
			  },
			  {
			    "intervalId": "2024-03-14:10:04",
			    "unit": "minute",
			    "appId": "Zq3RmA",
			    "schema": "https://schemas.ably.com/json/app-stats-0.0.5.json",
			    "entries": { "messages.all.all.count": 7 }
			  },
			  null
			]
			""";

	@Test
	void TS12_decodesRealisticStatsPageSkippingUnknownFields() {
		List<Stats> page = WireCodec.of(WireFormat.JSON)
			.decode(STATS_PAGE.getBytes(StandardCharsets.UTF_8), StatsWireTypes.STATS.list());

		assertThat(page).hasSize(2);
		Stats first = page.get(0);
		assertThat(first.intervalId()).isEqualTo("2024-03-14:10:05");
		assertThat(first.unit()).isEqualTo("minute");
		assertThat(first.granularity()).isEqualTo(StatsGranularity.MINUTE);
		assertThat(first.inProgress()).isEqualTo("2024-03-14:10:05:42");
		assertThat(first.appId()).isEqualTo("Zq3RmA");
		assertThat(first.schema()).isEqualTo(SCHEMA);
		assertThat(first.intervalTime()).isEqualTo(Instant.parse("2024-03-14T10:05:00Z"));
		assertThat(first.entries()).containsOnlyKeys("messages.all.all.count", "messages.all.all.data",
				"messages.inbound.realtime.messages.count", "messages.outbound.realtime.messages.count",
				"connections.all.peak", "connections.all.mean", "apiRequests.all.succeeded");
		assertThat(first.entry("messages.all.all.data")).isEqualTo(13021L);
		assertThat(page.get(1).inProgress()).isNull();
		assertThat(page.get(1).entry("messages.all.all.count")).isEqualTo(7L);
	}

	@Test
	void TS12r_floatEntriesAreRoundedToLongs() {
		Stats stats = WireCodec.of(WireFormat.JSON)
			.decode(STATS_PAGE.getBytes(StandardCharsets.UTF_8), StatsWireTypes.STATS.list())
			.get(0);

		assertThat(stats.entry("connections.all.peak")).isEqualTo(3L);
		assertThat(stats.entry("connections.all.mean")).isEqualTo(3L);
	}

	@Test
	void TS12r_absentEntryReadsAsZeroAndEntriesAreImmutable() {
		Stats stats = sample();

		assertThat(stats.entry("channels.peak")).isZero();
		assertThat(stats.entries()).isUnmodifiable();
	}

	@Test
	void TS12c_unknownUnitIsKeptAsSent() {
		Stats stats = WireCodec.of(WireFormat.JSON)
			.decode("{\"intervalId\":\"2024-03\",\"unit\":\"fortnight\",\"entries\":{}}".getBytes(StandardCharsets.UTF_8),
					StatsWireTypes.STATS);

		assertThat(stats.unit()).isEqualTo("fortnight");
		assertThat(stats.granularity()).isNull();
		assertThat(stats.entries()).isEmpty();
	}

	@Test
	void TS12a_statsWithoutIntervalIdFailsWithCodecException() {
		byte[] json = "{\"unit\":\"minute\",\"entries\":{}}".getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> WireCodec.of(WireFormat.JSON).decode(json, StatsWireTypes.STATS))
			.isInstanceOf(CodecException.class);
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void TS12_roundTripsThroughEachWireFormat(WireFormat format) {
		WireCodec codec = WireCodec.of(format);
		Stats full = sample();
		Stats sparse = new Stats("2024-03-14", "day", null, Map.of(), null, null);

		assertThat(codec.decode(codec.encode(full, StatsWireTypes.STATS), StatsWireTypes.STATS)).isEqualTo(full);
		assertThat(codec.decode(codec.encode(sparse, StatsWireTypes.STATS), StatsWireTypes.STATS)).isEqualTo(sparse);
		assertThat(codec.decode(codec.encode(List.of(full, sparse), StatsWireTypes.STATS.list()),
				StatsWireTypes.STATS.list()))
			.containsExactly(full, sparse);
	}

	@Test
	void TS12_jsonOmitsAbsentFieldsAndKeepsEntryOrder() {
		Stats stats = new Stats("2024-03-14:10", "hour", null, sampleEntries(), null, "app");

		String json = new String(WireCodec.of(WireFormat.JSON).encode(stats, StatsWireTypes.STATS),
				StandardCharsets.UTF_8);

		assertThat(json).isEqualTo("{\"intervalId\":\"2024-03-14:10\",\"unit\":\"hour\",\"entries\":"
				+ "{\"messages.all.all.count\":42,\"messages.all.all.data\":13021,\"connections.all.peak\":3},"
				+ "\"appId\":\"app\"}");
	}

	@Test
	void TS12p_intervalTimeParsedFromMinuteIntervalId() {
		assertThat(stats("2024-03-14:10:05").intervalTime()).isEqualTo(Instant.parse("2024-03-14T10:05:00Z"));
	}

	@Test
	void TS12p_intervalTimeParsedFromHourIntervalId() {
		assertThat(stats("2024-03-14:10").intervalTime()).isEqualTo(Instant.parse("2024-03-14T10:00:00Z"));
	}

	@Test
	void TS12p_intervalTimeParsedFromDayIntervalId() {
		assertThat(stats("2024-03-14").intervalTime()).isEqualTo(Instant.parse("2024-03-14T00:00:00Z"));
	}

	@Test
	void TS12p_intervalTimeParsedFromMonthIntervalId() {
		assertThat(stats("2024-03").intervalTime()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
	}

	@Test
	void TS12p_unparseableIntervalIdGivesNoIntervalTime() {
		assertThat(stats("2024-13").intervalTime()).isNull();
		assertThat(stats("2024-02-30").intervalTime()).isNull();
		assertThat(stats("yesterday").intervalTime()).isNull();
		assertThat(stats("2024-03-14T10:05").intervalTime()).isNull();
		assertThat(stats("").intervalTime()).isNull();
	}

	@Test
	void RSC6b4_intervalIdFormattedForEachUnit() {
		Instant t = Instant.parse("2024-03-14T10:05:59.999Z");

		assertThat(StatsGranularity.MINUTE.intervalId(t)).isEqualTo("2024-03-14:10:05");
		assertThat(StatsGranularity.HOUR.intervalId(t)).isEqualTo("2024-03-14:10");
		assertThat(StatsGranularity.DAY.intervalId(t)).isEqualTo("2024-03-14");
		assertThat(StatsGranularity.MONTH.intervalId(t)).isEqualTo("2024-03");
	}

	@ParameterizedTest
	@EnumSource(StatsGranularity.class)
	void TS12p_formattedIntervalIdParsesBackToBucketStart(StatsGranularity unit) {
		Instant t = Instant.parse("2023-12-31T23:59:30Z");

		Instant start = StatsGranularity.parseIntervalId(unit.intervalId(t));

		assertThat(start).isEqualTo(unit.truncate(t)).isBeforeOrEqualTo(t);
		assertThat(StatsGranularity.fromWireName(unit.wireName())).isSameAs(unit);
	}

	@Test
	void RSC6b4_bucketStartsAreUtc() {
		Instant t = Instant.parse("2024-02-29T23:59:59Z");

		assertThat(StatsGranularity.MINUTE.truncate(t)).isEqualTo(Instant.parse("2024-02-29T23:59:00Z"));
		assertThat(StatsGranularity.HOUR.truncate(t)).isEqualTo(Instant.parse("2024-02-29T23:00:00Z"));
		assertThat(StatsGranularity.DAY.truncate(t)).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
		assertThat(StatsGranularity.MONTH.truncate(t)).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
	}

	@Test
	void TS12c_unitNamesAreMatchedCaseInsensitively() {
		assertThat(StatsGranularity.fromWireName("Hour")).isEqualTo(StatsGranularity.HOUR);
		assertThat(StatsGranularity.fromWireName("week")).isNull();
		assertThat(StatsGranularity.fromWireName(null)).isNull();
	}

	@Test
	void TS12_ofBuildsTheBucketForAnInstant() {
		Stats stats = Stats.of(StatsGranularity.HOUR, Instant.parse("2024-03-14T10:05:00Z"), sampleEntries(), SCHEMA,
				"app");

		assertThat(stats.intervalId()).isEqualTo("2024-03-14:10");
		assertThat(stats.unit()).isEqualTo("hour");
		assertThat(stats.intervalTime()).isEqualTo(Instant.parse("2024-03-14T10:00:00Z"));
	}

	private static Stats stats(String intervalId) {
		return new Stats(intervalId, null, null, Map.of(), null, null);
	}

	private static Stats sample() {
		return new Stats("2024-03-14:10:05", "minute", "2024-03-14:10:05:42", sampleEntries(), SCHEMA, "Zq3RmA");
	}

	private static Map<String, Long> sampleEntries() {
		Map<String, Long> entries = new LinkedHashMap<>();
		entries.put("messages.all.all.count", 42L);
		entries.put("messages.all.all.data", 13021L);
		entries.put("connections.all.peak", 3L);
		return entries;
	}
}
