package io.github.ablyspring.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.ablyspring.client.rest.BatchPresenceResult;
import io.github.ablyspring.client.rest.BatchPublishResult;
import io.github.ablyspring.client.rest.BatchPublishSpec;
import io.github.ablyspring.client.rest.BatchResult;
import io.github.ablyspring.client.rest.ChannelDetails;
import io.github.ablyspring.client.rest.HistoryParams;
import io.github.ablyspring.client.rest.HttpPaginatedResponse;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.rest.PresenceParams;
import io.github.ablyspring.client.rest.StatsParams;
import io.github.ablyspring.client.rest.TokenRevocationResult;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.client.support.PresenceMember;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.Stats;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The REST surface beyond publish/history against the embedded server: TS12, RSC19, RSC22, RSC24, RSL8, RSP, RSA17. */
class RestSurfaceIntegrationTest {

	private final List<AutoCloseable> resources = new ArrayList<>();

	private EmbeddedAblyServer server;

	@BeforeEach
	void start() {
		server = EmbeddedServer.start();
		resources.add(server);
	}

	@AfterEach
	void close() throws Exception {
		for (int i = resources.size() - 1; i >= 0; i--) {
			resources.get(i).close();
		}
	}

	private AblyRest client(boolean binary) {
		AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY)
			.useBinaryProtocol(binary).build());
		resources.add(rest);
		return rest;
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void RSC6_TS12_statsCountPublishedMessages(boolean binary) {
		AblyRest rest = client(binary);
		rest.channels().get("stats").publish("n", "d");

		PaginatedResult<Stats> page = rest.stats(new StatsParams(null, null, HistoryParams.Direction.BACKWARDS, 10,
				null));

		assertThat(page.items()).isNotEmpty();
		assertThat(page.items().get(0).intervalId()).isNotBlank();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void RSC19_requestPublishesAndReadsWithPagination(boolean binary) {
		AblyRest rest = client(binary);
		for (int i = 0; i < 3; i++) {
			ObjectNode message = Json.NODES.objectNode().put("name", "n").put("data", "m" + i);
			HttpPaginatedResponse posted = rest.request("POST", "/channels/req/messages", null, message,
					Map.of("X-Custom", "1"));
			assertThat(posted.success()).isTrue();
			assertThat(posted.statusCode()).isBetween(200, 201);
		}

		HttpPaginatedResponse page = rest.request("GET", "/channels/req/messages", Map.of("limit", "2"), null, null);

		assertThat(page.success()).isTrue();
		assertThat(page.errorCode()).isZero();
		assertThat(page.items()).extracting(n -> n.path("data").asString()).containsExactly("m2", "m1");
		assertThat(page.hasNext()).isTrue();
		HttpPaginatedResponse next = page.next();
		assertThat(next.items()).extracting(n -> n.path("data").asString()).containsExactly("m0");
	}

	@Test
	void HP5_HP6_HP7_requestErrorIsInTheResponse() {
		AblyRest rest = client(false);

		HttpPaginatedResponse response = rest.request("GET", "/no/such/endpoint", null, null, null);

		assertThat(response.success()).isFalse();
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.errorCode()).isEqualTo(40400);
		assertThat(response.errorMessage()).isNotBlank();
		assertThat(response.items()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void RSC22_batchPublishTo50Channels(boolean binary) {
		AblyRest rest = client(binary);
		List<String> channels = IntStream.range(0, 50).mapToObj(i -> "batch-" + binary + "-" + i).toList();

		BatchResult<BatchPublishResult> result = rest.batchPublish(
				new BatchPublishSpec(channels, List.of(Message.of("n", "one"), Message.of("n", "two"))));

		assertThat(result.successCount()).isEqualTo(50);
		assertThat(result.failureCount()).isZero();
		assertThat(result.results()).extracting(BatchPublishResult::channel).containsExactlyElementsOf(channels);
		assertThat(result.results()).allSatisfy(r -> {
			assertThat(r.isSuccess()).isTrue();
			assertThat(r.messageId()).isNotBlank();
			assertThat(r.serials()).hasSize(2);
		});
		for (String channel : List.of(channels.get(0), channels.get(49))) {
			assertThat(rest.channels().get(channel).history().items()).extracting(Message::data)
				.containsExactly("two", "one");
		}
	}

	@Test
	void RSC22_batchPublishFailurePerChannel() {
		AblyRest rest = client(false);

		BatchResult<BatchPublishResult> result = rest.batchPublish(
				new BatchPublishSpec(List.of("fine", "[invalid"), List.of(Message.of("n", "d"))));

		assertThat(result.successCount()).isEqualTo(1);
		assertThat(result.failureCount()).isEqualTo(1);
		assertThat(result.results().get(1).error()).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void RSP3_RSP4_RSC24_RSL8_presenceAndStatus(boolean binary) throws Exception {
		AblyRest rest = client(binary);
		resources.add(PresenceMember.enter(server.port(), EmbeddedServer.KEY, "alice", "room", "here"));
		resources.add(PresenceMember.enter(server.port(), EmbeddedServer.KEY, "bob", "room", "also"));

		PaginatedResult<PresenceMessage> members = rest.channels().get("room").presence().get();
		assertThat(members.items()).extracting(PresenceMessage::clientId).containsExactlyInAnyOrder("alice", "bob");
		assertThat(rest.channels().get("room").presence().get(new PresenceParams(null, "bob", null)).items())
			.extracting(PresenceMessage::data).containsExactly("also");

		PaginatedResult<PresenceMessage> history = rest.channels().get("room").presence()
			.history(HistoryParams.builder().direction(HistoryParams.Direction.FORWARDS).build());
		assertThat(history.items()).extracting(PresenceMessage::action).containsOnly(PresenceAction.ENTER);
		assertThat(history.items()).extracting(PresenceMessage::clientId).containsExactly("alice", "bob");

		BatchResult<BatchPresenceResult> batch = rest.batchPresence(List.of("room", "empty"));
		assertThat(batch.successCount()).isEqualTo(2);
		assertThat(batch.results().get(0).presence()).extracting(PresenceMessage::clientId)
			.containsExactlyInAnyOrder("alice", "bob");
		assertThat(batch.results().get(1).presence()).isEmpty();

		ChannelDetails details = rest.channels().get("room").status();
		assertThat(details.channelId()).isEqualTo("room");
		assertThat(details.isActive()).isTrue();
		assertThat(details.metric("presenceMembers")).isEqualTo(2);
	}

	@Test
	void RSA17_revokeTokensByClientId() {
		// A key with revocable tokens, from an app created through RSC19 request (as the UTS sandbox setup does).
		ObjectNode spec = Json.NODES.objectNode();
		spec.putArray("keys").addObject().put("revocableTokens", true);
		HttpPaginatedResponse app = client(false).request("POST", "/apps", null, spec, null);
		assertThat(app.statusCode()).isEqualTo(201);
		String key = app.items().get(0).path("keys").path(0).path("keyStr").asString();
		AblyRest admin = new AblyRest(EmbeddedServer.options(server).key(key).build());
		resources.add(admin);
		TokenDetails token = admin.auth().requestToken(TokenParams.builder().clientId("revoked").build());
		AblyRest user = new AblyRest(EmbeddedServer.options(server).tokenDetails(token).build());
		resources.add(user);
		user.channels().get("r").publish("n", "before");

		BatchResult<TokenRevocationResult> result = admin.auth().revokeTokens(List.of("clientId:revoked"), null,
				false);

		assertThat(result.successCount()).isEqualTo(1);
		assertThat(result.results().get(0).target()).isEqualTo("clientId:revoked");
		assertThat(result.results().get(0).issuedBefore()).isNotNull();
		assertThat(result.results().get(0).appliesAt()).isNotNull();
		AblyException ex = catchThrowableOfType(AblyException.class,
				() -> user.channels().get("r").publish("n", "after"));
		assertThat(ex.errorInfo().cause() != null ? ex.errorInfo().cause().code() : ex.code()).isEqualTo(40141);
	}
}
