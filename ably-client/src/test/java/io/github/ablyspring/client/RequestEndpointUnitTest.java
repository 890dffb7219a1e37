package io.github.ablyspring.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.http.Hosts;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code uts/rest/unit/request_endpoint.md} (RSC25). Which host a default or {@code endpoint} client talks to is read
 * from its {@link Hosts} (no DNS is mocked here); the request behaviour is checked with a scripted primary on
 * 127.0.0.2 and its fallback on 127.0.0.1, same port.
 */
class RequestEndpointUnitTest {

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

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private static ClientOptions.Builder primaryWithFallback(ScriptedPeer primary) {
		return ClientOptions.builder().key(KEY).endpoint("127.0.0.2").tls(false).port(primary.port())
			.fallbackHosts(List.of("127.0.0.1"));
	}

	@Test
	void RSC25_defaultPrimaryDomain() {
		assertThat(Hosts.of(ClientOptions.builder().key(KEY).build()).primary()).isEqualTo("main.realtime.ably.net");
	}

	@Test
	void RSC25_customEndpoint() {
		assertThat(Hosts.of(ClientOptions.builder().key(KEY).endpoint("test").build()).primary())
			.isEqualTo("test.realtime.ably.net");
	}

	@Test
	void RSC25_everyRequestGoesToThePrimary() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> Reply.json(200, "[1234567890000]"));
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> Reply.json(200, "[1234567890000]"));
		AblyRest client = client(primaryWithFallback(primary));

		client.time();
		client.time();
		client.time();

		assertThat(primary.received()).hasSize(3);
		assertThat(fallback.received()).isEmpty();
	}

	@Test
	void RSC25_primaryTriedBeforeAFallback() throws Exception {
		AtomicInteger count = new AtomicInteger();
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> {
			count.incrementAndGet();
			return Reply.json(500, "{\"error\":{\"code\":50000}}");
		});
		ScriptedPeer fallback = peer("127.0.0.1", primary.port(), r -> {
			count.incrementAndGet();
			return Reply.json(200, "[1234567890000]");
		});

		client(primaryWithFallback(primary)).time();

		assertThat(count).hasValue(2);
		assertThat(primary.received()).hasSize(1);
		assertThat(fallback.received()).hasSize(1);
	}

	@Test
	void RSC25_pathKeptOnThePrimary() throws Exception {
		ScriptedPeer primary = peer("127.0.0.2", 0, r -> Reply.json(200, "[]"));

		client(primaryWithFallback(primary)).channels().get("test-channel").history();

		assertThat(primary.received()).hasSize(1);
		assertThat(primary.received().get(0).path()).isEqualTo("/channels/test-channel/messages");
		assertThat(primary.received().get(0).method()).isEqualTo("GET");
	}
}
