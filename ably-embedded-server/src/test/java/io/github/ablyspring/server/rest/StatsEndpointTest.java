package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PageLinks;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.Stats;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.StatsWireTypes;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code GET /stats} (RSC6) over real traffic and posted fixtures: units, ranges, direction, limit and paging. */
class StatsEndpointTest {

	private static final int LAST_YEAR = Year.now(ZoneOffset.UTC).getValue() - 1;

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
		// The fixtures of ably-js's stats tests: three minutes of last year, as the sandbox takes them.
		RestTestClient.of(server, WireFormat.JSON).postJsonText("/stats", ("["
				+ "{\"intervalId\":\"Y-02-03:15:03\",\"inbound\":{\"realtime\":{\"messages\":{\"count\":50,\"data\":5000}}},"
				+ "\"outbound\":{\"realtime\":{\"messages\":{\"count\":20,\"data\":2000}}}},"
				+ "{\"intervalId\":\"Y-02-03:15:04\",\"inbound\":{\"realtime\":{\"messages\":{\"count\":60,\"data\":6000}}},"
				+ "\"outbound\":{\"realtime\":{\"messages\":{\"count\":10,\"data\":1000}}}},"
				+ "{\"intervalId\":\"Y-02-03:15:05\",\"inbound\":{\"realtime\":{\"messages\":{\"count\":70,\"data\":7000}}},"
				+ "\"outbound\":{\"realtime\":{\"messages\":{\"count\":40,\"data\":4000}}},"
				+ "\"persisted\":{\"presence\":{\"count\":20,\"data\":2000}},\"connections\":{\"tls\":{\"peak\":20,\"opened\":10}},"
				+ "\"channels\":{\"peak\":50,\"opened\":30},\"apiRequests\":{\"succeeded\":50,\"failed\":10},"
				+ "\"tokenRequests\":{\"succeeded\":60,\"failed\":20}}]").replace("Y", String.valueOf(LAST_YEAR)))
			.assertStatus(201);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void countsRealRestAndRealtimeTraffic() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		long start = System.currentTimeMillis();
		try (RealtimeTestClient realtime = RealtimeTestClient.connect(server, "key=app.key:secret")) {
			realtime.attach("counted");
			client.post("/channels/counted/messages", List.of(Message.of("a", "12345"), Message.of("b", "678")),
					WireTypes.MESSAGES).assertStatus(201);
			realtime.send(ProtocolMessage.builder(ProtocolAction.MESSAGE)
				.channel("counted")
				.msgSerial(0L)
				.messages(List.of(Message.of("c", "xy")))
				.build());
			realtime.await(ProtocolAction.ACK);
		}
		long end = System.currentTimeMillis();
		List<Stats> stats = client.get("/stats?unit=minute&start=" + start + "&end=" + end).assertStatus(200)
			.as(StatsWireTypes.STATS.list());
		Map<String, Long> totals = new java.util.TreeMap<>();
		stats.forEach(s -> s.entries().forEach((k, v) -> totals.merge(k, v, Long::sum)));
		assertThat(totals).containsEntry("messages.inbound.rest.messages.count", 2L)
			.containsEntry("messages.inbound.rest.all.count", 2L)
			// Sizes count name and data, as Ably's message size does (TM6).
			.containsEntry("messages.inbound.rest.messages.data", 10L)
			.containsEntry("messages.inbound.realtime.messages.count", 1L)
			.containsEntry("messages.inbound.realtime.all.count", 1L)
			.containsEntry("messages.inbound.all.all.count", 3L)
			// The realtime client was attached: it received all three (its own one echoed).
			.containsEntry("messages.outbound.realtime.all.count", 3L)
			.containsEntry("messages.all.all.count", 6L)
			.containsEntry("messages.all.all.data", 26L);
		Stats newest = stats.get(0);
		assertThat(newest.unit()).isEqualTo("minute");
		assertThat(newest.schema()).startsWith("https://schemas.ably.com/json/app-stats-");
		assertThat(newest.appId()).isEqualTo("app");

