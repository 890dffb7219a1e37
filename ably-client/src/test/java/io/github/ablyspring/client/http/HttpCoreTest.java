package io.github.ablyspring.client.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The HTTP core against scripted peers on loopback addresses that share one port (hosts differ, port does not). */
class HttpCoreTest {

	private static final String KEY = "app.key:secret";

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

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private static ClientOptions.Builder options(String host, int port) {
		return ClientOptions.builder().key(KEY).endpoint(host).tls(false).port(port);
	}

	private static Reply time(long millis) {
		return Reply.json(200, "[" + millis + "]");
	}

	@Test
	void RSC7_sendsAblyHeadersAndHonoursResponseContentType() throws Exception {
		ScriptedPeer peer = peer("127.0.0.1", 0, r -> time(1234));
		AblyRest rest = client(options("127.0.0.1", peer.port()));

		assertThat(rest.time()).isEqualTo(1234L);

		Received r = peer.received().get(0);
		assertThat(r.path()).isEqualTo("/time");
		assertThat(r.header("X-Ably-Version")).isEqualTo("6");
		assertThat(r.header("Ably-Agent")).startsWith("ably-spring/").contains("jre/");
		assertThat(r.header("Accept")).isEqualTo("application/x-msgpack");
		// RSC16: time needs no credentials.
		assertThat(r.header("Authorization")).isNull();
	}

	@Test
	void RSC8_decodesMsgpackResponseForJsonClient() throws Exception {
		byte[] body = WireCodec.of(WireFormat.MSGPACK).encode(987L, WireTypes.TIME);
		ScriptedPeer peer = peer("127.0.0.1", 0,
				r -> new Reply(200, java.util.Map.of("Content-Type", "application/x-msgpack"), body));
		AblyRest rest = client(options("127.0.0.1", peer.port()).useBinaryProtocol(false));

		assertThat(rest.timeAsync().get()).isEqualTo(987L);
		assertThat(peer.received().get(0).header("Accept")).isEqualTo("application/json");
	}

