package io.github.ablyspring.client.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
import io.github.ablyspring.protocol.PresenceAction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code uts/rest/unit/batch_presence.md} (RSC24, BAR2, BGR2, BGF2), line by line, against a scripted peer. */
class BatchPresenceUnitTest {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	private ScriptedPeer peer(Reply reply) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start("127.0.0.1", 0, r -> reply);
		resources.add(peer);
		return peer;
	}

	private static Reply envelope(int success, int failure, String results) {
		return Reply.json(200, "{\"successCount\":" + success + ",\"failureCount\":" + failure + ",\"results\":"
				+ results + "}");
	}

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private AblyRest client(ScriptedPeer peer) {
		return client(UtsPeer.options(peer).key("fake.key:secret"));
	}

	private static String channelsParam(Received r) {
		for (String pair : r.query().split("&")) {
			if (pair.startsWith("channels=")) {
				return URLDecoder.decode(pair.substring("channels=".length()), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

	@Test
	void RSC24_1_getPresenceWithTheChannelsParam() throws Exception {
		ScriptedPeer peer = peer(envelope(2, 0, "[{\"channel\":\"channel-a\",\"presence\":[]},"
				+ "{\"channel\":\"channel-b\",\"presence\":[]}]"));

		client(peer).batchPresence(List.of("channel-a", "channel-b"));

		assertThat(peer.received()).hasSize(1);
		assertThat(peer.received().get(0).method()).isEqualTo("GET");
		assertThat(peer.received().get(0).path()).isEqualTo("/presence");
		assertThat(channelsParam(peer.received().get(0))).isEqualTo("channel-a,channel-b");
	}

	@Test
	void RSC24_2_aSingleChannel() throws Exception {
		ScriptedPeer peer = peer(envelope(1, 0, "[{\"channel\":\"my-channel\",\"presence\":[]}]"));

		client(peer).batchPresence(List.of("my-channel"));

		assertThat(channelsParam(peer.received().get(0))).isEqualTo("my-channel");
	}

	@Test
	void RSC24_3_specialCharactersAreCommaJoined() throws Exception {
		ScriptedPeer peer = peer(envelope(2, 0, "[{\"channel\":\"foo:bar\",\"presence\":[]},"
				+ "{\"channel\":\"baz/qux\",\"presence\":[]}]"));

		client(peer).batchPresence(List.of("foo:bar", "baz/qux"));

		assertThat(channelsParam(peer.received().get(0))).isEqualTo("foo:bar,baz/qux");
	}

	@Test
	void BAR2_1_countsOfAMixedResponse() throws Exception {
		BatchResult<BatchPresenceResult> result = client(peer(envelope(3, 1, "[{\"channel\":\"ch-1\",\"presence\":[]},"
				+ "{\"channel\":\"ch-2\",\"presence\":[]},{\"channel\":\"ch-3\",\"presence\":[]},{\"channel\":\"ch-4\","
				+ "\"error\":{\"code\":40160,\"statusCode\":401,\"message\":\"Not permitted\"}}]")))
			.batchPresence(List.of("ch-1", "ch-2", "ch-3", "ch-4"));

		assertThat(result.successCount()).isEqualTo(3);
		assertThat(result.failureCount()).isEqualTo(1);
		assertThat(result.results()).hasSize(4);
	}

	@Test
	void BAR2_2_allSuccess() throws Exception {
		BatchResult<BatchPresenceResult> result = client(peer(envelope(2, 0,
				"[{\"channel\":\"ch-a\",\"presence\":[]},{\"channel\":\"ch-b\",\"presence\":[]}]")))
			.batchPresence(List.of("ch-a", "ch-b"));

		assertThat(result.successCount()).isEqualTo(2);
		assertThat(result.failureCount()).isZero();
		assertThat(result.results()).hasSize(2);
	}

	@Test
	void BAR2_3_allFailure() throws Exception {
		String error = "\"error\":{\"code\":40160,\"statusCode\":401,\"message\":\"Not permitted\"}";
		BatchResult<BatchPresenceResult> result = client(peer(envelope(0, 2, "[{\"channel\":\"ch-a\"," + error
				+ "},{\"channel\":\"ch-b\"," + error + "}]"))).batchPresence(List.of("ch-a", "ch-b"));

		assertThat(result.successCount()).isZero();
		assertThat(result.failureCount()).isEqualTo(2);
		assertThat(result.results()).hasSize(2);
	}

	@Test
	void BGR2_1_successWithMembers() throws Exception {
		BatchResult<BatchPresenceResult> result = client(peer(envelope(1, 0, "[{\"channel\":\"my-channel\","
				+ "\"presence\":[{\"clientId\":\"client-1\",\"action\":1,\"connectionId\":\"conn-abc\","
				+ "\"id\":\"conn-abc:0:0\",\"timestamp\":1700000000000,\"data\":\"hello\"},{\"clientId\":\"client-2\","
				+ "\"action\":1,\"connectionId\":\"conn-def\",\"id\":\"conn-def:0:0\",\"timestamp\":1700000000000,"
				+ "\"data\":{\"key\":\"value\"}}]}]"))).batchPresence(List.of("my-channel"));

		BatchPresenceResult success = result.results().get(0);
		assertThat(success.error()).isNull();
		assertThat(success.channel()).isEqualTo("my-channel");
		assertThat(success.presence()).hasSize(2);
		assertThat(success.presence().get(0).clientId()).isEqualTo("client-1");
		assertThat(success.presence().get(0).action()).isEqualTo(PresenceAction.PRESENT);
		assertThat(success.presence().get(0).connectionId()).isEqualTo("conn-abc");
		assertThat(success.presence().get(0).data()).isEqualTo("hello");
		assertThat(success.presence().get(1).clientId()).isEqualTo("client-2");
		assertThat(((JsonNode) success.presence().get(1).data()).get("key").asString()).isEqualTo("value");
	}

	@Test
	void BGR2_2_successWithoutMembers() throws Exception {
		BatchPresenceResult success = client(peer(envelope(1, 0, "[{\"channel\":\"empty-channel\",\"presence\":[]}]")))
			.batchPresence(List.of("empty-channel")).results().get(0);

		assertThat(success.error()).isNull();
		assertThat(success.channel()).isEqualTo("empty-channel");
		assertThat(success.presence()).isEmpty();
	}

	@Test
	void BGF2_1_failureWithTheError() throws Exception {
		BatchPresenceResult failure = client(peer(envelope(0, 1, "[{\"channel\":\"restricted-channel\",\"error\":{"
				+ "\"code\":40160,\"statusCode\":401,\"message\":\"Channel operation not permitted\"}}]")))
			.batchPresence(List.of("restricted-channel")).results().get(0);

		assertThat(failure.channel()).isEqualTo("restricted-channel");
		assertThat(failure.error()).isNotNull();
		assertThat(failure.error().code()).isEqualTo(40160);
		assertThat(failure.error().statusCode()).isEqualTo(401);
		assertThat(failure.error().message()).contains("not permitted");
	}

	@Test
	void RSC24_Mixed_1_successAndFailure() throws Exception {
		BatchResult<BatchPresenceResult> result = client(peer(envelope(1, 1, "[{\"channel\":\"allowed-channel\","
				+ "\"presence\":[{\"clientId\":\"user-1\",\"action\":1,\"connectionId\":\"conn-1\",\"id\":\"conn-1:0:0\","
				+ "\"timestamp\":1700000000000}]},{\"channel\":\"restricted-channel\",\"error\":{\"code\":40160,"
				+ "\"statusCode\":401,\"message\":\"Not permitted\"}}]")))
			.batchPresence(List.of("allowed-channel", "restricted-channel"));

		assertThat(result.successCount()).isEqualTo(1);
		assertThat(result.failureCount()).isEqualTo(1);
		assertThat(result.results().get(0).error()).isNull();
		assertThat(result.results().get(0).presence().get(0).clientId()).isEqualTo("user-1");
		assertThat(result.results().get(1).channel()).isEqualTo("restricted-channel");
		assertThat(result.results().get(1).error().code()).isEqualTo(40160);
	}

	@Test
	void RSC24_Error_1_serverErrorIsThrown() throws Exception {
		AblyException error = catchThrowableOfType(AblyException.class, () -> client(
				peer(UtsPeer.error(500, 50000, "Internal error"))).batchPresence(List.of("any-channel")));

		assertThat(error.code()).isEqualTo(50000);
		assertThat(error.errorInfo().statusCode()).isEqualTo(500);
	}

	@Test
	void RSC24_Error_2_authenticationErrorIsThrown() throws Exception {
		AblyException error = catchThrowableOfType(AblyException.class, () -> client(
				peer(UtsPeer.error(401, 40101, "Invalid credentials"))).batchPresence(List.of("any-channel")));

		assertThat(error.code()).isEqualTo(40101);
		assertThat(error.errorInfo().statusCode()).isEqualTo(401);
	}

	@Test
	void RSC24_Auth_1_theConfiguredAuthentication() throws Exception {
		ScriptedPeer peer = peer(envelope(1, 0, "[{\"channel\":\"ch\",\"presence\":[]}]"));

		client(peer).batchPresence(List.of("ch"));
		client(UtsPeer.options(peer).token("a-token")).batchPresence(List.of("ch"));

		assertThat(peer.received().get(0).header("Authorization")).startsWith("Basic ");
		assertThat(peer.received().get(1).header("Authorization")).startsWith("Bearer ");
	}
}
