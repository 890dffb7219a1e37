package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;

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
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/batch_publish.md} (RSC22, BSP, BPR, BPF), against a scripted peer. Adapted: the peer answers
 * each spec with the {@code BatchResult} envelope ({@code successCount}, {@code failureCount}, {@code results}) that
 * Ably returns at this client's protocol version, not the bare per-channel objects the UTS mock returns.
 */
class BatchPublishUnitTest {

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

	/** Answers every spec of the request with a success per channel, serial per message. */
	private ScriptedPeer successPeer() throws Exception {
		return peer(r -> {
			StringBuilder out = new StringBuilder("[");
			for (JsonNode spec : specs(r)) {
				out.append(out.length() > 1 ? "," : "").append("{\"successCount\":").append(spec.get("channels").size())
					.append(",\"failureCount\":0,\"results\":[");
				for (int c = 0; c < spec.get("channels").size(); c++) {
					out.append(c > 0 ? "," : "").append("{\"channel\":\"").append(spec.get("channels").get(c).asString())
						.append("\",\"messageId\":\"m").append(c).append("\",\"serials\":[");
					for (int m = 0; m < spec.get("messages").size(); m++) {
						out.append(m > 0 ? "," : "").append("\"s").append(m).append('"');
					}
					out.append("]}");
				}
				out.append("]}");
			}
			return Reply.json(201, out.append("]").toString());
		});
	}

	private static List<JsonNode> specs(Received r) {
		JsonNode body = Json.MAPPER.readTree(r.body());
		List<JsonNode> specs = new ArrayList<>();
		if (body.isArray()) {
			body.forEach(specs::add);
		}
		else {
			specs.add(body);
		}
		return specs;
	}

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private AblyRest client(ScriptedPeer peer) {
		return client(UtsPeer.options(peer).key(KEY));
	}

	private static String name(String prefix) {
		return prefix + UUID.randomUUID();
	}

	private static BatchPublishSpec spec(List<String> channels, Message... messages) {
		return new BatchPublishSpec(channels, List.of(messages));
	}

	@Test
	void RSC22c1_aSingleSpecIsPostedToMessages() throws Exception {
		ScriptedPeer peer = successPeer();
		String a = name("test-RSC22c1-a-");
		String b = name("test-RSC22c1-b-");

		client(peer).batchPublish(spec(List.of(a, b), Message.of("event", "hello")));

		Received request = peer.received().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/messages");
		JsonNode spec = specs(request).get(0);
		assertThat(spec.get("channels")).extracting(JsonNode::asString).containsExactly(a, b);
		assertThat(spec.at("/messages/0/name").asString()).isEqualTo("event");
		assertThat(spec.at("/messages/0/data").asString()).isEqualTo("hello");
	}

	@Test
	void RSC22c2_RSC22c4_severalSpecsInOneRequestAndOneResultEach() throws Exception {
		ScriptedPeer peer = successPeer();
		String a = name("test-RSC22c2-a-");
		String b = name("test-RSC22c2-b-");

		List<BatchResult<BatchPublishResult>> results = client(peer).batchPublish(List.of(
				spec(List.of(a), Message.of("e1", "d1")), spec(List.of(b), Message.of("e2", "d2"))));

		assertThat(peer.received()).hasSize(1);
		assertThat(specs(peer.received().get(0))).hasSize(2);
		assertThat(results).hasSize(2);
		assertThat(results.get(0).results().get(0).channel()).isEqualTo(a);
		assertThat(results.get(1).results().get(0).channel()).isEqualTo(b);
	}

	@Test
	void RSC22c3_RSC22c5_aSingleSpecReturnsOneResultWithEveryChannel() throws Exception {
		List<String> channels = List.of(name("test-RSC22c5-a-"), name("test-RSC22c5-b-"), name("test-RSC22c5-c-"));

		BatchResult<BatchPublishResult> result = client(successPeer()).batchPublish(
				spec(channels, Message.of("e", "d")));

		assertThat(result.successCount()).isEqualTo(3);
		assertThat(result.results()).extracting(BatchPublishResult::channel).containsExactlyElementsOf(channels);
	}

	@Test
	void RSC22c6_messagesAreEncodedPerRSL4() throws Exception {
		ScriptedPeer peer = successPeer();

		client(peer).batchPublish(spec(List.of(name("test-RSC22c6-")), Message.of("s", "text"),
				Message.of("b", new byte[] { 1, 2, 3 }), Message.of("j", Json.MAPPER.readTree("{\"key\":\"value\"}"))));

		JsonNode messages = specs(peer.received().get(0)).get(0).get("messages");
		assertThat(messages.get(0).get("data").asString()).isEqualTo("text");
		assertThat(messages.get(0).has("encoding")).isFalse();
		assertThat(messages.get(1).get("data").asString()).isEqualTo("AQID");
		assertThat(messages.get(1).get("encoding").asString()).isEqualTo("base64");
		assertThat(Json.MAPPER.readTree(messages.get(2).get("data").asString()))
			.isEqualTo(Json.MAPPER.readTree("{\"key\":\"value\"}"));
		assertThat(messages.get(2).get("encoding").asString()).isEqualTo("json");
	}

