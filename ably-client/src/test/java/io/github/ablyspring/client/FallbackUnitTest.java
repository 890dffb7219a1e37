package io.github.ablyspring.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.http.Hosts;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.protocol.AblyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/fallback.md} (RSC15, REC1, REC2), line by line where a loopback can stand in for DNS: the
 * primary is a scripted peer on 127.0.0.2 and the fallbacks peers on 127.0.0.1 and 127.0.0.3, all on one port; the
 * host a default or {@code endpoint} client would use is read from {@link Hosts}. Not translated here: the RSC15f
 * expiry cases (a fake clock: {@code http/HttpCoreTest}), the connection-timeout case (no portable unroutable
 * address; the request-timeout case stands for it), {@code fallbackHostsUseDefault} (deprecated, not supported) and
 * REC3 (the realtime connectivity check: {@code realtime/ConnectionFallbackHostsUnitTest}).
 */
class FallbackUnitTest {

	private static final String KEY = "appId.keyId:keySecret";

	private static final Reply TIME = Reply.json(200, "[1234567890000]");

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

	private static ClientOptions.Builder options(String primary, int port, List<String> fallbacks) {
		return ClientOptions.builder().key(KEY).endpoint(primary).tls(false).port(port).fallbackHosts(fallbacks);
	}

	private static Reply error(int status) {
		return Reply.json(status, "{\"error\":{\"code\":" + status * 100 + "}}");
	}

