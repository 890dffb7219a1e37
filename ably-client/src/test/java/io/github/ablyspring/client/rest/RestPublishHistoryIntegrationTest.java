package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.Stats;
import io.github.ablyspring.protocol.StatsGranularity;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code uts/rest/integration/publish.md}, {@code history.md}, {@code pagination.md} and {@code time_stats.md}, line
 * by line, each in JSON and msgpack, against the embedded server (the sandbox app's {@code keys[2]} is a key limited
 * to {@code channel2}). History is immediate there, so the UTS's polling is a single read.
 */
class RestPublishHistoryIntegrationTest {

	private static final String RESTRICTED_KEY = "app.restricted:secret2";

	private static EmbeddedAblyServer server;

	private final List<AblyRest> clients = new ArrayList<>();

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key(EmbeddedServer.KEY)
			.key(RESTRICTED_KEY, "{\"channel2\":[\"publish\",\"subscribe\"]}").build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@AfterEach
	void close() {
		clients.forEach(AblyRest::close);
	}

	private AblyRest client(boolean msgpack) {
		return client(msgpack, EmbeddedServer.KEY);
	}

	private AblyRest client(boolean msgpack, String key) {
		AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(key).useBinaryProtocol(msgpack).build());
		clients.add(rest);
		return rest;
	}

	private static String name(String prefix) {
		return prefix + UUID.randomUUID();
	}

	private static void publishNumbered(RestChannel channel, int count) {
		for (int i = 1; i <= count; i++) {
			channel.publish("event-" + i, String.valueOf(i));
		}
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL1d_publishFailureIsAnError(boolean msgpack) {
		RestChannel channel = client(msgpack, RESTRICTED_KEY).channels().get(name("forbidden-channel-"));

		AblyException error = catchThrowableOfType(AblyException.class, () -> channel.publish("event", "data"));

		assertThat(error.code()).isEqualTo(40160);
		assertThat(error.errorInfo().statusCode()).isEqualTo(401);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL1n_publishResultHasTheSerials(boolean msgpack) {
		RestChannel channel = client(msgpack).channels().get(name("test-serials-"));

		PublishResult result1 = channel.publish("event1", "data1");
		PublishResult result2 = channel.publish(List.of(Message.of("event2", "data2"), Message.of("event3", "data3"),
				Message.of("event4", "data4")));

		assertThat(result1.serials()).hasSize(1);
		assertThat(result1.serials().get(0)).isNotEmpty();
		assertThat(result2.serials()).hasSize(3).allSatisfy(s -> assertThat(s).isNotEmpty()).doesNotHaveDuplicates();
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL1k5_idempotentPublishWithClientSuppliedIds(boolean msgpack) {
		RestChannel channel = client(msgpack).channels().get(name("idempotent-explicit-"));
		String fixedId = name("client-supplied-id-");

		for (int i = 1; i <= 3; i++) {
			channel.publish(Message.builder().id(fixedId).name("event").data("data-" + i).build());
		}

		PaginatedResult<Message> history = channel.history();
		assertThat(history.items()).hasSize(1);
		assertThat(history.items().get(0).id()).isEqualTo(fixedId);
		assertThat(history.items().get(0).data()).isEqualTo("data-1");
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL1l1_publishParamsWithForceNack(boolean msgpack) {
		RestChannel channel = client(msgpack).channels().get(name("force-nack-test-"));

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> channel.publish(Message.of("event", "data"), Map.of("_forceNack", "true")));

		assertThat(error.code()).isEqualTo(40099);
		assertThat(channel.history().items()).isEmpty();
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL1m4_clientIdMismatchIsRejected(boolean msgpack) {
		TokenDetails token = client(msgpack).auth()
			.requestToken(TokenParams.builder().clientId("authenticated-client-id").build());
		AblyRest tokenClient = new AblyRest(EmbeddedServer.options(server).token(token.token())
			.useBinaryProtocol(msgpack).build());
		clients.add(tokenClient);
		RestChannel channel = tokenClient.channels().get(name("clientid-mismatch-"));

		AblyException error = catchThrowableOfType(AblyException.class, () -> channel.publish(
				Message.builder().name("event").data("data").clientId("different-client-id").build()));

		assertThat(error.code()).isEqualTo(40012);
		assertThat(error.errorInfo().statusCode()).isEqualTo(400);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL2a_historyReturnsThePublishedMessages(boolean msgpack) {
		RestChannel channel = client(msgpack).channels().get(name("history-test-RSL2a-"));
		channel.publish("event1", "data1");
		channel.publish("event2", "data2");
		channel.publish("event3", Json.MAPPER.readTree("{\"key\":\"value\"}"));

		List<Message> items = channel.history().items();

		assertThat(items).extracting(Message::name).containsExactly("event3", "event2", "event1");
		assertThat(items.get(0).data()).isEqualTo(Json.MAPPER.readTree("{\"key\":\"value\"}"));
		assertThat(items.get(1).data()).isEqualTo("data2");
		assertThat(items.get(2).data()).isEqualTo("data1");
		assertThat(items).allSatisfy(m -> assertThat(m.timestamp()).isNotNull());
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL2b1_historyForwards(boolean msgpack) {
		RestChannel channel = client(msgpack).channels().get(name("history-direction-"));
		channel.publish("first", "1");
		channel.publish("second", "2");
		channel.publish("third", "3");

		List<Message> items = channel.history(HistoryParams.builder().direction(HistoryParams.Direction.FORWARDS)
			.build()).items();

		assertThat(items).extracting(Message::name).containsExactly("first", "second", "third");
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL2b2_historyLimit(boolean msgpack) {
		RestChannel channel = client(msgpack).channels().get(name("history-limit-"));
		publishNumbered(channel, 10);

		List<Message> items = channel.history(HistoryParams.builder().limit(5).build()).items();

		assertThat(items).hasSize(5);
		assertThat(items.get(0).name()).isEqualTo("event-10");
		assertThat(items.get(4).name()).isEqualTo("event-6");
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL2b3_historyTimeRange(boolean msgpack) {
		RestChannel channel = client(msgpack).channels().get(name("history-timerange-"));
		channel.publish("early1", "e1");
		channel.publish("early2", "e2");
		// The late ones must carry a later millisecond than the early ones: wait for the clock, not a fixed time.
		long earlyBy = System.currentTimeMillis();
		await().until(() -> System.currentTimeMillis() > earlyBy + 1);
		channel.publish("late1", "l1");
		channel.publish("late2", "l2");
		List<Message> all = channel.history().items();
		assertThat(all).hasSize(4);
		long maxEarly = all.stream().filter(m -> m.name().startsWith("early")).mapToLong(Message::timestamp).max()
			.orElseThrow();
		long minLate = all.stream().filter(m -> m.name().startsWith("late")).mapToLong(Message::timestamp).min()
			.orElseThrow();
		long boundary = Math.floorDiv(maxEarly + minLate, 2);

		List<Message> early = channel.history(HistoryParams.builder().start(maxEarly - 1000).end(boundary).build())
			.items();
		List<Message> late = channel.history(HistoryParams.builder().start(boundary + 1).end(minLate + 1000).build())
			.items();

		assertThat(early).isNotEmpty().allSatisfy(m -> assertThat(m.name()).startsWith("early"));
		assertThat(late).isNotEmpty().allSatisfy(m -> assertThat(m.name()).startsWith("late"));
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL2_historyOfAnEmptyChannel(boolean msgpack) {
		PaginatedResult<Message> history = client(msgpack).channels().get(name("history-empty-")).history();

		assertThat(history.items()).isEmpty();
		assertThat(history.hasNext()).isFalse();
		assertThat(history.isLast()).isTrue();
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void TG1_TG2_itemsAndNavigation(boolean msgpack) {
		RestChannel channel = client(msgpack).channels().get(name("pagination-basic-"));
		publishNumbered(channel, 15);

		PaginatedResult<Message> page1 = channel.history(HistoryParams.builder().limit(5).build());

		assertThat(page1.items()).hasSize(5);
		assertThat(page1.hasNext()).isTrue();
		assertThat(page1.isLast()).isFalse();
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void TG3_nextPages(boolean msgpack) {
		RestChannel channel = client(msgpack).channels().get(name("pagination-next-"));
		publishNumbered(channel, 12);

		PaginatedResult<Message> page1 = channel.history(HistoryParams.builder().limit(5).build());
		PaginatedResult<Message> page2 = page1.next();
		PaginatedResult<Message> page3 = page2.next();

		assertThat(page1.items()).hasSize(5);
		assertThat(page2.items()).hasSize(5);
		assertThat(page3.items()).hasSize(2);
		Set<String> ids = new HashSet<>();
		for (PaginatedResult<Message> page : List.of(page1, page2, page3)) {
			page.items().forEach(m -> assertThat(ids.add(m.id())).as("duplicate " + m.id()).isTrue());
		}
		assertThat(ids).hasSize(12);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void TG4_firstPage(boolean msgpack) {
		RestChannel channel = client(msgpack).channels().get(name("pagination-first-"));
		publishNumbered(channel, 10);

		PaginatedResult<Message> page1 = channel.history(HistoryParams.builder().limit(3).build());
		PaginatedResult<Message> first = page1.next().first();

		assertThat(first.items()).extracting(Message::id)
			.containsExactlyElementsOf(page1.items().stream().map(Message::id).toList());
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void TG5_iterateAllPages(boolean msgpack) {
		RestChannel channel = client(msgpack).channels().get(name("pagination-iterate-"));
		publishNumbered(channel, 25);

		List<Message> all = new ArrayList<>();
		PaginatedResult<Message> page = channel.history(HistoryParams.builder().limit(7).build());
		while (true) {
			all.addAll(page.items());
			if (!page.hasNext()) {
				break;
			}
			page = page.next();
		}

		assertThat(all).hasSize(25);
		for (int i = 1; i <= 25; i++) {
			assertThat(all).extracting(Message::name).contains("event-" + i);
		}
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void TG_nextOnTheLastPage(boolean msgpack) {
		RestChannel channel = client(msgpack).channels().get(name("pagination-lastnext-"));
		publishNumbered(channel, 3);

		PaginatedResult<Message> page = channel.history(HistoryParams.builder().limit(10).build());

		assertThat(page.items()).hasSize(3);
		assertThat(page.hasNext()).isFalse();
		assertThat(page.isLast()).isTrue();
		PaginatedResult<Message> next = page.next();
		assertThat(next == null || next.items().isEmpty()).isTrue();
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSC16_timeIsCloseToOurs(boolean msgpack) {
		long before = System.currentTimeMillis();
		long serverTime = client(msgpack).time();
		long after = System.currentTimeMillis();

		assertThat(serverTime).isBetween(before - 5000, after + 5000);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSC6_stats(boolean msgpack) {
		PaginatedResult<Stats> result = client(msgpack).stats();

		assertThat(result.items()).isNotNull();
		if (!result.items().isEmpty()) {
			assertThat(result.items().get(0).intervalId()).isNotNull();
			assertThat(result.items().get(0).unit()).isIn("minute", "hour", "day", "month");
		}
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSC6_statsWithParameters(boolean msgpack) {
		PaginatedResult<Stats> result = client(msgpack).stats(
				new StatsParams(null, null, HistoryParams.Direction.FORWARDS, 5, StatsGranularity.HOUR));

		assertThat(result.items().size()).isLessThanOrEqualTo(5);
	}
}