	@Test
	void RSC22c7_theRequestIsAuthenticated() throws Exception {
		ScriptedPeer peer = successPeer();

		client(UtsPeer.options(peer).token("a-token")).batchPublish(spec(List.of(name("c-")), Message.of("e", "d")));
		client(peer).batchPublish(spec(List.of(name("c-")), Message.of("e", "d")));

		assertThat(peer.received().get(0).header("Authorization")).isEqualTo(UtsPeer.bearer("a-token"));
		assertThat(UtsPeer.basic(peer.received().get(1).header("Authorization"))).isEqualTo(KEY);
	}

	@Test
	void RSC22d_idempotentIdsPerSpec() throws Exception {
		ScriptedPeer peer = successPeer();

		client(peer).batchPublish(List.of(spec(List.of(name("a-")), Message.of("e1", "d"), Message.of("e2", "d")),
				spec(List.of(name("b-")), Message.of("e3", "d"))));

		List<JsonNode> specs = specs(peer.received().get(0));
		String id0 = specs.get(0).at("/messages/0/id").asString();
		String id1 = specs.get(0).at("/messages/1/id").asString();
		String id2 = specs.get(1).at("/messages/0/id").asString();
		assertThat(id0).matches(".+:0");
		assertThat(id1).matches(".+:1");
		assertThat(id0.substring(0, id0.lastIndexOf(':'))).isEqualTo(id1.substring(0, id1.lastIndexOf(':')));
		assertThat(id2.substring(0, id2.lastIndexOf(':'))).isNotEqualTo(id0.substring(0, id0.lastIndexOf(':')));
	}

	@Test
	void RSC22d_explicitIdsAreKept() throws Exception {
		ScriptedPeer peer = successPeer();

		client(peer).batchPublish(spec(List.of(name("a-")), Message.builder().id("explicit").name("e").build()));

		assertThat(specs(peer.received().get(0)).get(0).at("/messages/0/id").asString()).isEqualTo("explicit");
	}

	@Test
	void RSC22d_noIdsWhenDisabled() throws Exception {
		ScriptedPeer peer = successPeer();

		client(UtsPeer.options(peer).key(KEY).idempotentRestPublishing(false))
			.batchPublish(spec(List.of(name("a-")), Message.of("e", "d")));

		assertThat(specs(peer.received().get(0)).get(0).at("/messages/0").has("id")).isFalse();
	}

	@Test
	void BSP2a_BSP2b_specSerialization() throws Exception {
		ScriptedPeer peer = successPeer();
		List<String> channels = List.of(name("test-BSP2a-a-"), name("test-BSP2a-b-"), name("test-BSP2a-c-"));

		client(peer).batchPublish(spec(channels, Message.of("event1", "data1"),
				Message.of("event2", Json.MAPPER.readTree("{\"key\":\"value\"}"))));

		JsonNode spec = specs(peer.received().get(0)).get(0);
		assertThat(spec.get("channels")).extracting(JsonNode::asString).containsExactlyElementsOf(channels);
		assertThat(spec.get("messages")).hasSize(2);
		assertThat(spec.at("/messages/1/name").asString()).isEqualTo("event2");
	}

	private BatchResult<BatchPublishResult> answered(String results) throws Exception {
		ScriptedPeer peer = peer(r -> Reply.json(201, "[{\"successCount\":1,\"failureCount\":0,\"results\":" + results
				+ "}]"));
		return client(peer).batchPublish(spec(List.of("ch"), Message.of("e", "d"), Message.of("e", "d"),
				Message.of("e", "d")));
	}

	@Test
	void BPR2a_BPR2b_BPR2c_BPR2c1_successResult() throws Exception {
		BatchPublishResult result = answered("[{\"channel\":\"test-BPR\",\"messageId\":\"unique-id-prefix\","
				+ "\"serials\":[\"serial1\",null,\"serial3\"]}]").results().get(0);

		assertThat(result.isSuccess()).isTrue();
		assertThat(result.channel()).isEqualTo("test-BPR");
		assertThat(result.messageId()).isEqualTo("unique-id-prefix");
		assertThat(result.serials()).containsExactly("serial1", null, "serial3");
	}