		Stats hour = client.get("/stats?unit=hour&limit=1").as(StatsWireTypes.STATS.list()).get(0);
		assertThat(hour.inProgress()).isNotBlank();
		assertThat(hour.unit()).isEqualTo("hour");
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void fixturesByMinuteWithIntervalIdsOrMilliseconds(WireFormat format) {
		RestTestClient client = RestTestClient.of(server, format);
		List<Stats> byId = client.get("/stats?start=" + LAST_YEAR + "-02-03:15:03&end=" + LAST_YEAR
				+ "-02-03:15:05&direction=forwards").as(StatsWireTypes.STATS.list());
		assertThat(byId).extracting(Stats::intervalId).containsExactly(LAST_YEAR + "-02-03:15:03",
				LAST_YEAR + "-02-03:15:04", LAST_YEAR + "-02-03:15:05");
		assertThat(byId).extracting(s -> s.entry("messages.inbound.all.messages.count")).containsExactly(50L, 60L, 70L);
		assertThat(byId).extracting(s -> s.entry("messages.outbound.all.messages.count")).containsExactly(20L, 10L,
				40L);
		Stats last = byId.get(2);
		assertThat(last.entry("messages.all.messages.count")).isEqualTo(110);
		assertThat(last.entry("messages.persisted.all.count")).isEqualTo(20);
		assertThat(last.entry("channels.peak")).isEqualTo(50);
		assertThat(last.entry("apiRequests.tokenRequests.succeeded")).isEqualTo(60);
		assertThat(last.inProgress()).isNull();

		long start = LocalDateTime.of(LAST_YEAR, 2, 3, 15, 3).toInstant(ZoneOffset.UTC).toEpochMilli();
		long end = LocalDateTime.of(LAST_YEAR, 3, 3, 15, 6).toInstant(ZoneOffset.UTC).toEpochMilli();
		assertThat(client.get("/stats?start=" + start + "&end=" + end).as(StatsWireTypes.STATS.list()))
			.extracting(Stats::intervalId)
			.containsExactly(LAST_YEAR + "-02-03:15:05", LAST_YEAR + "-02-03:15:04", LAST_YEAR + "-02-03:15:03");
	}

	@Test
	void coarserUnitsSumTheirMinutes() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		for (String unit : List.of("hour", "day", "month")) {
			List<Stats> stats = client.get("/stats?unit=" + unit + "&start=" + LAST_YEAR + "-02-03:15&end=" + LAST_YEAR
					+ "-02-03:18").as(StatsWireTypes.STATS.list());
			assertThat(stats).as(unit).hasSize(1);
			assertThat(stats.get(0).unit()).isEqualTo(unit);
			assertThat(stats.get(0).entry("messages.inbound.all.messages.count")).isEqualTo(180);
			assertThat(stats.get(0).entry("messages.outbound.all.messages.data")).isEqualTo(7000);
		}
		// "by" is the older name of "unit".
		assertThat(client.get("/stats?by=hour&end=" + LAST_YEAR + "-02-03:18").as(StatsWireTypes.STATS.list())
			.get(0)
			.intervalId()).isEqualTo(LAST_YEAR + "-02-03:15");
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void pagesOneIntervalAtATimeInEitherDirection(WireFormat format) {
		RestTestClient client = RestTestClient.of(server, format);
		String end = "&end=" + LAST_YEAR + "-02-03:15:05";
		assertThat(pages(client, "/stats?limit=1" + end)).containsExactly(7000L, 6000L, 5000L);
		assertThat(pages(client, "/stats?limit=1&direction=backwards" + end)).containsExactly(7000L, 6000L, 5000L);
		assertThat(pages(client, "/stats?limit=1&direction=forwards" + end)).containsExactly(5000L, 6000L, 7000L);
		assertThat(client.get("/stats?limit=1&end=" + LAST_YEAR + "-02-03:15:04").as(StatsWireTypes.STATS.list()))
			.extracting(s -> s.entry("messages.inbound.all.messages.count"))
			.containsExactly(60L);
	}

	/** The inbound data of each page, following next, and checking that first leads back to the first page. */
	private static List<Long> pages(RestTestClient client, String query) {
		List<Long> data = new ArrayList<>();
		RestTestClient.Reply page = client.get(query).assertStatus(200);
		RestTestClient.Reply first = page;
		while (true) {
			page.as(StatsWireTypes.STATS.list()).forEach(s -> data.add(s.entry("messages.inbound.all.messages.data")));
			PageLinks links = page.links();
			assertThat(client.follow(page, links.first()).bytes()).isEqualTo(first.bytes());
			if (links.isLast()) {
				return data;
			}
			page = client.follow(page, links.next()).assertStatus(200);
		}
	}

	@Test
	void fixturesMayGiveEntriesDirectly() {
		RestTestClient client = RestTestClient.of(server, WireFormat.MSGPACK);
		client.post("/stats", Json.MAPPER.readTree("{\"intervalId\":\"" + LAST_YEAR
				+ "-06-01:00:00\",\"entries\":{\"messages.all.all.count\":7,\"connections.all.peak\":3}}"))
			.assertStatus(201);
		Stats stats = client.get("/stats?start=" + LAST_YEAR + "-06-01&end=" + LAST_YEAR + "-06-01:00:00")
			.as(StatsWireTypes.STATS.list())
			.get(0);
		assertThat(stats.entries()).containsEntry("messages.all.all.count", 7L).containsEntry("connections.all.peak", 3L);
	}

	@Test
	void badParametersAre40003() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		client.get("/stats?unit=week").assertError(400, 40003);
		client.get("/stats?start=yesterday").assertError(400, 40003);
		client.get("/stats?limit=0").assertError(400, 40003);
		client.postJsonText("/stats", "{\"entries\":{}}").assertError(400, 40001);
	}
}
