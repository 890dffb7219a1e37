package io.github.ablyspring.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.rest.HistoryParams.Direction;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.rest.StatsParams;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.client.support.UtsPeer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Stats;
import io.github.ablyspring.protocol.StatsGranularity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/stats.md} (RSC6) and {@code uts/rest/unit/time.md} (RSC16), line by line, against a scripted
 * peer. {@code time()} returns milliseconds since the epoch rather than a date-time.
 */
class StatsTimeUnitTest {

	private static final String KEY = "app.key:secret";

	private static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

	private static final long END = Instant.parse("2024-01-31T23:59:59Z").toEpochMilli();

	private static final long SERVER_TIME = 1_704_067_200_000L;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	private ScriptedPeer peer(Function<Received, Reply> script) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start("127.0.0.1", 0, script);
		resources.add(peer);
		return peer;
	}

	private ScriptedPeer empty() throws Exception {
		return peer(r -> Reply.json(200, "[]"));
	}

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private AblyRest client(ScriptedPeer peer) {
		return client(UtsPeer.options(peer).key(KEY));
	}

	private static Map<String, String> query(Received r) {
		Map<String, String> query = new LinkedHashMap<>();
		if (r.query() != null && !r.query().isEmpty()) {
			for (String pair : r.query().split("&")) {
				String[] kv = pair.split("=", 2);
				query.put(kv[0], kv.length > 1 ? kv[1] : "");
			}
		}
		return query;
	}

	private Map<String, String> statsQuery(StatsParams params) throws Exception {
		ScriptedPeer peer = empty();
		client(peer).stats(params);
		assertThat(peer.received()).hasSize(1);
		return query(peer.received().get(0));
	}

	@Test
	void RSC6a_statsReturnsAPageOfStats() throws Exception {
		ScriptedPeer peer = peer(r -> Reply.json(200, "[{\"intervalId\":\"2024-01-01:00:00\",\"unit\":\"hour\","
				+ "\"all\":{\"messages\":{\"count\":100,\"data\":5000},\"all\":{\"count\":100,\"data\":5000}}},"
				+ "{\"intervalId\":\"2024-01-01:01:00\",\"unit\":\"hour\",\"all\":{\"messages\":{\"count\":150,"
				+ "\"data\":7500},\"all\":{\"count\":150,\"data\":7500}}}]"));

		PaginatedResult<Stats> result = client(peer).stats();

		assertThat(result.items()).hasSize(2);
		assertThat(result.items().get(0).intervalId()).isEqualTo("2024-01-01:00:00");
		assertThat(result.items().get(0).unit()).isEqualTo("hour");
		assertThat(result.items().get(1).intervalId()).isEqualTo("2024-01-01:01:00");
		assertThat(peer.received()).hasSize(1);
		assertThat(peer.received().get(0).method()).isEqualTo("GET");
		assertThat(peer.received().get(0).path()).isEqualTo("/stats");
	}

	@Test
	void RSC6a_statsIsAuthenticatedWithTheAblyHeaders() throws Exception {
		ScriptedPeer peer = empty();

		client(peer).stats();

		Received request = peer.received().get(0);
		assertThat(request.header("Authorization")).isNotNull();
		assertThat(request.header("X-Ably-Version")).isNotNull();
		assertThat(request.header("Ably-Agent")).isNotNull();
	}

	@Test
	void RSC6b1_start() throws Exception {
		assertThat(statsQuery(new StatsParams(START, null, null, null, null))).containsEntry("start", "" + START);
	}

	@Test
	void RSC6b1_end() throws Exception {
		assertThat(statsQuery(new StatsParams(null, END, null, null, null))).containsEntry("end", "" + END);
	}

	@Test
	void RSC6b1_startAndEnd() throws Exception {
		assertThat(statsQuery(new StatsParams(START, END, null, null, null))).containsEntry("start", "" + START)
			.containsEntry("end", "" + END);
	}

	@Test
	void RSC6b2_direction() throws Exception {
		assertThat(statsQuery(new StatsParams(null, null, Direction.FORWARDS, null, null)))
			.containsEntry("direction", "forwards");
	}

	@Test
	void RSC6b2_directionDefaultsToBackwards() throws Exception {
		assertThat(statsQuery(StatsParams.DEFAULTS).getOrDefault("direction", "backwards")).isEqualTo("backwards");
	}

	@Test
	void RSC6b3_limit() throws Exception {
		assertThat(statsQuery(new StatsParams(null, null, null, 10, null))).containsEntry("limit", "10");
	}

	@Test
	void RSC6b3_limitDefaultsTo100() throws Exception {
		assertThat(statsQuery(StatsParams.DEFAULTS).getOrDefault("limit", "100")).isEqualTo("100");
	}

	@Test
	void RSC6b4_unit() throws Exception {
		for (StatsGranularity unit : StatsGranularity.values()) {
			assertThat(statsQuery(new StatsParams(null, null, null, null, unit))).containsEntry("unit",
					unit.wireName());
		}
		assertThat(List.of(StatsGranularity.values()).stream().map(StatsGranularity::wireName))
			.containsExactly("minute", "hour", "day", "month");
	}

	@Test
	void RSC6b4_unitDefaultsToMinute() throws Exception {
		assertThat(statsQuery(StatsParams.DEFAULTS).getOrDefault("unit", "minute")).isEqualTo("minute");
	}

	@Test
	void RSC6b_allParametersTogether() throws Exception {
		assertThat(statsQuery(new StatsParams(START, END, Direction.FORWARDS, 50, StatsGranularity.HOUR)))
			.containsEntry("start", "" + START).containsEntry("end", "" + END).containsEntry("direction", "forwards")
			.containsEntry("limit", "50").containsEntry("unit", "hour");
	}

	@Test
	void RSC6a_noParametersSendsNoQuery() throws Exception {
		ScriptedPeer peer = empty();

		client(peer).stats();

		assertThat(peer.received().get(0).method()).isEqualTo("GET");
		assertThat(peer.received().get(0).path()).isEqualTo("/stats");
		assertThat(query(peer.received().get(0))).isEmpty();
	}

	@Test
	void RSC6a_statsPagination() throws Exception {
		AtomicInteger count = new AtomicInteger();
		ScriptedPeer peer = peer(r -> count.incrementAndGet() == 1
				? new Reply(200, Map.of("Content-Type", "application/json", "Link",
						"</stats?start=1704070800000&limit=1>; rel=\"next\""),
						"[{\"intervalId\":\"2024-01-01:01:00\",\"unit\":\"hour\"}]".getBytes())
				: Reply.json(200, "[{\"intervalId\":\"2024-01-01:00:00\",\"unit\":\"hour\"}]"));

		PaginatedResult<Stats> page1 = client(peer).stats(new StatsParams(null, null, null, 1, null));
		PaginatedResult<Stats> page2 = page1.next();

		assertThat(page1.items()).hasSize(1);
		assertThat(page1.items().get(0).intervalId()).isEqualTo("2024-01-01:01:00");
		assertThat(page1.hasNext()).isTrue();
		assertThat(page1.isLast()).isFalse();
		assertThat(page2.items()).hasSize(1);
		assertThat(page2.items().get(0).intervalId()).isEqualTo("2024-01-01:00:00");
		assertThat(page2.hasNext()).isFalse();
		assertThat(page2.isLast()).isTrue();
	}

	@Test
	void RSC6a_emptyStats() throws Exception {
		PaginatedResult<Stats> result = client(empty()).stats();

		assertThat(result.items()).isEmpty();
		assertThat(result.hasNext()).isFalse();
		assertThat(result.isLast()).isTrue();
	}

	@Test
	void RSC6a_statsError() throws Exception {
		ScriptedPeer peer = peer(r -> UtsPeer.error(401, 40100, "Unauthorized"));

		AblyException error = catchThrowableOfType(AblyException.class, () -> client(peer).stats());

		assertThat(error.errorInfo().statusCode()).isEqualTo(401);
		assertThat(error.code()).isEqualTo(40100);
	}

	@Test
	void RSC16_timeReturnsTheServerTime() throws Exception {
		ScriptedPeer peer = peer(r -> Reply.json(200, "[" + SERVER_TIME + "]"));

		long result = client(peer).time();

		assertThat(result).isEqualTo(SERVER_TIME);
		assertThat(peer.received()).hasSize(1);
		assertThat(peer.received().get(0).method()).isEqualTo("GET");
		assertThat(peer.received().get(0).path()).isEqualTo("/time");
	}

	@Test
	void RSC16_timeRequestFormat() throws Exception {
		ScriptedPeer peer = peer(r -> Reply.json(200, "[" + SERVER_TIME + "]"));

		client(peer).time();

		assertThat(peer.received().get(0).header("X-Ably-Version")).isNotNull();
		assertThat(peer.received().get(0).header("Ably-Agent")).isNotNull();
	}

	@Test
	void RSC16_timeNeedsNoAuthentication() throws Exception {
		ScriptedPeer peer = peer(r -> Reply.json(200, "[" + SERVER_TIME + "]"));

		client(peer).time();

		assertThat(peer.received().get(0).header("Authorization")).isNull();
	}

	@Test
	void RSC16_timeWorksWithoutTls() throws Exception {
		ScriptedPeer peer = peer(r -> Reply.json(200, "[" + SERVER_TIME + "]"));

		long result = client(UtsPeer.options(peer).key(KEY).tls(false).useTokenAuth(true)).time();

		assertThat(result).isEqualTo(SERVER_TIME);
		assertThat(peer.received()).hasSize(1);
		assertThat(peer.received().get(0).header("Authorization")).isNull();
	}

	@Test
	void RSC16_timeError() throws Exception {
		ScriptedPeer peer = peer(r -> UtsPeer.error(500, 50000, "Internal server error"));

		AblyException error = catchThrowableOfType(AblyException.class, () -> client(peer).time());

		assertThat(error.errorInfo().statusCode()).isEqualTo(500);
		assertThat(error.code()).isEqualTo(50000);
	}
}