	@Test
	void BPF2a_BPF2b_failureResult() throws Exception {
		BatchPublishResult result = answered("[{\"channel\":\"test-BPF\",\"error\":{\"code\":40160,\"statusCode\":401,"
				+ "\"message\":\"Channel operation not permitted\",\"href\":\"https://help.ably.io/error/40160\"}}]")
			.results().get(0);

		assertThat(result.isSuccess()).isFalse();
		assertThat(result.channel()).isEqualTo("test-BPF");
		assertThat(result.error().code()).isEqualTo(40160);
		assertThat(result.error().statusCode()).isEqualTo(401);
		assertThat(result.error().message()).contains("not permitted");
	}

	@Test
	void BatchResult1_BatchResult2_mixedResults() throws Exception {
		List<BatchPublishResult> results = answered("[{\"channel\":\"allowed\",\"messageId\":\"msg1\","
				+ "\"serials\":[\"s1\"]},{\"channel\":\"restricted\",\"error\":{\"code\":40160,\"statusCode\":401}}]")
			.results();

		assertThat(results).hasSize(2);
		assertThat(results.get(0).isSuccess()).isTrue();
		assertThat(results.get(0).messageId()).isNotNull();
		assertThat(results.get(1).isSuccess()).isFalse();
		assertThat(results.get(1).error()).isNotNull();
	}

	/** An empty spec cannot even be built: the argument error comes before any request. */
	@Test
	void RSC22_Error1_Error2_anEmptySpecIsRefused() throws Exception {
		ScriptedPeer peer = successPeer();

		Throwable noChannels = org.assertj.core.api.Assertions.catchThrowable(
				() -> new BatchPublishSpec(List.of(), List.of(Message.of("e", "d"))));
		Throwable noMessages = org.assertj.core.api.Assertions.catchThrowable(
				() -> new BatchPublishSpec(List.of("ch"), List.of()));

		assertThat(noChannels).isInstanceOf(IllegalArgumentException.class);
		assertThat(noMessages).isInstanceOf(IllegalArgumentException.class);
		assertThat(peer.received()).isEmpty();
	}

	@Test
	void RSC22_Error3_Error4_errorResponsesThrow() throws Exception {
		ScriptedPeer failing = peer(r -> UtsPeer.error(500, 50000, "Internal error"));
		ScriptedPeer refusing = peer(r -> UtsPeer.error(401, 40101, "Invalid credentials"));

		AblyException server = catchThrowableOfType(AblyException.class,
				() -> client(failing).batchPublish(spec(List.of("ch"), Message.of("e", "d"))));
		AblyException auth = catchThrowableOfType(AblyException.class,
				() -> client(refusing).batchPublish(spec(List.of("ch"), Message.of("e", "d"))));

		assertThat(server.code()).isEqualTo(50000);
		assertThat(server.errorInfo().statusCode()).isEqualTo(500);
		assertThat(auth.code()).isEqualTo(40101);
		assertThat(auth.errorInfo().statusCode()).isEqualTo(401);
	}

	/** Adapted: {@code X-Ably-Version} is this client's protocol version, not the UTS's 2. */
	@Test
	void RSC22_Headers1_Headers2_headersAndRequestId() throws Exception {
		ScriptedPeer peer = successPeer();

		client(UtsPeer.options(peer).key(KEY).addRequestIds(true))
			.batchPublish(spec(List.of(name("h-")), Message.of("e", "d")));

		Received request = peer.received().get(0);
		assertThat(request.header("X-Ably-Version")).isNotNull();
		assertThat(request.header("Ably-Agent")).isNotNull();
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(request.query()).contains("request_id=");
	}

	@Test
	void RSC22_Batch1_Batch2_largeBatches() throws Exception {
		ScriptedPeer peer = successPeer();
		List<String> channels = List.of(name("b-a-"), name("b-b-"), name("b-c-"));
		Message[] hundred = IntStream.range(0, 100).mapToObj(i -> Message.of("e" + i, "d")).toArray(Message[]::new);

		client(peer).batchPublish(spec(List.of(name("b-")), hundred));
		BatchResult<BatchPublishResult> result = client(peer).batchPublish(spec(channels, Message.of("m1", "1"),
				Message.of("m2", "2"), Message.of("m3", "3")));

		assertThat(specs(peer.received().get(0)).get(0).get("messages")).hasSize(100);
		Set<String> ids = new HashSet<>();
		specs(peer.received().get(0)).get(0).get("messages").forEach(m -> ids.add(m.get("id").asString()));
		assertThat(ids).hasSize(100);
		assertThat(result.results()).hasSize(3).allSatisfy(r -> assertThat(r.serials()).hasSize(3));
	}
}
