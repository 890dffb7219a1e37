package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code uts/rest/integration/batch_presence.md} (RSC24, BGR2, BGF2), line by line against the embedded server, in
 * JSON and msgpack. The restricted key is limited to {@code channel6}, as the sandbox app's {@code keys[2]}; the
 * members of the restricted case stay entered during the query (the UTS closes its realtime client first, relying on
 * the sandbox's delayed leave).
 */
class BatchPresenceIntegrationTest {

	private static final String RESTRICTED_KEY = "app.restricted:secret2";

	private static EmbeddedAblyServer server;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key(EmbeddedServer.KEY).key(RESTRICTED_KEY, "{\"channel6\":[\"*\"]}")
			.build().start();
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

	private AblyRealtime realtime(boolean msgpack) throws Exception {
		AblyRealtime realtime = new AblyRealtime(EmbeddedServer.options(server).key(EmbeddedServer.KEY)
			.useBinaryProtocol(msgpack).build());
		resources.add(realtime);
		return realtime;
	}

	private static void enter(AblyRealtime realtime, String channel, String clientId, String data) throws Exception {
		RealtimeChannel ch = realtime.channels().get(channel);
		ch.attach().get(10, TimeUnit.SECONDS);
		ch.presence().enterClient(clientId, data).get(10, TimeUnit.SECONDS);
	}

	private AblyRest rest(boolean msgpack, String key) {
		AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(key).useBinaryProtocol(msgpack).build());
		resources.add(rest);
		return rest;
	}

	private static BatchPresenceResult find(BatchResult<BatchPresenceResult> result, String channel) {
		return result.results().stream().filter(r -> r.channel().equals(channel)).findFirst().orElseThrow();
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSC24_BGR2_membersAcrossChannels(boolean msgpack) throws Exception {
		String a = "batch-presence-a-" + UUID.randomUUID();
		String b = "batch-presence-b-" + UUID.randomUUID();
		AblyRealtime realtime = realtime(msgpack);
		enter(realtime, a, "user-1", "data-a1");
		enter(realtime, a, "user-2", "data-a2");
		enter(realtime, b, "user-3", "data-b1");

		BatchResult<BatchPresenceResult> result = rest(msgpack, EmbeddedServer.KEY).batchPresence(List.of(a, b));

		assertThat(result.successCount()).isEqualTo(2);
		assertThat(result.failureCount()).isZero();
		assertThat(result.results()).hasSize(2);
		BatchPresenceResult resultA = find(result, a);
		assertThat(resultA.error()).isNull();
		assertThat(resultA.presence()).extracting(PresenceMessage::clientId).containsExactlyInAnyOrder("user-1",
				"user-2");
		assertThat(resultA.presence()).filteredOn(m -> m.clientId().equals("user-1")).singleElement()
			.extracting(PresenceMessage::data).isEqualTo("data-a1");
		BatchPresenceResult resultB = find(result, b);
		assertThat(resultB.error()).isNull();
		assertThat(resultB.presence()).singleElement().satisfies(m -> {
			assertThat(m.clientId()).isEqualTo("user-3");
			assertThat(m.data()).isEqualTo("data-b1");
		});
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSC24_BGF2_restrictedKeyFailsPerChannel(boolean msgpack) throws Exception {
		String allowed = "channel6";
		String denied = "denied-batch-" + UUID.randomUUID();
		AblyRealtime realtime = realtime(msgpack);
		enter(realtime, allowed, "member-1-" + msgpack, "hello");
		enter(realtime, denied, "member-2", "world");

		BatchResult<BatchPresenceResult> result = rest(msgpack, RESTRICTED_KEY).batchPresence(List.of(allowed, denied));

		assertThat(result.successCount()).isEqualTo(1);
		assertThat(result.failureCount()).isEqualTo(1);
		assertThat(result.results()).hasSize(2);
		BatchPresenceResult success = find(result, allowed);
		assertThat(success.error()).isNull();
		assertThat(success.presence()).extracting(PresenceMessage::clientId).contains("member-1-" + msgpack);
		BatchPresenceResult failure = find(result, denied);
		assertThat(failure.error()).isNotNull();
		assertThat(failure.error().code()).isEqualTo(40160);
		assertThat(failure.error().statusCode()).isEqualTo(401);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSC24_anEmptyChannelHasNoMembers(boolean msgpack) throws Exception {
		String empty = "batch-empty-" + UUID.randomUUID();
		String populated = "batch-populated-" + UUID.randomUUID();
		enter(realtime(msgpack), populated, "someone", "here");

		BatchResult<BatchPresenceResult> result = rest(msgpack, EmbeddedServer.KEY)
			.batchPresence(List.of(empty, populated));

		assertThat(result.successCount()).isEqualTo(2);
		assertThat(result.failureCount()).isZero();
		assertThat(find(result, empty).presence()).isEmpty();
		assertThat(find(result, populated).presence()).singleElement().extracting(PresenceMessage::clientId)
			.isEqualTo("someone");
	}
}
