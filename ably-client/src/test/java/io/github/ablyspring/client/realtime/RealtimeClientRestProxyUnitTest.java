package io.github.ablyspring.client.realtime;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.ablyspring.client.rest.HttpPaginatedResponse;
import io.github.ablyspring.client.rest.StatsParams;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.Stats;
import io.github.ablyspring.protocol.StatsGranularity;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * uts/realtime/unit/client/realtime_time.md, realtime_stats.md and realtime_request.md: the realtime client's time,
 * stats and request are the REST client's (RTC6, RTC5, RTC9). The scripted HTTP peer here is the embedded server; the
 * client does not connect.
 */
class RealtimeClientRestProxyUnitTest {

	static EmbeddedAblyServer server;

	AblyRealtime client;

	@BeforeAll
	static void startServer() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void newClient() {
		client = new AblyRealtime(EmbeddedServer.options(server).key(EmbeddedServer.KEY)
			.realtime(r -> r.autoConnect(false)).build());
	}

	@AfterEach
	void closeClient() {
		client.close();
	}

	@Test
	void RTC6a_timeIsTheServersTime() {
		long before = System.currentTimeMillis();
		long time = client.time();
		long after = System.currentTimeMillis();
		assertThat(time).isBetween(before - 1000, after + 1000);
		assertThat(client.timeAsync().join()).isGreaterThanOrEqualTo(time);
		assertThat(client.connection().state()).isEqualTo(ConnectionState.INITIALIZED);
	}

	@Test
	void RTC9_RTC5a_RTC5b_requestAndStatsGoToRest() {
		String intervalId = DateTimeFormatter.ofPattern("yyyy-MM-dd:HH:mm").withZone(ZoneOffset.UTC)
			.format(Instant.now().minus(2, ChronoUnit.DAYS));
		var fixture = JsonMapper.builder().build().createArrayNode();
		fixture.addObject().put("intervalId", intervalId).putObject("inbound").putObject("realtime")
			.putObject("messages").put("count", 7);
		HttpPaginatedResponse posted = client.request("POST", "/stats", null, fixture, null);
		assertThat(posted.success()).isTrue();
		HttpPaginatedResponse time = client.request("GET", "/time", null, null, null);
		assertThat(time.statusCode()).isEqualTo(200);
		assertThat(time.items()).hasSize(1);

		List<Stats> stats = client.stats(new StatsParams(null, null, null, null, StatsGranularity.MINUTE)).items();
		assertThat(stats).extracting(Stats::intervalId).contains(intervalId);
		assertThat(client.statsAsync(StatsParams.DEFAULTS).join().items()).isNotNull();
	}
}