	@Test
	void RSC15m_noFallbackWithoutFallbackHosts() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> error(500));

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> client(options("127.0.0.2", primary.port(), List.of())).time());

		assertThat(primary.received()).hasSize(1);
		assertThat(error.errorInfo().statusCode()).isEqualTo(500);
	}

	@Test
	void RSC15a_fallbacksInRandomOrder() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> error(500));
		int port = primary.port();
		List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
		peer("127.0.0.1", port, r -> {
			order.add("127.0.0.1");
			return error(500);
		});
		peer("127.0.0.3", port, r -> {
			order.add("127.0.0.3");
			return error(500);
		});
		Set<String> firstFallbacks = new HashSet<>();

		for (int i = 0; i < 20 && firstFallbacks.size() < 2; i++) {
			order.clear();
			catchThrowableOfType(AblyException.class,
					() -> client(options("127.0.0.2", port, List.of("127.0.0.1", "127.0.0.3"))).time());
			assertThat(order).containsExactlyInAnyOrder("127.0.0.1", "127.0.0.3");
			firstFallbacks.add(order.get(0));
		}

		assertThat(firstFallbacks).hasSize(2);
	}

	@Test
	void RSC15l_qualifyingStatusesFallBackOthersDoNot() throws Exception {
		for (int status : new int[] { 500, 501, 502, 503, 504 }) {
			ScriptedPeer primary = peer("127.0.0.2", 0, r -> error(status));
			ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> TIME);
			client(options("127.0.0.2", primary.port(), List.of("127.0.0.1"))).time();
			assertThat(fallback.received()).as("status " + status).hasSize(1);
		}
		for (int status : new int[] { 400, 401, 404 }) {
			ScriptedPeer primary = peer("127.0.0.2", 0, r -> error(status));
			ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> TIME);
			catchThrowableOfType(AblyException.class,
					() -> client(options("127.0.0.2", primary.port(), List.of("127.0.0.1"))).time());
			assertThat(primary.received()).hasSize(1);
			assertThat(fallback.received()).as("status " + status).isEmpty();
		}
	}

	@Test
	void RSC15l4_cloudFrontErrorsFallBack() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> new Reply(403, Map.of("Content-Type", "application/json",
				"Server", "CloudFront"), "{\"error\":\"Forbidden\"}".getBytes()));
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> TIME);

		client(options("127.0.0.2", primary.port(), List.of("127.0.0.1"))).time();

		assertThat(primary.received()).hasSize(1);
		assertThat(fallback.received()).hasSize(1);
	}

	@Test
	void RSC15l_connectionRefusedFallsBack() throws Exception {
		ScriptedPeer fallback = peer("127.0.0.1", 0, r -> TIME);

		long result = client(options("127.0.0.4", fallback.port(), List.of("127.0.0.1"))).time();

		assertThat(result).isEqualTo(1234567890000L);
		assertThat(fallback.received()).hasSize(1);
	}

	@Test
	void RSC15l_dnsErrorFallsBack() throws Exception {
		ScriptedPeer fallback = peer("127.0.0.1", 0, r -> TIME);

		long result = client(options("primary.invalid", fallback.port(), List.of("127.0.0.1"))).time();

		assertThat(result).isEqualTo(1234567890000L);
		assertThat(fallback.received()).hasSize(1);
	}

	@Test
	void RSC15l_requestTimeoutFallsBack() throws Exception {
		ScriptedPeer hanging = peer("127.0.0.2", 0, r -> {
			try {
				Thread.sleep(3000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return TIME;
		});
		ScriptedPeer fallback = peer("127.0.0.1", hanging.port(), r -> TIME);

		long result = client(options("127.0.0.2", hanging.port(), List.of("127.0.0.1"))
			.httpRequestTimeout(Duration.ofMillis(500))).time();

		assertThat(result).isEqualTo(1234567890000L);
		assertThat(hanging.received()).hasSize(1);
		assertThat(fallback.received()).hasSize(1);
	}

	@Test
	void RSC15j_hostHeaderOfEachHost() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> error(500));
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> TIME);

		client(options("127.0.0.2", primary.port(), List.of("127.0.0.1"))).time();

		String host1 = primary.received().get(0).header("Host");
		String host2 = fallback.received().get(0).header("Host");
		assertThat(host1).startsWith("127.0.0.2");
		assertThat(host2).startsWith("127.0.0.1");
		assertThat(host1).isNotEqualTo(host2);
	}

	@Test
	void RSC15f_aSuccessfulFallbackIsUsedNext() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> error(500));
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> TIME);
		AblyRest client = client(options("127.0.0.2", primary.port(), List.of("127.0.0.1")));

		client.time();
		client.time();

		assertThat(primary.received()).hasSize(1);
		assertThat(fallback.received()).hasSize(2);
	}

	@Test
	void REC1_primaryDomains() {
		assertThat(Hosts.of(ClientOptions.builder().key(KEY).build()).primary()).isEqualTo("main.realtime.ably.net");
		assertThat(primary(b -> b.endpoint("custom.ably.example.com"))).isEqualTo("custom.ably.example.com");
		assertThat(primary(b -> b.endpoint("localhost"))).isEqualTo("localhost");
		assertThat(primary(b -> b.endpoint("::1"))).isIn("::1", "[::1]");
		assertThat(primary(b -> b.endpoint("nonprod:staging"))).isEqualTo("staging.realtime.ably-nonprod.net");
		assertThat(primary(b -> b.endpoint("test"))).isEqualTo("test.realtime.ably.net");
		assertThat(primary(b -> b.environment("sandbox"))).isEqualTo("sandbox.realtime.ably.net");
		assertThat(primary(b -> b.restHost("custom.rest.example.com"))).isEqualTo("custom.rest.example.com");
		assertThat(primary(b -> b.realtimeHost("custom.realtime.example.com")))
			.isEqualTo("custom.realtime.example.com");
		assertThat(primary(b -> b.restHost("rest.example.com").realtimeHost("realtime.example.com")))
			.isEqualTo("rest.example.com");
	}

	@Test
	void REC1b1_REC1c1_conflictingOptions() {
		List<java.util.function.UnaryOperator<ClientOptions.Builder>> conflicts = List.of(
				b -> b.endpoint("test").environment("production"), b -> b.endpoint("test").restHost("custom.host.com"),
				b -> b.endpoint("test").realtimeHost("custom.realtime.com"),
				b -> b.environment("sandbox").restHost("custom.host.com"),
				b -> b.environment("sandbox").realtimeHost("custom.realtime.com"));
		for (var conflict : conflicts) {
			AblyException error = catchThrowableOfType(AblyException.class,
					() -> conflict.apply(ClientOptions.builder().key(KEY)).build());
			assertThat(error.code()).isEqualTo(40000);
		}
	}

	@Test
	void REC2_fallbackDomains() {
		assertThat(fallbacks(b -> b)).containsExactlyInAnyOrder("main.a.fallback.ably-realtime.com",
				"main.b.fallback.ably-realtime.com", "main.c.fallback.ably-realtime.com",
				"main.d.fallback.ably-realtime.com", "main.e.fallback.ably-realtime.com");
		assertThat(fallbacks(b -> b.fallbackHosts(List.of("fb1.example.com", "fb2.example.com", "fb3.example.com"))))
			.containsExactly("fb1.example.com", "fb2.example.com", "fb3.example.com");
		assertThat(fallbacks(b -> b.endpoint("custom.ably.example.com"))).isEmpty();
		assertThat(fallbacks(b -> b.endpoint("nonprod:staging")))
			.allSatisfy(h -> assertThat(h).matches("staging\\.[a-e]\\.fallback\\.ably-realtime-nonprod\\.com"));
		assertThat(fallbacks(b -> b.endpoint("test")))
			.allSatisfy(h -> assertThat(h).matches("test\\.[a-e]\\.fallback\\.ably-realtime\\.com"));
		assertThat(fallbacks(b -> b.environment("sandbox")))
			.allSatisfy(h -> assertThat(h).matches("sandbox\\.[a-e]\\.fallback\\.ably-realtime\\.com"));
		assertThat(fallbacks(b -> b.restHost("custom.rest.example.com"))).isEmpty();
		assertThat(fallbacks(b -> b.realtimeHost("custom.realtime.example.com"))).isEmpty();
	}

	private static String primary(java.util.function.UnaryOperator<ClientOptions.Builder> options) {
		return Hosts.of(options.apply(ClientOptions.builder().key(KEY)).build()).primary();
	}

	private static List<String> fallbacks(java.util.function.UnaryOperator<ClientOptions.Builder> options) {
		return Hosts.of(options.apply(ClientOptions.builder().key(KEY)).build()).fallbacks();
	}
}
