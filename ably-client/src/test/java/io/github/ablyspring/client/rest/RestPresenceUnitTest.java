package io.github.ablyspring.client.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.client.support.UtsPeer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/presence/rest_presence.md} (RSP1, RSP3, RSP4, RSP5), line by line, against a scripted peer.
 * Times are milliseconds since the epoch (RSP4b1d's date-time objects are {@code long}s here).
 */
class RestPresenceUnitTest {

	private static final String KEY = "appId.keyId:keySecret";

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

	private ScriptedPeer answering(String body) throws Exception {
		return peer(r -> Reply.json(200, body));
	}

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private RestPresence presence(ScriptedPeer peer, String channel) {
		return client(UtsPeer.options(peer).key(KEY)).channels().get(channel).presence();
	}

	private static String name(String prefix) {
		return prefix + UUID.randomUUID();
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

	private static HistoryParams.Builder history() {
		return HistoryParams.builder();
	}

	@Test
	void RSP1a_RSP1b_presenceOfTheChannel() {
		try (AblyRest client = new AblyRest(ClientOptions.builder().key(KEY).build())) {
			RestChannel channel = client.channels().get("test");
			assertThat(channel.presence()).isNotNull().isSameAs(client.channels().get("test").presence());
		}
	}

	@Test
	void RSP3a_getRequestsThePresencePath() throws Exception {
		String channel = name("test-RSP3a-");
		ScriptedPeer peer = answering("[]");

		presence(peer, channel).get();

		assertThat(peer.received().get(0).method()).isEqualTo("GET");
		assertThat(peer.received().get(0).path()).isEqualTo("/channels/" + channel + "/presence");
	}

	@Test
	void RSP3b_getReturnsPresenceMessages() throws Exception {
		ScriptedPeer peer = answering("[{\"action\":1,\"clientId\":\"client1\",\"connectionId\":\"conn1\","
				+ "\"data\":\"hello\",\"timestamp\":1234567890000},{\"action\":1,\"clientId\":\"client2\","
				+ "\"connectionId\":\"conn2\",\"data\":{\"status\":\"active\"},\"timestamp\":1234567890001}]");

		List<PresenceMessage> items = presence(peer, name("test-RSP3b-")).get().items();

		assertThat(items).hasSize(2);
		assertThat(items.get(0).action()).isEqualTo(PresenceAction.PRESENT);
		assertThat(items.get(0).clientId()).isEqualTo("client1");
		assertThat(items.get(0).connectionId()).isEqualTo("conn1");
		assertThat(items.get(0).data()).isEqualTo("hello");
		assertThat(items.get(1).data()).isEqualTo(Json.MAPPER.readTree("{\"status\":\"active\"}"));
	}

	@Test
	void RSP3c_noMembers() throws Exception {
		PaginatedResult<PresenceMessage> result = presence(answering("[]"), name("test-RSP3c-")).get();

		assertThat(result.items()).isEmpty();
		assertThat(result.hasNext()).isFalse();
	}

	@Test
	void RSP3a1_limit() throws Exception {
		ScriptedPeer peer = answering("[]");
		RestPresence presence = presence(peer, name("test-RSP3a1-"));

		presence.get(new PresenceParams(50, null, null));
		presence.get();
		presence.get(new PresenceParams(1000, null, null));

		assertThat(query(peer.received().get(0))).containsEntry("limit", "50");
		assertThat(query(peer.received().get(1)).getOrDefault("limit", "100")).isEqualTo("100");
		assertThat(query(peer.received().get(2))).containsEntry("limit", "1000");
	}

	@Test
	void RSP3a2_RSP3a3_filters() throws Exception {
		ScriptedPeer peer = answering("[]");
		RestPresence presence = presence(peer, name("test-RSP3a2-"));

		presence.get(new PresenceParams(null, "specific-client", null));
		presence.get(new PresenceParams(null, null, "specific-connection"));
		presence.get(new PresenceParams(10, "client1", "conn1"));

		assertThat(query(peer.received().get(0))).containsEntry("clientId", "specific-client");
		assertThat(query(peer.received().get(1))).containsEntry("connectionId", "specific-connection");
		assertThat(query(peer.received().get(2))).containsEntry("limit", "10").containsEntry("clientId", "client1")
			.containsEntry("connectionId", "conn1");
	}

	@Test
	void RSP4a_historyRequestsThePresenceHistoryPath() throws Exception {
		String channel = name("test-RSP4a-");
		ScriptedPeer peer = answering("[{\"action\":2,\"clientId\":\"c1\",\"data\":\"joined\",\"timestamp\":1000},"
				+ "{\"action\":3,\"clientId\":\"c1\",\"timestamp\":2000}]");

		PaginatedResult<PresenceMessage> result = presence(peer, channel).history();

		assertThat(peer.received().get(0).method()).isEqualTo("GET");
		assertThat(peer.received().get(0).path()).isEqualTo("/channels/" + channel + "/presence/history");
		assertThat(result.items()).extracting(PresenceMessage::action).containsExactly(PresenceAction.ENTER,
				PresenceAction.LEAVE);
	}

	@Test
	void RSP4b1_startAndEnd() throws Exception {
		ScriptedPeer peer = answering("[]");
		RestPresence presence = presence(peer, name("test-RSP4b1-"));

		presence.history(history().start(1_234_567_890_000L).build());
		presence.history(history().end(1_234_567_899_999L).build());
		presence.history(history().start(1_000L).end(2_000L).build());

		assertThat(query(peer.received().get(0))).containsEntry("start", "1234567890000");
		assertThat(query(peer.received().get(1))).containsEntry("end", "1234567899999");
		assertThat(query(peer.received().get(2))).containsEntry("start", "1000").containsEntry("end", "2000");
	}

	@Test
	void RSP4b2_direction() throws Exception {
		ScriptedPeer peer = answering("[]");
		RestPresence presence = presence(peer, name("test-RSP4b2-"));

		presence.history();
		presence.history(history().direction(HistoryParams.Direction.FORWARDS).build());
		presence.history(history().direction(HistoryParams.Direction.BACKWARDS).build());

		assertThat(query(peer.received().get(0)).getOrDefault("direction", "backwards")).isEqualTo("backwards");
		assertThat(query(peer.received().get(1))).containsEntry("direction", "forwards");
		assertThat(query(peer.received().get(2))).containsEntry("direction", "backwards");
	}

	@Test
	void RSP4b3_limit() throws Exception {
		ScriptedPeer peer = answering("[]");
		RestPresence presence = presence(peer, name("test-RSP4b3-"));

		presence.history(history().limit(50).build());
		presence.history();
		presence.history(history().limit(1000).build());
		presence.history(history().start(1000L).end(2000L).direction(HistoryParams.Direction.FORWARDS).limit(25)
			.build());

		assertThat(query(peer.received().get(0))).containsEntry("limit", "50");
		assertThat(query(peer.received().get(1)).getOrDefault("limit", "100")).isEqualTo("100");
		assertThat(query(peer.received().get(2))).containsEntry("limit", "1000");
		assertThat(query(peer.received().get(3))).containsEntry("start", "1000").containsEntry("end", "2000")
			.containsEntry("direction", "forwards").containsEntry("limit", "25");
	}

	@Test
	void RSP5a_to_RSP5e_dataIsDecoded() throws Exception {
		ScriptedPeer peer = answering("[{\"action\":1,\"clientId\":\"a\",\"data\":\"plain string data\"},"
				+ "{\"action\":1,\"clientId\":\"b\",\"data\":\"{\\\"key\\\":\\\"value\\\",\\\"nested\\\":{\\\"a\\\":1}}\","
				+ "\"encoding\":\"json\"},{\"action\":1,\"clientId\":\"c\",\"data\":\"SGVsbG8gV29ybGQ=\","
				+ "\"encoding\":\"base64\"},{\"action\":1,\"clientId\":\"d\",\"data\":\"SGVsbG8gV29ybGQ=\","
				+ "\"encoding\":\"utf-8/base64\"},{\"action\":1,\"clientId\":\"e\",\"data\":\"eyJrZXkiOiJ2YWx1ZSJ9\","
				+ "\"encoding\":\"json/base64\"}]");

		List<PresenceMessage> items = presence(peer, name("test-RSP5-")).get().items();

		assertThat(items.get(0).data()).isEqualTo("plain string data");
		assertThat(((JsonNode) items.get(1).data()).at("/nested/a").asInt()).isEqualTo(1);
		assertThat((byte[]) items.get(2).data()).isEqualTo("Hello World".getBytes(StandardCharsets.UTF_8));
		assertThat(items.get(3).data()).isEqualTo("Hello World");
		assertThat(((JsonNode) items.get(4).data()).get("key").asString()).isEqualTo("value");
		assertThat(items).allSatisfy(m -> assertThat(m.encoding()).isNull());
	}

	@Test
	void RSP5_binaryDataFromAMsgpackResponse() throws Exception {
		byte[] payload = "some data".getBytes(StandardCharsets.UTF_8);
		byte[] body = WireCodec.of(WireFormat.MSGPACK).encode(List.of(PresenceMessage.of(PresenceAction.PRESENT,
				"client1", payload)), WireTypes.PRESENCE_MESSAGES);
		ScriptedPeer peer = peer(r -> new Reply(200, Map.of("Content-Type", "application/x-msgpack"), body));

		PresenceMessage member = client(UtsPeer.options(peer).key(KEY).useBinaryProtocol(true)).channels()
			.get(name("test-RSP5-msgpack-binary-")).presence().get().items().get(0);

		assertThat((byte[]) member.data()).isEqualTo(payload);
		assertThat(member.encoding()).isNull();
	}

	@Test
	void RSP5f_historyIsDecodedToo() throws Exception {
		ScriptedPeer peer = answering("[{\"action\":2,\"clientId\":\"c1\",\"data\":\"{\\\"event\\\":\\\"entered\\\"}\","
				+ "\"encoding\":\"json\"}]");

		Object data = presence(peer, name("test-RSP5f-")).history().items().get(0).data();

		assertThat(((JsonNode) data).get("event").asString()).isEqualTo("entered");
	}

	/** The encrypted data is made here with the channel's own cipher, the UTS's fixture being a placeholder. */
	@Test
	void RSP5g_cipherDecodingWithTheChannelOptions() throws Exception {
		byte[] key = Base64.getDecoder().decode("WUP6u0K7MXI5Zeo0VppPwg==");
		ChannelOptions options = ChannelOptions.withCipherKey(key);
		PresenceMessage encrypted = io.github.ablyspring.protocol.payload.PayloadEncoder
			.of(io.github.ablyspring.protocol.crypto.ChannelCipher.of(options.cipher()))
			.encode(PresenceMessage.of(PresenceAction.PRESENT, "c1", Json.MAPPER.readTree("{\"secret\":\"data\"}")));
		byte[] body = WireCodec.of(WireFormat.JSON).encode(List.of(encrypted), WireTypes.PRESENCE_MESSAGES);
		ScriptedPeer peer = peer(r -> new Reply(200, Map.of("Content-Type", "application/json"), body));

		PresenceMessage member = client(UtsPeer.options(peer).key(KEY)).channels()
			.get(name("test-RSP5g-"), options).presence().get().items().get(0);

		assertThat(encrypted.encoding()).contains("cipher+aes-128-cbc");
		assertThat(((JsonNode) member.data()).get("secret").asString()).isEqualTo("data");
	}

	@Test
	void RSP_Pagination_getAndHistoryFollowTheLinks() throws Exception {
		AtomicInteger count = new AtomicInteger();
		ScriptedPeer peer = peer(r -> {
			int n = count.incrementAndGet();
			String next = r.path().endsWith("/history") ? "/history?page=2" : "?page=2";
			return n % 2 == 1
					? new Reply(200, Map.of("Content-Type", "application/json", "Link",
							"<" + r.path().replace("/history", "") + next + ">; rel=\"next\""),
							"[{\"action\":1,\"clientId\":\"c1\"}]".getBytes())
					: Reply.json(200, "[{\"action\":1,\"clientId\":\"c2\"}]");
		});
		RestPresence presence = presence(peer, name("test-RSP-pagination-"));

		PaginatedResult<PresenceMessage> page1 = presence.get();
		PaginatedResult<PresenceMessage> page2 = page1.next();
		PaginatedResult<PresenceMessage> history2 = presence.history().next();

		assertThat(page1.hasNext()).isTrue();
		assertThat(page2.items().get(0).clientId()).isEqualTo("c2");
		assertThat(query(peer.received().get(1))).containsEntry("page", "2");
		assertThat(peer.received().get(3).path()).endsWith("/presence/history");
		assertThat(history2.items().get(0).clientId()).isEqualTo("c2");
	}

	@Test
	void RSP_Error_errorsAreThrown() throws Exception {
		AblyException server = catchThrowableOfType(AblyException.class, () -> presence(peer(
				r -> UtsPeer.error(500, 50000, "Internal server error")), name("e1-")).get());
		AblyException auth = catchThrowableOfType(AblyException.class, () -> presence(peer(
				r -> UtsPeer.error(401, 40101, "Invalid credentials")), name("e2-")).history());
		AblyException missing = catchThrowableOfType(AblyException.class, () -> presence(peer(
				r -> UtsPeer.error(404, 40400, "Channel not found")), name("e3-")).get());

		assertThat(server.code()).isEqualTo(50000);
		assertThat(server.errorInfo().statusCode()).isEqualTo(500);
		assertThat(auth.code()).isEqualTo(40101);
		assertThat(auth.errorInfo().statusCode()).isEqualTo(401);
		assertThat(missing.code()).isEqualTo(40400);
		assertThat(missing.errorInfo().statusCode()).isEqualTo(404);
	}

	@Test
	void RSP_Headers_standardHeadersAuthAndRequestId() throws Exception {
		ScriptedPeer peer = answering("[]");

		presence(peer, name("h1-")).get();
		presence(peer, name("h2-")).history();
		client(UtsPeer.options(peer).key(KEY).addRequestIds(true)).channels().get(name("h3-")).presence().get();

		assertThat(peer.received().get(0).header("X-Ably-Version")).isNotNull();
		assertThat(peer.received().get(0).header("Ably-Agent")).contains("ably-");
		assertThat(peer.received().get(0).header("Accept")).isNotNull();
		assertThat(peer.received().get(1).header("Authorization")).startsWith("Basic ");
		assertThat(query(peer.received().get(2)).get("request_id")).isNotEmpty();
	}

	@Test
	void RSP_Action_1_everyActionIsMapped() throws Exception {
		ScriptedPeer peer = answering("[{\"action\":0,\"clientId\":\"a\"},{\"action\":1,\"clientId\":\"b\"},"
				+ "{\"action\":2,\"clientId\":\"c\"},{\"action\":3,\"clientId\":\"d\"},{\"action\":4,\"clientId\":\"e\"}]");

		List<PresenceMessage> items = presence(peer, name("test-RSP-action1-")).history().items();

		assertThat(items).extracting(PresenceMessage::action).containsExactly(PresenceAction.ABSENT,
				PresenceAction.PRESENT, PresenceAction.ENTER, PresenceAction.LEAVE, PresenceAction.UPDATE);
	}
}
