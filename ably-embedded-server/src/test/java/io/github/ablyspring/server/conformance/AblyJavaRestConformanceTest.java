package io.github.ablyspring.server.conformance;

import static io.github.ablyspring.server.conformance.ConformanceSupport.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;

import io.ably.lib.rest.AblyRest;
import io.ably.lib.rest.Auth;
import io.ably.lib.types.ClientOptions;
import io.ably.lib.types.Message;
import io.ably.lib.types.PaginatedResult;
import io.ably.lib.types.Param;
import io.ably.lib.types.PublishResponse;
import io.ably.lib.types.Stats;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ably-java 1.5.0, unmodified, against the embedded server's REST API: publish, history with pagination, time, stats,
 * token requests and batch publish. Each scenario runs with JSON and with msgpack.
 */
@ExtendWith(ConformanceSupport.DumpTraceOnFailure.class)
class AblyJavaRestConformanceTest {

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void resetTrace() {
		ConformanceSupport.resetTrace();
	}

	private static AblyRest rest(boolean binary) throws Exception {
		return new AblyRest(options(server, binary));
	}

	private static String channelName(String scenario, boolean binary) {
		return scenario + "-" + (binary ? "msgpack" : "json");
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void publishesAndReadsHistory(boolean binary) throws Exception {
		try (AblyRest rest = rest(binary)) {
			var channel = rest.channels.get(channelName("rest-publish", binary));
			JsonObject json = new JsonObject();
			json.addProperty("answer", 42);
			byte[] bytes = { 1, 2, 3, (byte) 0xff };

			channel.publish("string", "text");
			channel.publish("json", json);
			channel.publish("binary", bytes);
			channel.publish(new Message[] { new Message("batch-1", "one"), new Message("batch-2", "two") });

			PaginatedResult<Message> history = channel.history(null);
			assertThat(history.items()).extracting(m -> m.name)
				.containsExactly("batch-2", "batch-1", "binary", "json", "string");
			Message[] items = history.items();
			assertThat(items[4].data).isEqualTo("text");
			assertThat(items[3].data).isEqualTo(json);
			assertThat(items[2].data).isEqualTo(bytes);
			for (Message m : items) {
				assertThat(m.encoding).as("encoding left after decoding of %s", m.name).isNull();
				assertThat(m.id).isNotBlank();
				assertThat(m.timestamp).isPositive();
			}
			assertThat(history.hasNext()).isFalse();

			PaginatedResult<Message> forwards = channel.history(new Param[] { new Param("direction", "forwards") });
			assertThat(forwards.items()).extracting(m -> m.name)
				.containsExactly("string", "json", "binary", "batch-1", "batch-2");
		}
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void paginatesHistoryAcrossThreePages(boolean binary) throws Exception {
		try (AblyRest rest = rest(binary)) {
			var channel = rest.channels.get(channelName("rest-pages", binary));
			for (int i = 1; i <= 7; i++) {
				channel.publish("m" + i, "payload " + i);
			}

			PaginatedResult<Message> first = channel.history(new Param[] { new Param("limit", "3") });
			assertThat(first.items()).extracting(m -> m.name).containsExactly("m7", "m6", "m5");
			assertThat(first.hasNext()).isTrue();
			assertThat(first.isLast()).isFalse();

			PaginatedResult<Message> second = first.next();
			assertThat(second.items()).extracting(m -> m.name).containsExactly("m4", "m3", "m2");
			assertThat(second.hasNext()).isTrue();
			assertThat(second.hasFirst()).isTrue();
			assertThat(second.hasCurrent()).isTrue();
			assertThat(second.current().items()).extracting(m -> m.name).containsExactly("m4", "m3", "m2");

			PaginatedResult<Message> third = second.next();
			assertThat(third.items()).extracting(m -> m.name).containsExactly("m1");
			assertThat(third.hasNext()).isFalse();
			assertThat(third.isLast()).isTrue();
			assertThat(third.items()[0].data).isEqualTo("payload 1");

			PaginatedResult<Message> again = third.first();
			assertThat(again.items()).extracting(m -> m.name).containsExactly("m7", "m6", "m5");

			PaginatedResult<Message> forwards = channel
				.history(new Param[] { new Param("limit", "3"), new Param("direction", "forwards") });
			assertThat(forwards.items()).extracting(m -> m.name).containsExactly("m1", "m2", "m3");
			assertThat(forwards.next().items()).extracting(m -> m.name).containsExactly("m4", "m5", "m6");
		}
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void tellsTheTime(boolean binary) throws Exception {
		try (AblyRest rest = rest(binary)) {
			long time = rest.time();

			assertThat(time).isCloseTo(System.currentTimeMillis(), within(5_000L));
		}
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void servesStats(boolean binary) throws Exception {
		try (AblyRest rest = rest(binary)) {
			rest.channels.get(channelName("rest-stats", binary)).publish("counted", "for the stats");

			PaginatedResult<Stats> stats = rest
				.stats(new Param[] { new Param("unit", "minute"), new Param("limit", "10") });

			assertThat(stats).isNotNull();
			assertThat(stats.items()).isNotNull();
			for (Stats s : stats.items()) {
				assertThat(s.intervalId).isNotBlank();
			}
		}
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void issuesTokensThatAuthenticate(boolean binary) throws Exception {
		try (AblyRest rest = rest(binary)) {
			Auth.TokenParams params = new Auth.TokenParams();
			params.ttl = 60_000;
			params.clientId = "token-client";
			params.capability = "{\"tokens:*\":[\"publish\",\"subscribe\",\"history\"]}";

			Auth.TokenDetails token = rest.auth.requestToken(params, null);

			assertThat(token.token).isNotBlank();
			assertThat(token.clientId).isEqualTo("token-client");
			assertThat(token.expires - token.issued).isEqualTo(60_000);
			assertThat(token.expires).isGreaterThan(System.currentTimeMillis());
			assertThat(token.capability).contains("tokens:*");

			ClientOptions tokenOptions = options(server, null, binary);
			tokenOptions.tokenDetails = token;
			try (AblyRest tokenRest = new AblyRest(tokenOptions)) {
				var channel = tokenRest.channels.get("tokens:" + (binary ? "msgpack" : "json"));
				channel.publish("with-token", "published with a token");
				Message[] items = channel.history(null).items();
				assertThat(items).extracting(m -> m.name).containsExactly("with-token");
				assertThat(items[0].clientId).isEqualTo("token-client");
			}
		}
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void publishesInBatches(boolean binary) throws Exception {
		try (AblyRest rest = rest(binary)) {
			String a = channelName("batch-a", binary);
			String b = channelName("batch-b", binary);
			String c = channelName("batch-c", binary);
			Message.Batch[] batches = {
					new Message.Batch(new String[] { a, b }, new Message[] { new Message("first", "to a and b") }),
					new Message.Batch(c, new Message[] { new Message("second", "to c"), new Message("third", "to c") }) };

			PublishResponse[] responses = rest.publishBatch(batches, null);

			List<String> channels = new ArrayList<>();
			for (PublishResponse response : responses) {
				assertThat(response.error).as("error for %s", response.channelId).isNull();
				assertThat(response.messageId).isNotBlank();
				channels.add(response.channelId);
			}
			assertThat(channels).containsExactlyInAnyOrder(a, b, c);
			assertThat(rest.channels.get(a).history(null).items()).extracting(m -> m.name).containsExactly("first");
			assertThat(rest.channels.get(b).history(null).items()).extracting(m -> m.name).containsExactly("first");
			assertThat(rest.channels.get(c).history(null).items()).extracting(m -> m.name)
				.containsExactly("third", "second");
		}
	}
}
