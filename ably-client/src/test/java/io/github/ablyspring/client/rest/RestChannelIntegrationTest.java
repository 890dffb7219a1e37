package io.github.ablyspring.client.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.Vectors;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.crypto.Crypto;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** RSL1/RSL2 against the embedded server, in msgpack (binary) and JSON. */
class RestChannelIntegrationTest {

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static AblyRest client(boolean binary) {
		return new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).useBinaryProtocol(binary).build());
	}

	private static String channelName() {
		return "test-" + UUID.randomUUID();
	}

	private static Message roundTrip(boolean binary, ChannelOptions options, Object data) {
		try (AblyRest rest = client(binary)) {
			String name = channelName();
			rest.channels().get(name, options).publish("event", data);
			List<Message> items = rest.channels().get(name, options).history().items();
			assertThat(items).hasSize(1);
			assertThat(items.get(0).name()).isEqualTo("event");
			assertThat(items.get(0).encoding()).isNull();
			return items.get(0);
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSL1_RSL2_stringRoundTrip(boolean binary) {
		assertThat(roundTrip(binary, ChannelOptions.defaults(), "héllo").data()).isEqualTo("héllo");
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSL4_jsonRoundTrip(boolean binary) {
		JsonNode json = Json.MAPPER.readTree("{\"a\":1,\"b\":[true,\"x\"]}");
		assertThat(roundTrip(binary, ChannelOptions.defaults(), json).data()).isEqualTo(json);
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSL4_binaryRoundTrip(boolean binary) {
		byte[] bytes = { 0, 1, 2, (byte) 0xff, 127 };
		assertThat((byte[]) roundTrip(binary, ChannelOptions.defaults(), bytes).data()).isEqualTo(bytes);
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSL5_encrypted128RoundTripWithTheVectorKey(boolean binary) {
		JsonNode vector = Vectors.json("crypto-data-128.json");
		ChannelOptions options = ChannelOptions.withCipherKey(vector.get("key").asString());
		String plain = vector.get("items").get(0).get("encoded").get("data").asString();
		assertThat(roundTrip(binary, options, plain).data()).isEqualTo(plain);
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSL5_encrypted256RoundTripOfJsonAndBinary(boolean binary) {
		ChannelOptions options = ChannelOptions.withCipherKey(Crypto.generateRandomKey(256));
		JsonNode json = Json.MAPPER.readTree("[1,2,3]");
		assertThat(roundTrip(binary, options, json).data()).isEqualTo(json);
		byte[] bytes = "bytes".getBytes(StandardCharsets.UTF_8);
		assertThat((byte[]) roundTrip(binary, options, bytes).data()).isEqualTo(bytes);
	}

	@Test
	void RSL5_encryptedPayloadIsOpaqueWithoutTheKey() {
		try (AblyRest rest = client(true)) {
			String name = channelName();
			rest.channels().get(name, ChannelOptions.withCipherKey(Crypto.generateRandomKey(128))).publish("e", "secret");
			Message raw = rest.channels().get(name, ChannelOptions.defaults()).history().items().get(0);
			assertThat(raw.encoding()).contains("cipher+aes-128-cbc");
			assertThat(raw.data()).isNotEqualTo("secret");
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void TG_threePagesOfHistory(boolean binary) {
		try (AblyRest rest = client(binary)) {
			RestChannel channel = rest.channels().get(channelName());
			List<Message> batch = new ArrayList<>();
			for (int i = 0; i < 25; i++) {
				batch.add(Message.of("m", "msg-" + i));
			}
			channel.publish(batch);

			PaginatedResult<Message> page1 = channel.history(HistoryParams.builder().limit(10)
				.direction(HistoryParams.Direction.FORWARDS).build());
			PaginatedResult<Message> page2 = page1.next();
			PaginatedResult<Message> page3 = page2.next();

			assertThat(page1.items()).extracting(Message::data).containsExactly(data(0, 10));
			assertThat(page2.items()).extracting(Message::data).containsExactly(data(10, 20));
			assertThat(page3.items()).extracting(Message::data).containsExactly(data(20, 25));
			assertThat(page1.hasNext()).isTrue();
			assertThat(page2.isLast()).isFalse();
			assertThat(page3.hasNext()).isFalse();
			assertThat(page3.isLast()).isTrue();
			assertThat(page3.next()).isNull();
			assertThat(page3.first().items()).isEqualTo(page1.items());
		}
	}

	private static Object[] data(int from, int to) {
		Object[] data = new Object[to - from];
		for (int i = from; i < to; i++) {
			data[i - from] = "msg-" + i;
		}
		return data;
	}

	@Test
	void RSL2b_historyBackwardsByDefaultAndAsync() throws Exception {
		try (AblyRest rest = client(true)) {
			RestChannel channel = rest.channels().get(channelName());
			channel.publishAsync(List.of(Message.of("a", "1"), Message.of("b", "2"))).get();
			assertThat(channel.historyAsync(HistoryParams.DEFAULTS).get().items()).extracting(Message::name)
				.containsExactly("b", "a");
		}
	}

	@Test
	void RSL1i_overSizeMessageIs40009BeforeSending() {
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).maxMessageSize(100)
			.build())) {
			RestChannel channel = rest.channels().get(channelName());

			AblyException ex = catchThrowableOfType(AblyException.class, () -> channel.publish("n", "x".repeat(101)));

			assertThat(ex.code()).isEqualTo(40009);
			assertThat(ex.statusCode()).isEqualTo(400);
			assertThat(channel.history().items()).isEmpty();
		}
	}

	@Test
	void RSL1k1_libraryIdsAreBaseColonIndex() {
		try (AblyRest rest = client(true)) {
			RestChannel channel = rest.channels().get(channelName());
			channel.publish(List.of(Message.of("a", "1"), Message.of("b", "2")));
			List<String> ids = channel.history(HistoryParams.builder().direction(HistoryParams.Direction.FORWARDS)
				.build()).items().stream().map(Message::id).toList();
			String base = ids.get(0).substring(0, ids.get(0).indexOf(':'));
			assertThat(Base64.getUrlDecoder().decode(base)).hasSize(9);
			assertThat(ids).containsExactly(base + ":0", base + ":1");
		}
	}

	@Test
	void RSL1k5_clientSuppliedIdPublishedTwiceLandsOnce() {
		try (AblyRest rest = client(false)) {
			RestChannel channel = rest.channels().get(channelName());
			Message message = Message.builder().id("my-id").name("n").data("d").build();
			channel.publish(message);
			channel.publish(message);
			assertThat(channel.history().items()).hasSize(1);
		}
	}
}