	@Test
	void RSA7e2_RSA1_basicAuthAndClientIdHeaders() throws Exception {
		ScriptedPeer peer = peer("127.0.0.1", 0, r -> Reply.of(201));
		AblyRest rest = client(options("127.0.0.1", peer.port()).useBinaryProtocol(false).clientId("bob"));

		rest.channels().get("a b/c").publish("n", "d");

		Received r = peer.received().get(0);
		assertThat(r.method()).isEqualTo("POST");
		assertThat(r.path()).isEqualTo("/channels/a%20b%2Fc/messages");
		assertThat(r.header("Content-Type")).isEqualTo("application/json");
		assertThat(r.header("X-Ably-ClientId")).isEqualTo(b64("bob"));
		assertThat(r.header("Authorization")).isEqualTo("Basic " + b64(KEY));
		assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"name\":\"n\"").contains("\"data\":\"d\"");
	}

	@Test
	void RSC7c_requestIdKeptAcrossRetriesAndInTheError() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> Reply.of(503));
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> Reply.of(503));
		AblyRest rest = client(options("127.0.0.2", primary.port()).fallbackHosts(List.of("127.0.0.1"))
			.addRequestIds(true));

		AblyException ex = catchThrowableOfType(AblyException.class, () -> rest.channels().get("c").history());

		String query = primary.received().get(0).query();
		assertThat(query).startsWith("request_id=");
		assertThat(fallback.received().get(0).query()).isEqualTo(query);
		assertThat(ex.errorInfo().requestId()).isEqualTo(query.substring("request_id=".length()));
		assertThat(ex.statusCode()).isEqualTo(503);
	}

	@Test
	void RSC15l_retriesOnFallbackAfter503WithTheSameIdempotentIds() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> Reply.of(503));
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> Reply.of(201));
		AblyRest rest = client(options("127.0.0.2", primary.port()).fallbackHosts(List.of("127.0.0.1")));

		rest.channels().get("c").publish("n", "d");

		assertThat(primary.received()).hasSize(1);
		assertThat(fallback.received()).hasSize(1);
		// RSL1k: the id is set once, so the retry carries the same bytes.
		assertThat(fallback.received().get(0).body()).isEqualTo(primary.received().get(0).body());
	}

	@Test
	void RSC15f_remembersTheWorkingFallback() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> Reply.of(500));
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> time(1));
		AblyRest rest = client(options("127.0.0.2", primary.port()).fallbackHosts(List.of("127.0.0.1")));

		rest.time();
		rest.time();
		rest.time();

		assertThat(primary.received()).hasSize(1);
		assertThat(fallback.received()).hasSize(3);
	}

	@Test
	void RSC15f_fallbackForgottenAfterFallbackRetryTimeout() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> Reply.of(500));
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> time(1));
		AblyRest rest = client(options("127.0.0.2", primary.port()).fallbackHosts(List.of("127.0.0.1"))
			.fallbackRetryTimeout(Duration.ofNanos(1)));

		rest.time();
		rest.time();

		assertThat(primary.received()).hasSize(2);
	}

	@Test
	void RSC15m_noFallbackForACustomHost() throws Exception {
		ScriptedPeer primary = peer("127.0.0.1", 0, r -> Reply.of(503));
		AblyRest rest = client(options("127.0.0.1", primary.port()));

		AblyException ex = catchThrowableOfType(AblyException.class, rest::time);

		assertThat(ex.code()).isEqualTo(50000);
		assertThat(ex.statusCode()).isEqualTo(503);
		assertThat(primary.received()).hasSize(1);
	}

	@Test
	void TO3l5_httpMaxRetryCountLimitsTheHostsTried() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> Reply.of(504));
		int port = primary.port();
		List<ScriptedPeer> fallbacks = List.of(peer("127.0.0.3", port, r -> Reply.of(502)),
				peer("127.0.0.4", port, r -> Reply.of(502)), peer("127.0.0.5", port, r -> Reply.of(502)));
		AblyRest rest = client(options("127.0.0.2", port).httpMaxRetryCount(1)
			.fallbackHosts(List.of("127.0.0.3", "127.0.0.4", "127.0.0.5")));

		catchThrowableOfType(AblyException.class, rest::time);

		int total = primary.received().size() + fallbacks.stream().mapToInt(p -> p.received().size()).sum();
		assertThat(total).isEqualTo(2);
	}

	@Test
	void RSC15l_notRetriedOnA4xx() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0,
				r -> Reply.json(400, "{\"error\":{\"code\":40003,\"statusCode\":400,\"message\":\"bad param\"}}"));
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> time(1));
		AblyRest rest = client(options("127.0.0.2", primary.port()).fallbackHosts(List.of("127.0.0.1")));

		AblyException ex = catchThrowableOfType(AblyException.class, rest::time);

		assertThat(ex.code()).isEqualTo(40003);
		assertThat(ex.getMessage()).isEqualTo("bad param");
		assertThat(fallback.received()).isEmpty();
	}

	@Test
	void RSC15l_timeoutQualifiesForAFallback() throws Exception {
		ScriptedPeer[] hanging = new ScriptedPeer[1];
		hanging[0] = peer("127.0.0.2", 0, r -> hanging[0].hang());
		ScriptedPeer fallback = peer("127.0.0.1", hanging[0].port(), r -> time(42));
		AblyRest rest = client(options("127.0.0.2", hanging[0].port()).fallbackHosts(List.of("127.0.0.1"))
			.httpRequestTimeout(Duration.ofMillis(300)));

		assertThat(rest.time()).isEqualTo(42L);
		assertThat(fallback.received()).hasSize(1);
	}

	@Test
	void timeoutWithoutFallbackIs50003() throws Exception {
		ScriptedPeer[] hanging = new ScriptedPeer[1];
		hanging[0] = peer("127.0.0.1", 0, r -> hanging[0].hang());
		AblyRest rest = client(options("127.0.0.1", hanging[0].port()).httpRequestTimeout(Duration.ofMillis(200)));

		AblyException ex = catchThrowableOfType(AblyException.class, rest::time);

		assertThat(ex.code()).isEqualTo(50003);
	}

	@Test
	void errorFromHeadersWhenTheBodyHasNone() throws Exception {
		ScriptedPeer peer = peer("127.0.0.1", 0, r -> new Reply(404,
				java.util.Map.of("X-Ably-ErrorCode", "40400", "X-Ably-ErrorMessage", "no such thing"), new byte[0]));
		AblyRest rest = client(options("127.0.0.1", peer.port()));

		AblyException ex = catchThrowableOfType(AblyException.class, rest::time);

		assertThat(ex.code()).isEqualTo(40400);
		assertThat(ex.statusCode()).isEqualTo(404);
		assertThat(ex.getMessage()).isEqualTo("no such thing");
	}

	@Test
	void errorSynthesizedFromTheStatus() throws Exception {
		ScriptedPeer peer = peer("127.0.0.1", 0, r -> Reply.json(418, "<html>teapot</html>"));
		AblyRest rest = client(options("127.0.0.1", peer.port()));

		AblyException ex = catchThrowableOfType(AblyException.class, rest::time);

		assertThat(ex.code()).isEqualTo(41800);
		assertThat(ex.statusCode()).isEqualTo(418);
	}

	@Test
	void malformedSuccessBodyIs50000WithTheCodecErrorAsCause() throws Exception {
		ScriptedPeer peer = peer("127.0.0.1", 0, r -> Reply.json(200, "[{not json"));
		AblyRest rest = client(options("127.0.0.1", peer.port()));

		AblyException ex = catchThrowableOfType(AblyException.class, () -> rest.channels().get("c").history());

		assertThat(ex.code()).isEqualTo(50000);
		assertThat(ex.errorInfo().cause()).isNotNull();
		assertThat(ex.errorInfo().cause().code()).isEqualTo(40001);
	}

	@Test
	void unknownHostIs80000() {
		AblyRest rest = client(options("no-such-host.invalid", 80).httpOpenTimeout(Duration.ofSeconds(2)));

		AblyException ex = catchThrowableOfType(AblyException.class, rest::time);

		assertThat(ex.code()).isEqualTo(80000);
		assertThat(ex.getMessage()).contains("no-such-host.invalid");
	}

	@Test
	void asyncCallsFailWithAblyExceptionOnceClosed() throws Exception {
		ScriptedPeer peer = peer("127.0.0.1", 0, r -> time(1));
		AblyRest rest = client(options("127.0.0.1", peer.port()));
		rest.close();

		AblyException ex = catchThrowableOfType(AblyException.class, () -> Blocking.await(rest.timeAsync()));

		assertThat(ex.code()).isEqualTo(40000);
	}

	@Test
	void RSA4b_isTokenErrorRange() {
		assertThat(HttpCore.isTokenError(io.github.ablyspring.protocol.ErrorInfo.of(40140, 401, "x"))).isTrue();
		assertThat(HttpCore.isTokenError(io.github.ablyspring.protocol.ErrorInfo.of(40149, 401, "x"))).isTrue();
		assertThat(HttpCore.isTokenError(io.github.ablyspring.protocol.ErrorInfo.of(40150, 401, "x"))).isFalse();
		assertThat(HttpCore.isTokenError(io.github.ablyspring.protocol.ErrorInfo.of(40142, 400, "x"))).isFalse();
	}

	private static String b64(String s) {
		return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
	}
}
