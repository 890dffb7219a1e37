package io.github.ablyspring.client.realtime;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.rest.HistoryParams;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RealtimePresence#history (uts/realtime/unit/presence/realtime_presence_history.md): the channel on the scripted
 * WebSocket, the REST request answered by a scripted HTTP peer on the loopback address.
 */
class RealtimePresenceHistoryUnitTest extends PresenceUnitTestBase {

	ScriptedPeer rest;

	@AfterEach
	void closeRest() {
		if (rest != null) {
			rest.close();
		}
	}

	void connectWithRest(Function<ScriptedPeer.Received, ScriptedPeer.Reply> script) throws Exception {
		rest = ScriptedPeer.start("127.0.0.1", 0, script);
		connectWith(RealtimeUnitSupport.options(mock, clock).endpoint("127.0.0.1").port(rest.port())
			.useBinaryProtocol(false));
		await(channel().attach());
	}

	static Map<String, String> query(String raw) {
		Map<String, String> params = new LinkedHashMap<>();
		if (raw != null && !raw.isEmpty()) {
			for (String pair : raw.split("&")) {
				int eq = pair.indexOf('=');
				params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return params;
	}

	@Test
	void RTP12a_historyTakesTheParamsOfRestPresenceHistory() throws Exception {
		connectWithRest(r -> ScriptedPeer.Reply.json(200, "[]"));

		PaginatedResult<PresenceMessage> result = channel().presence().history(HistoryParams.builder().start(1000L)
			.end(2000L).direction(HistoryParams.Direction.BACKWARDS).limit(50).build());

		assertThat(result.items()).isEmpty();
		assertThat(rest.received()).singleElement().satisfies(request -> {
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo("/channels/" + CHANNEL + "/presence/history");
			assertThat(query(request.query())).containsEntry("start", "1000").containsEntry("end", "2000")
				.containsEntry("direction", "backwards").containsEntry("limit", "50");
		});
	}

	@Test
	void RTP12c_historyReturnsAPageOfPresenceMessages() throws Exception {
		connectWithRest(r -> ScriptedPeer.Reply.json(200, """
				[{"action":2,"clientId":"alice","timestamp":1000},
				 {"action":4,"clientId":"alice","timestamp":2000},
				 {"action":3,"clientId":"alice","timestamp":3000}]"""));

		PaginatedResult<PresenceMessage> result = await(channel().presence().historyAsync(HistoryParams.DEFAULTS));

		assertThat(result.items()).hasSize(3);
		assertThat(result.items()).extracting(PresenceMessage::clientId).containsOnly("alice");
		assertThat(result.items()).extracting(PresenceMessage::action).containsExactly(PresenceAction.ENTER,
				PresenceAction.UPDATE, PresenceAction.LEAVE);
		assertThat(result.hasNext()).isFalse();
	}
}
