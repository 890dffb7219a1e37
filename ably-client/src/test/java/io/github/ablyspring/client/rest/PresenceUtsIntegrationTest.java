package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.crypto.ChannelCipher;
import io.github.ablyspring.protocol.payload.PayloadEncoder;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/integration/presence.md} (RSP1, RSP3, RSP4, RSP5), line by line against the embedded server, in
 * JSON and msgpack. The sandbox's {@code persisted:presence_fixtures} members come from an app created with
 * {@code POST /apps}, as {@code test-app-setup.json} creates them; {@code client_encoded} is encrypted here with the
 * fixture's key. Presence history is generated with our realtime client.
 */
class PresenceUtsIntegrationTest {

	private static final String FIXTURES = "persisted:presence_fixtures";

	private static final String CIPHER_KEY = "WUP6u0K7MXI5Zeo0VppPwg==";

	private static EmbeddedAblyServer server;

	private static String apiKey;

	private static String subscribeOnlyKey;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
		try (AblyRest admin = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY)
			.useBinaryProtocol(false).build())) {
			ObjectNode spec = Json.NODES.objectNode();
			ArrayNode keys = spec.putArray("keys");
			keys.addObject();
			keys.addObject().put("capability", "{\"*\":[\"subscribe\"]}");
			ArrayNode presence = spec.putArray("channels").addObject().put("name", FIXTURES).putArray("presence");
			member(presence, "client_bool", "true", null);
			member(presence, "client_int", "24", null);
			member(presence, "client_string", "This is a string clientData payload", null);
			member(presence, "client_json", "{ \"test\": \"This is a JSONObject clientData payload\"}", null);
			member(presence, "client_decoded", "{\"example\":{\"json\":\"Object\"}}", "json");
			PresenceMessage encrypted = PayloadEncoder
				.of(ChannelCipher.of(ChannelOptions.withCipherKey(CIPHER_KEY).cipher()))
				.encode(PresenceMessage.of(PresenceAction.PRESENT, "client_encoded",
						Json.MAPPER.readTree("{\"example\":{\"json\":\"Object\"}}")));
			// The encoder leaves the ciphertext binary; a JSON fixture carries it in base64, as the sandbox's does.
			member(presence, "client_encoded", Base64.getEncoder().encodeToString((byte[]) encrypted.data()),
					encrypted.encoding() + "/base64");
			JsonNode app = admin.request("POST", "/apps", null, spec, null).items().get(0);
			apiKey = app.path("keys").path(0).path("keyStr").asString();
			subscribeOnlyKey = app.path("keys").path(1).path("keyStr").asString();
		}
	}

	private static void member(ArrayNode presence, String clientId, String data, String encoding) {
		ObjectNode member = presence.addObject().put("clientId", clientId).put("data", data);
		if (encoding != null) {
			member.put("encoding", encoding);
		}
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@AfterEach
	void close() throws Exception {
		for (int i = resources.size() - 1; i >= 0; i--) {
			resources.get(i).close();
		}
	}

	private AblyRest rest(boolean msgpack, String key) {
		AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(key).useBinaryProtocol(msgpack).build());
		resources.add(rest);
		return rest;
	}

	private RestPresence fixtures(boolean msgpack) {
		return rest(msgpack, apiKey).channels().get(FIXTURES).presence();
	}

	/** A realtime client of {@code clientId} on {@code channel}, attached; the caller closes it. */
	private RealtimeChannel realtime(boolean msgpack, String clientId, String channel) throws Exception {
		AblyRealtime realtime = new AblyRealtime(EmbeddedServer.options(server).key(apiKey).clientId(clientId)
			.useBinaryProtocol(msgpack).build());
		resources.add(realtime);
		RealtimeChannel ch = realtime.channels().get(channel);
		ch.attach().get(10, TimeUnit.SECONDS);
		return ch;
	}

	private static void await(java.util.concurrent.CompletableFuture<?> future) throws Exception {
		future.get(10, TimeUnit.SECONDS);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP1_presenceOfTheChannel(boolean msgpack) {
		assertThat(fixtures(msgpack)).isNotNull().isInstanceOf(RestPresence.class);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP3_1_fixtureMembers(boolean msgpack) {
		List<PresenceMessage> items = fixtures(msgpack).get().items();

		assertThat(items.size()).isGreaterThanOrEqualTo(5);
		assertThat(items).extracting(PresenceMessage::clientId).contains("client_bool", "client_string", "client_json");
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP3_2_memberFields(boolean msgpack) {
		PresenceMessage member = fixtures(msgpack).get().items().stream()
			.filter(m -> "client_string".equals(m.clientId())).findFirst().orElseThrow();

		assertThat(member.action()).isEqualTo(PresenceAction.PRESENT);
		assertThat(member.data()).isEqualTo("This is a string clientData payload");
		assertThat(member.connectionId()).isNotNull();
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP3a1_limit(boolean msgpack) {
		PaginatedResult<PresenceMessage> result = fixtures(msgpack).get(new PresenceParams(2, null, null));

		assertThat(result.items().size()).isLessThanOrEqualTo(2);
		if (result.hasNext()) {
			assertThat(result.items()).hasSize(2);
		}
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP3a2_clientIdFilter(boolean msgpack) {
		List<PresenceMessage> items = fixtures(msgpack).get(new PresenceParams(null, "client_json", null)).items();

		assertThat(items).hasSize(1);
		assertThat(items.get(0).clientId()).isEqualTo("client_json");
		assertThat(items.get(0).data()).isEqualTo("{ \"test\": \"This is a JSONObject clientData payload\"}");
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP3_emptyChannel(boolean msgpack) {
		PaginatedResult<PresenceMessage> result = rest(msgpack, apiKey).channels()
			.get("presence-empty-" + UUID.randomUUID()).presence().get();

		assertThat(result.items()).isEmpty();
		assertThat(result.hasNext()).isFalse();
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP4_1_historyOfPresenceEvents(boolean msgpack) throws Exception {
		String channel = "presence-history-" + UUID.randomUUID();
		RealtimeChannel rt = realtime(msgpack, "test-client", channel);
		await(rt.presence().enter("entered"));
		await(rt.presence().update("updated"));
		await(rt.presence().leave("left"));

		List<PresenceMessage> items = rest(msgpack, apiKey).channels().get(channel).presence().history().items();

		assertThat(items.size()).isGreaterThanOrEqualTo(3);
		assertThat(items).extracting(PresenceMessage::action).contains(PresenceAction.ENTER, PresenceAction.UPDATE,
				PresenceAction.LEAVE);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP4b1_historyTimeRange(boolean msgpack) throws Exception {
		String channel = "presence-history-time-" + UUID.randomUUID();
		long before = System.currentTimeMillis();
		RealtimeChannel rt = realtime(msgpack, "time-test-client", channel);
		await(rt.presence().enter("test"));
		await(rt.presence().leave(null));
		long after = System.currentTimeMillis();

		List<PresenceMessage> items = rest(msgpack, apiKey).channels().get(channel).presence()
			.history(HistoryParams.builder().start(before).end(after).build()).items();

		assertThat(items.size()).isGreaterThanOrEqualTo(2);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP4b2_historyDirection(boolean msgpack) throws Exception {
		String channel = "presence-direction-" + UUID.randomUUID();
		RealtimeChannel rt = realtime(msgpack, "direction-client", channel);
		await(rt.presence().enter("first"));
		await(rt.presence().update("second"));
		await(rt.presence().update("third"));
		RestPresence presence = rest(msgpack, apiKey).channels().get(channel).presence();

		List<PresenceMessage> forwards = presence.history(HistoryParams.builder()
			.direction(HistoryParams.Direction.FORWARDS).build()).items();
		List<PresenceMessage> backwards = presence.history(HistoryParams.builder()
			.direction(HistoryParams.Direction.BACKWARDS).build()).items();

		assertThat(forwards.size()).isGreaterThanOrEqualTo(3);
		assertThat(forwards.get(0).data()).isEqualTo("first");
		assertThat(backwards.get(0).data()).isEqualTo("third");
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP4b3_historyLimitAndPages(boolean msgpack) throws Exception {
		String channel = "presence-limit-" + UUID.randomUUID();
		RealtimeChannel rt = realtime(msgpack, "limit-client", channel);
		for (int i = 1; i <= 5; i++) {
			await(rt.presence().update("update-" + i));
		}

		PaginatedResult<PresenceMessage> page1 = rest(msgpack, apiKey).channels().get(channel).presence()
			.history(HistoryParams.builder().limit(2).build());
		PaginatedResult<PresenceMessage> page2 = page1.next();

		assertThat(page1.items()).hasSize(2);
		assertThat(page1.hasNext()).isTrue();
		assertThat(page2).isNotNull();
		assertThat(page2.items()).isNotEmpty();
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP5_1_stringData(boolean msgpack) {
		List<PresenceMessage> items = fixtures(msgpack).get(new PresenceParams(null, "client_string", null)).items();

		assertThat(items).hasSize(1);
		assertThat(items.get(0).data()).isEqualTo("This is a string clientData payload");
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP5_2_jsonData(boolean msgpack) {
		List<PresenceMessage> items = fixtures(msgpack).get(new PresenceParams(null, "client_decoded", null)).items();

		assertThat(items).hasSize(1);
		assertThat(((JsonNode) items.get(0).data()).at("/example/json").asString()).isEqualTo("Object");
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP5_3_encryptedData(boolean msgpack) {
		RestPresence presence = rest(msgpack, apiKey).channels()
			.get(FIXTURES, ChannelOptions.withCipherKey(Base64.getDecoder().decode(CIPHER_KEY))).presence();

		List<PresenceMessage> items = presence.get(new PresenceParams(null, "client_encoded", null)).items();

		assertThat(items).hasSize(1);
		assertThat(((JsonNode) items.get(0).data()).at("/example/json").asString()).isEqualTo("Object");
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP5_4_historyIsDecoded(boolean msgpack) throws Exception {
		String channel = "presence-decode-history-" + UUID.randomUUID();
		RealtimeChannel rt = realtime(msgpack, "decode-client", channel);
		await(rt.presence().enter(Json.MAPPER.readTree("{\"key\":\"value\",\"number\":123}")));

		JsonNode data = (JsonNode) rest(msgpack, apiKey).channels().get(channel).presence().history().items().get(0)
			.data();

		assertThat(data.get("key").asString()).isEqualTo("value");
		assertThat(data.get("number").asInt()).isEqualTo(123);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP_Pagination_allMembers(boolean msgpack) {
		List<PresenceMessage> all = new ArrayList<>();
		PaginatedResult<PresenceMessage> page = fixtures(msgpack).get(new PresenceParams(2, null, null));
		all.addAll(page.items());
		while (page.hasNext()) {
			page = page.next();
			all.addAll(page.items());
		}

		assertThat(all.size()).isGreaterThanOrEqualTo(5);
		assertThat(new HashSet<>(all.stream().map(PresenceMessage::clientId).toList())).hasSize(all.size());
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP_Error_1_invalidCredentials(boolean msgpack) {
		AblyException error = catchThrowableOfType(AblyException.class,
				() -> rest(msgpack, "invalid.key:secret").channels().get(FIXTURES).presence().get());

		assertThat(error.errorInfo().statusCode()).isEqualTo(401);
		assertThat(error.code()).isBetween(40100, 40199);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSP_Error_2_subscribeIsEnoughForGet(boolean msgpack) {
		assertThat(rest(msgpack, subscribeOnlyKey).channels().get(FIXTURES).presence().get()).isNotNull();
	}
}
