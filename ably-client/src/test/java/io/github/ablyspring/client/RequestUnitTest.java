package io.github.ablyspring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.rest.HttpPaginatedResponse;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.client.support.UtsPeer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/request.md} (RSC19, HP), line by line, against scripted peers. Not translated: RSC19f1, the
 * {@code version} argument: {@code request} always sends this library's protocol version. The UTS's fallback hosts
 * are 127.0.0.1 behind a primary on 127.0.0.2, same port.
 */
class RequestUnitTest {

	private static final String KEY = "appId.keyId:keySecret";

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	private ScriptedPeer peer(String address, int port, Function<Received, Reply> script) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start(address, port, script);
		resources.add(peer);
		return peer;
	}

	private ScriptedPeer peer(Function<Received, Reply> script) throws Exception {
		return peer("127.0.0.1", 0, script);
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
		return client(ClientOptions.builder().key(KEY).endpoint("127.0.0.1").tls(false).port(peer.port()));
	}

	private static HttpPaginatedResponse get(AblyRest client, String path) {
		return client.request("GET", path, null, null, null);
	}

	private static JsonNode json(String text) {
		return Json.MAPPER.readTree(text);
	}

	@Test
	void RSC19f_supportedMethods() throws Exception {
		ScriptedPeer peer = empty();
		List<String> methods = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

		for (int i = 0; i < methods.size(); i++) {
			client(peer).request(methods.get(i), "/test", null, null, null);
			assertThat(peer.received()).hasSize(i + 1);
			assertThat(peer.received().get(i).method()).isEqualTo(methods.get(i));
			assertThat(peer.received().get(i).path()).isEqualTo("/test");
		}
	}

	@Test
	void RSC19f_queryParameters() throws Exception {
		ScriptedPeer peer = empty();
		Map<String, String> params = new LinkedHashMap<>();
		params.put("limit", "10");
		params.put("direction", "backwards");

		client(peer).request("GET", "/channels/test/messages", params, null, null);

		assertThat(peer.received().get(0).query().split("&")).contains("limit=10", "direction=backwards");
	}

	@Test
	void RSC19f_customHeaders() throws Exception {
		ScriptedPeer peer = empty();

		client(peer).request("GET", "/test", null, null,
				Map.of("X-Custom-Header", "custom-value", "X-Another", "another-value"));

		assertThat(peer.received().get(0).header("X-Custom-Header")).isEqualTo("custom-value");
		assertThat(peer.received().get(0).header("X-Another")).isEqualTo("another-value");
	}

	@Test
	void RSC19f_requestBody() throws Exception {
		ScriptedPeer peer = peer(r -> Reply.json(201, "{\"id\":\"123\"}"));

		client(UtsPeer.options(peer).key(KEY)).request("POST", "/channels/test/messages", null,
				json("{\"name\":\"event\",\"data\":\"payload\"}"), null);

		JsonNode body = Json.MAPPER.readTree(peer.received().get(0).body());
		assertThat(body.get("name").asString()).isEqualTo("event");
		assertThat(body.get("data").asString()).isEqualTo("payload");
	}

	@Test
	void RSC19b_basicAuthentication() throws Exception {
		ScriptedPeer peer = empty();

		get(client(peer), "/test");

		String header = peer.received().get(0).header("Authorization");
		assertThat(header).startsWith("Basic ");
		assertThat(UtsPeer.basic(header)).isEqualTo(KEY);
	}

	@Test
	void RSC19b_tokenAuthentication() throws Exception {
		ScriptedPeer peer = empty();

		get(client(UtsPeer.options(peer).token("my-token-string")), "/test");

		assertThat(peer.received().get(0).header("Authorization")).startsWith("Bearer ");
	}

	@Test
	void RSC19c_jsonProtocolHeaders() throws Exception {
		ScriptedPeer peer = empty();

		client(UtsPeer.options(peer).key(KEY)).request("POST", "/test", null, json("{\"data\":\"test\"}"), null);

		assertThat(peer.received().get(0).header("Accept")).isEqualTo("application/json");
		assertThat(peer.received().get(0).header("Content-Type")).isEqualTo("application/json");
	}

	@Test
	void RSC19c_msgpackProtocolHeaders() throws Exception {
		byte[] empty = WireCodec.of(WireFormat.MSGPACK).encode(json("[]"), WireTypes.JSON);
		ScriptedPeer peer = peer(r -> new Reply(200, Map.of("Content-Type", "application/x-msgpack"), empty));

		client(peer).request("POST", "/test", null, json("{\"data\":\"test\"}"), null);

		assertThat(peer.received().get(0).header("Accept")).isEqualTo("application/x-msgpack");
		assertThat(peer.received().get(0).header("Content-Type")).isEqualTo("application/x-msgpack");
	}

	@Test
	void RSC19c_bodyEncodedInTheProtocol() throws Exception {
		ScriptedPeer peer = empty();

		client(UtsPeer.options(peer).key(KEY)).request("POST", "/test", null,
				json("{\"name\":\"event\",\"data\":{\"nested\":\"value\"}}"), null);
		client(peer).request("POST", "/test", null, json("{\"name\":\"event\",\"data\":\"value\"}"), null);

		JsonNode jsonBody = Json.MAPPER.readTree(peer.received().get(0).body());
		assertThat(jsonBody.get("name").asString()).isEqualTo("event");
		assertThat(jsonBody.at("/data/nested").asString()).isEqualTo("value");
		JsonNode msgpackBody = WireCodec.of(WireFormat.MSGPACK).decode(peer.received().get(1).body(), WireTypes.JSON);
		assertThat(msgpackBody.get("name").asString()).isEqualTo("event");
		assertThat(msgpackBody.get("data").asString()).isEqualTo("value");
	}

	@Test
	void RSC19c_responseDecodedByContentType() throws Exception {
		byte[] msgpack = WireCodec.of(WireFormat.MSGPACK).encode(json("[{\"id\":\"1\"}]"), WireTypes.JSON);
		AtomicInteger count = new AtomicInteger();
		ScriptedPeer peer = peer(r -> count.incrementAndGet() == 1
				? Reply.json(200, "[{\"id\":\"1\",\"name\":\"item1\"},{\"id\":\"2\",\"name\":\"item2\"}]")
				: new Reply(200, Map.of("Content-Type", "application/x-msgpack"), msgpack));
		AblyRest client = client(peer);

		List<JsonNode> jsonItems = get(client, "/test").items();
		List<JsonNode> msgpackItems = get(client, "/test").items();

		assertThat(jsonItems).hasSize(2);
		assertThat(jsonItems.get(0).get("id").asString()).isEqualTo("1");
		assertThat(jsonItems.get(1).get("name").asString()).isEqualTo("item2");
		assertThat(msgpackItems).hasSize(1);
		assertThat(msgpackItems.get(0).get("id").asString()).isEqualTo("1");
	}

	private static Reply status(int status) {
		return status >= 400
				? Reply.json(status, "{\"error\":{\"code\":" + status * 100 + ",\"message\":\"Error\"}}")
				: status == 204 ? Reply.of(204) : Reply.json(status, "[]");
	}

	@Test
	void RSC19d_HP4_statusCode() throws Exception {
		for (int status : new int[] { 200, 201, 400, 404, 500 }) {
			ScriptedPeer peer = peer(r -> status(status));
			assertThat(get(client(peer), "/test").statusCode()).isEqualTo(status);
		}
	}

	@Test
	void RSC19d_HP5_success() throws Exception {
		int[] statuses = { 200, 201, 204, 299, 300, 400, 500 };
		boolean[] expected = { true, true, true, true, false, false, false };
		for (int i = 0; i < statuses.length; i++) {
			int status = statuses[i];
			ScriptedPeer peer = peer(r -> status(status));
			assertThat(get(client(peer), "/test").success()).as("status " + status).isEqualTo(expected[i]);
		}
	}

	@Test
	void RSC19d_HP6_errorCodeFromTheHeader() throws Exception {
		ScriptedPeer peer = peer(r -> new Reply(401, Map.of("Content-Type", "application/json", "X-Ably-Errorcode",
				"40101"), "{\"error\":{\"code\":40101,\"message\":\"Unauthorized\"}}".getBytes()));

		assertThat(get(client(peer), "/test").errorCode()).isEqualTo(40101);
	}

	@Test
	void RSC19d_HP7_errorMessageFromTheHeader() throws Exception {
		ScriptedPeer peer = peer(r -> new Reply(401, Map.of("Content-Type", "application/json", "X-Ably-Errorcode",
				"40101", "X-Ably-Errormessage", "Token expired"),
				"{\"error\":{\"code\":40101,\"message\":\"Unauthorized\"}}".getBytes()));

		assertThat(get(client(peer), "/test").errorMessage()).isEqualTo("Token expired");
	}

	@Test
	void RSC19d_HP8_allResponseHeaders() throws Exception {
		ScriptedPeer peer = peer(r -> new Reply(200, Map.of("Content-Type", "application/json", "X-Request-Id",
				"req-123", "X-Custom-Header", "custom-value"), "[]".getBytes()));

		HttpPaginatedResponse response = get(client(peer), "/test");

		assertThat(response.headers().getFirst("Content-Type")).isEqualTo("application/json");
		assertThat(response.headers().getFirst("X-Request-Id")).isEqualTo("req-123");
		assertThat(response.headers().getFirst("X-Custom-Header")).isEqualTo("custom-value");
	}

	@Test
	void RSC19d_HP3_items() throws Exception {
		ScriptedPeer peer = peer(r -> Reply.json(200, "[{\"id\":\"msg1\",\"name\":\"event1\",\"data\":\"data1\"},"
				+ "{\"id\":\"msg2\",\"name\":\"event2\",\"data\":\"data2\"}]"));

		List<JsonNode> items = get(client(peer), "/channels/test/messages").items();

		assertThat(items).hasSize(2);
		assertThat(items.get(0).get("id").asString()).isEqualTo("msg1");
		assertThat(items.get(1).get("id").asString()).isEqualTo("msg2");
	}

	@Test
	void RSC19d_HP1_pagination() throws Exception {
		AtomicInteger count = new AtomicInteger();
		ScriptedPeer peer = peer(r -> count.incrementAndGet() == 1
				? new Reply(200, Map.of("Content-Type", "application/json", "Link",
						"</channels/test/messages?page=2>; rel=\"next\""), "[{\"id\":\"1\"},{\"id\":\"2\"}]".getBytes())
				: Reply.json(200, "[{\"id\":\"3\"}]"));

		HttpPaginatedResponse response = get(client(peer), "/channels/test/messages");
		assertThat(response.items()).hasSize(2);
		assertThat(response.hasNext()).isTrue();
		response = response.next();

		assertThat(response.items()).hasSize(1);
		assertThat(response.items().get(0).get("id").asString()).isEqualTo("3");
		assertThat(response.hasNext()).isFalse();
	}

	@Test
	void RSC19d_nonArrayResponseIsOneItem() throws Exception {
		ScriptedPeer peer = peer(r -> Reply.json(200, "{\"time\":1234567890000}"));

		List<JsonNode> items = get(client(peer), "/time").items();

		assertThat(items).hasSize(1);
		assertThat(items.get(0).get("time").asLong()).isEqualTo(1234567890000L);
	}

	@Test
	void RSC19e_networkError() throws Exception {
		ScriptedPeer peer = empty();
		int port = peer.port();
		peer.close();

		AblyException error = catchThrowableOfType(AblyException.class, () -> get(client(ClientOptions.builder()
			.key(KEY).endpoint("127.0.0.1").tls(false).port(port).fallbackHosts(List.of())), "/test"));

		assertThat(error.code() == 80000 || error.getMessage().toLowerCase().contains("connect")
				|| error.getMessage().toLowerCase().contains("network")).as(error.toString()).isTrue();
	}

	@Test
	void RSC19e_timeout() throws Exception {
		ScriptedPeer peer = peer(r -> {
			try {
				Thread.sleep(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Reply.json(200, "[]");
		});

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> get(client(ClientOptions.builder().key(KEY).endpoint("127.0.0.1").tls(false).port(peer.port())
					.httpRequestTimeout(Duration.ofSeconds(1)).fallbackHosts(List.of())), "/test"));

		assertThat(error.code() == 50003 || error.getMessage().toLowerCase().contains("timeout")).isTrue();
	}

	@Test
	void RSC19e_anErrorStatusDoesNotFallBack() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> new Reply(400, Map.of("Content-Type", "application/json",
				"X-Ably-Errorcode", "40000"), "{\"error\":{\"code\":40000,\"message\":\"Bad request\"}}".getBytes()));
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> Reply.json(200, "[]"));

		HttpPaginatedResponse response = get(client(ClientOptions.builder().key(KEY).endpoint("127.0.0.2")
			.tls(false).port(primary.port()).fallbackHosts(List.of("127.0.0.1"))), "/test");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.success()).isFalse();
		assertThat(response.errorCode()).isEqualTo(40000);
		assertThat(primary.received()).hasSize(1);
		assertThat(fallback.received()).isEmpty();
	}

	@Test
	void RSC19e_RSC15_fallbackOnAServerError() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0,
				r -> new Reply(500, Map.of("Content-Type", "text/plain"), "Internal Server Error".getBytes()));
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> Reply.json(200, "[{\"id\":\"1\"}]"));

		HttpPaginatedResponse response = get(client(ClientOptions.builder().key(KEY).endpoint("127.0.0.2")
			.tls(false).port(primary.port()).fallbackHosts(List.of("127.0.0.1"))), "/test");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.success()).isTrue();
		assertThat(primary.received()).hasSize(1);
		assertThat(fallback.received()).hasSize(1);
	}

	@Test
	void RSC19b_authenticationCannotBeOverridden() throws Exception {
		ScriptedPeer peer = empty();

		client(peer).request("GET", "/test", null, null, Map.of("Authorization", "Bearer malicious-token"));

		assertThat(peer.received().get(0).header("Authorization")).startsWith("Basic ")
			.isNotEqualTo("Bearer malicious-token");
	}

	@Test
	void RSC19f_pathWithOrWithoutALeadingSlash() throws Exception {
		ScriptedPeer peer = empty();
		AblyRest client = client(peer);

		get(client, "/channels/test");
		get(client, "channels/test");

		assertThat(peer.received().get(0).path()).isEqualTo("/channels/test");
		assertThat(peer.received().get(1).path()).isEqualTo("/channels/test");
	}

	@Test
	void RSC19d_emptyResponse() throws Exception {
		ScriptedPeer peer = peer(r -> Reply.of(204));

		HttpPaginatedResponse response = client(peer).request("DELETE", "/channels/test/messages/123", null, null,
				null);

		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.success()).isTrue();
		assertThat(response.items()).isEmpty();
	}
}
