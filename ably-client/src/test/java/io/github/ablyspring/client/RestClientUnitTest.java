package io.github.ablyspring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.auth.Auth;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/rest_client.md}, line by line, against scripted peers. Not translated: RSC18 with
 * {@code tls: true} (a scripted peer would need a certificate) and "Basic auth over HTTP rejected": this client allows
 * Basic over plain HTTP on purpose, for the embedded server on loopback (see {@code docs/uts-coverage.md}).
 */
class RestClientUnitTest {

	private static final String KEY = "appId.keyId:keySecret";

	private static final long TIME = 1_234_567_890_000L;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	private ScriptedPeer peer(String address, Function<Received, Reply> script) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start(address, 0, script);
		resources.add(peer);
		return peer;
	}

	private ScriptedPeer peer(Function<Received, Reply> script) throws Exception {
		return peer("127.0.0.1", script);
	}

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private static ClientOptions.Builder options(ScriptedPeer peer) {
		return ClientOptions.builder().key(KEY).endpoint("127.0.0.1").tls(false).port(peer.port());
	}

	private static Reply time() {
		return Reply.json(200, "[" + TIME + "]");
	}

	private static Map<String, String> query(Received r) {
		Map<String, String> query = new LinkedHashMap<>();
		if (r.query() != null) {
			for (String pair : r.query().split("&")) {
				String[] kv = pair.split("=", 2);
				query.put(kv[0], kv.length > 1 ? kv[1] : "");
			}
		}
		return query;
	}

	@Test
	void RSC5_authAttribute() {
		try (AblyRest client = new AblyRest(ClientOptions.builder().key(KEY).build())) {
			assertThat(client.auth()).isNotNull().isInstanceOf(Auth.class);
		}
	}

	@Test
	void RSC7e_xAblyVersionHeader() throws Exception {
		ScriptedPeer peer = peer(r -> time());

		client(options(peer)).time();

		assertThat(peer.received().get(0).header("X-Ably-Version")).matches("[0-9.]+");
	}

	/** Adapted: the library is {@code ably-spring}, so the pattern's {@code ably-[a-z]+} is matched by name. */
	@Test
	void RSC7d_RSC7d1_RSC7d2_ablyAgentHeader() throws Exception {
		ScriptedPeer peer = peer(r -> time());

		client(options(peer)).time();

		String agent = peer.received().get(0).header("Ably-Agent");
		assertThat(agent).isNotNull();
		assertThat(agent.split(" ")).allMatch(entry -> entry.matches("[^/ ]+(/[^/ ]+)?"));
		assertThat(agent).matches("ably-[a-z]+/\\S+( .*)?");
	}

	@Test
	void RSC7d6_agentsOptionAddsEntriesToTheAgent() throws Exception {
		ScriptedPeer peer = peer(r -> time());
		Map<String, String> agents = new LinkedHashMap<>();
		agents.put("spring-boot", "4.0.0");
		agents.put("custom", null);

		client(options(peer).agents(agents)).time();

		String agent = peer.received().get(0).header("Ably-Agent");
		assertThat(agent).startsWith("ably-spring/").endsWith(" spring-boot/4.0.0 custom");
	}

	@Test
	void RSC7c_requestIdWhenAddRequestIds() throws Exception {
		ScriptedPeer peer = peer(r -> time());

		client(options(peer).addRequestIds(true)).time();

		String requestId = query(peer.received().get(0)).get("request_id");
		assertThat(requestId).hasSizeGreaterThanOrEqualTo(12).matches("[A-Za-z0-9_-]+");
	}

	/** The UTS's fallback hosts are a second loopback address on the same port. */
	@Test
	void RSC7c_requestIdKeptOnTheFallbackRetry() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", r -> Reply.json(500, "{\"error\":{\"code\":50000}}"));
		ScriptedPeer fallback = ScriptedPeer.start("127.0.0.1", primary.port(), r -> time());
		resources.add(fallback);

		client(options(primary).endpoint("127.0.0.2").addRequestIds(true).fallbackHosts(List.of("127.0.0.1"))).time();

		assertThat(primary.received()).hasSize(1);
		assertThat(fallback.received()).hasSize(1);
		assertThat(query(fallback.received().get(0)).get("request_id"))
			.isEqualTo(query(primary.received().get(0)).get("request_id"));
	}

	@Test
	void RSC8a_RSC8b_protocolSelection() throws Exception {
		ScriptedPeer peer = peer(r -> Reply.json(201, "{\"serials\":[\"s1\"]}"));
		Object[][] cases = { { true, "application/x-msgpack" }, { false, "application/json" } };

		for (int i = 0; i < cases.length; i++) {
			client(options(peer).useBinaryProtocol((Boolean) cases[i][0])).channels().get("test").publish("e", "d");
			Received request = peer.received().get(i);
			assertThat(request.header("Content-Type")).isEqualTo(cases[i][1]);
			assertThat(request.header("Accept")).isEqualTo(cases[i][1]);
		}
	}

	@Test
	void RSC8c_acceptAndContentTypeHeaders() throws Exception {
		ScriptedPeer peer = peer(r -> Reply.json(201, "{\"serials\":[\"s1\"]}"));

		client(options(peer).useBinaryProtocol(false)).channels().get("test").publish("e", "d");

		assertThat(peer.received().get(0).header("Accept")).isEqualTo("application/json");
		assertThat(peer.received().get(0).header("Content-Type")).isEqualTo("application/json");
	}

	@Test
	void RSC8d_aResponseInTheOtherFormatIsDecoded() throws Exception {
		byte[] body = WireCodec.of(WireFormat.MSGPACK).encode(TIME, WireTypes.TIME);
		ScriptedPeer peer = peer(r -> new Reply(200, Map.of("Content-Type", "application/x-msgpack"), body));

		assertThat(client(options(peer).useBinaryProtocol(false)).time()).isEqualTo(TIME);
	}

	@Test
	void RSC8e_unsupportedContentTypeOnAnErrorStatusPropagatesTheStatus() throws Exception {
		ScriptedPeer peer = peer(r -> new Reply(500, Map.of("Content-Type", "text/html"),
				"<html>Server Error</html>".getBytes()));

		AblyException error = catchThrowableOfType(AblyException.class, () -> client(options(peer)).time());

		assertThat(error.errorInfo().statusCode()).isEqualTo(500);
	}

	@Test
	void RSC8e_unsupportedContentTypeOnSuccessIs40013() throws Exception {
		ScriptedPeer peer = peer(r -> new Reply(200, Map.of("Content-Type", "text/html"), "<html>OK</html>".getBytes()));

		AblyException error = catchThrowableOfType(AblyException.class, () -> client(options(peer)).time());

		assertThat(error.errorInfo().statusCode()).isEqualTo(400);
		assertThat(error.code()).isEqualTo(40013);
	}

	@Test
	void RSC8_errorResponseDecodedFromMsgpack() throws Exception {
		byte[] body = WireCodec.of(WireFormat.MSGPACK).encode(ErrorInfo.of(40099, 400, "Test error"),
				WireTypes.ERROR_RESPONSE);
		ScriptedPeer peer = peer(r -> new Reply(400, Map.of("Content-Type", "application/x-msgpack"), body));

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> client(options(peer).useBinaryProtocol(true)).time());

		assertThat(error.code()).isEqualTo(40099);
		assertThat(error.errorInfo().statusCode()).isEqualTo(400);
		assertThat(error.errorInfo().message()).isEqualTo("Test error");
	}

	@Test
	void RSC13_requestTimeout() throws Exception {
		ScriptedPeer slow = peer(r -> {
			try {
				Thread.sleep(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return time();
		});

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> client(options(slow).httpRequestTimeout(Duration.ofSeconds(1))).time());

		assertThat(error.code() == 50003 || error.getMessage().toLowerCase().contains("timeout")).isTrue();
	}

	@Test
	void RSC17_clientIdAttribute() {
		try (AblyRest client = new AblyRest(ClientOptions.builder().key(KEY).clientId("explicit-client-id").build())) {
			assertThat(client.clientId()).isEqualTo("explicit-client-id");
			assertThat(client.clientId()).isEqualTo(client.auth().clientId());
		}
	}

	@Test
	void RSC18_tlsFalseUsesHttpAndTokenAuthIsAllowed() throws Exception {
		ScriptedPeer peer = peer(r -> time());

		long result = client(ClientOptions.builder().token("some-token-string").endpoint("127.0.0.1").tls(false)
			.port(peer.port())).time();

		assertThat(result).isEqualTo(TIME);
	}
}
