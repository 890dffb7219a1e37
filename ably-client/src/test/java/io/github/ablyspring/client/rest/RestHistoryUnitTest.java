package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.client.support.UtsPeer;
import io.github.ablyspring.protocol.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code uts/rest/unit/channel/history.md} (RSL2), line by line, against a scripted peer. */
class RestHistoryUnitTest {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	private ScriptedPeer peer(String body) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start("127.0.0.1", 0, r -> Reply.json(200, body));
		resources.add(peer);
		return peer;
	}

	private AblyRest client(ScriptedPeer peer) {
		AblyRest rest = new AblyRest(UtsPeer.options(peer).key("appId.keyId:keySecret").build());
		resources.add(rest);
		return rest;
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

	@Test
	void RSL2a_historyReturnsAPageOfMessages() throws Exception {
		ScriptedPeer peer = peer("[{\"id\":\"msg1\",\"name\":\"event1\",\"data\":\"data1\",\"timestamp\":1000},"
				+ "{\"id\":\"msg2\",\"name\":\"event2\",\"data\":\"data2\",\"timestamp\":2000}]");

		PaginatedResult<Message> result = client(peer).channels().get(name("test-RSL2a-")).history();

		assertThat(result.items()).hasSize(2);
		assertThat(result.items().get(0).id()).isEqualTo("msg1");
		assertThat(result.items().get(0).name()).isEqualTo("event1");
		assertThat(result.items().get(0).data()).isEqualTo("data1");
	}

	@Test
	void RSL2b_queryParameters() throws Exception {
		ScriptedPeer peer = peer("[]");
		RestChannel channel = client(peer).channels().get(name("test-RSL2b-"));
		HistoryParams[] params = { HistoryParams.builder().start(1_234_567_890_000L).build(),
				HistoryParams.builder().end(1_234_567_899_999L).build(),
				HistoryParams.builder().direction(HistoryParams.Direction.BACKWARDS).build(),
				HistoryParams.builder().direction(HistoryParams.Direction.FORWARDS).build(),
				HistoryParams.builder().limit(50).build() };
		String[][] expected = { { "start", "1234567890000" }, { "end", "1234567899999" },
				{ "direction", "backwards" }, { "direction", "forwards" }, { "limit", "50" } };

		for (int i = 0; i < params.length; i++) {
			channel.history(params[i]);
			assertThat(query(peer.received().get(i))).containsEntry(expected[i][0], expected[i][1]);
		}
	}

	@Test
	void RSL2b1_directionDefaultsToBackwards() throws Exception {
		ScriptedPeer peer = peer("[]");

		client(peer).channels().get(name("test-RSL2b1-")).history();

		assertThat(query(peer.received().get(0)).getOrDefault("direction", "backwards")).isEqualTo("backwards");
	}

	@Test
	void RSL2b2_limit() throws Exception {
		ScriptedPeer peer = peer("[{\"id\":\"msg1\",\"name\":\"e\",\"data\":\"d\",\"timestamp\":1000}]");

		client(peer).channels().get(name("test-RSL2b2-")).history(HistoryParams.builder().limit(10).build());

		assertThat(query(peer.received().get(0))).containsEntry("limit", "10");
	}

	@Test
	void RSL2b3_limitDefaultsTo100() throws Exception {
		ScriptedPeer peer = peer("[]");

		client(peer).channels().get(name("test-RSL2b3-")).history();

		assertThat(query(peer.received().get(0)).getOrDefault("limit", "100")).isEqualTo("100");
	}

	@Test
	void RSL2_historyPathEncodesTheChannelName() throws Exception {
		ScriptedPeer peer = peer("[]");
		AblyRest client = client(peer);
		String id = UUID.randomUUID().toString();
		String[][] cases = { { "test-RSL2-simple-" + id, "test-RSL2-simple-" + id },
				{ "test-RSL2-with:colon-" + id, "test-RSL2-with%3Acolon-" + id },
				{ "test-RSL2-with/slash-" + id, "test-RSL2-with%2Fslash-" + id },
				{ "test-RSL2-with space-" + id, "test-RSL2-with%20space-" + id } };

		for (int i = 0; i < cases.length; i++) {
			client.channels().get(cases[i][0]).history();
			assertThat(peer.received()).hasSize(i + 1);
			assertThat(peer.received().get(i).method()).isEqualTo("GET");
			assertThat(peer.received().get(i).path()).isEqualTo("/channels/" + cases[i][1] + "/messages");
		}
	}

	@Test
	void RSL2_historyTimeRange() throws Exception {
		ScriptedPeer peer = peer("[{\"id\":\"msg1\",\"name\":\"e\",\"data\":\"d\",\"timestamp\":1500}]");

		client(peer).channels().get(name("test-RSL2-timerange-"))
			.history(HistoryParams.builder().start(1000L).end(2000L).build());

		assertThat(query(peer.received().get(0))).containsEntry("start", "1000").containsEntry("end", "2000");
	}
}
