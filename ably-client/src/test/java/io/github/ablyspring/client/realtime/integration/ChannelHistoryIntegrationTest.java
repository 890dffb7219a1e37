package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.rest.HistoryParams;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

/** UTS realtime/integration/channel_history_test.md against the embedded server. */
class ChannelHistoryIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void RTL10d_historyHoldsAnotherClientsMessages() throws Exception {
		String name = IntegrationSupport.randomName("history-RTL10d");
		try (AblyRealtime publisher = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build());
				AblyRealtime subscriber = IntegrationSupport
					.connected(IntegrationSupport.options(server, "json").build())) {
			RealtimeChannel out = publisher.channels().get(name);
			RealtimeChannel in = subscriber.channels().get(name);
			out.attach().get(10, TimeUnit.SECONDS);
			in.attach().get(10, TimeUnit.SECONDS);
			for (int i = 1; i <= 3; i++) {
				out.publish("event" + i, "data" + i).get(10, TimeUnit.SECONDS);
			}

			PaginatedResult<Message> history = await().atMost(Duration.ofSeconds(10))
				.until(() -> in.historyAsync(HistoryParams.DEFAULTS).get(5, TimeUnit.SECONDS),
						page -> page.items().size() == 3);
			// Newest first by default.
			assertThat(history.items()).extracting(Message::name, Message::data)
				.containsExactlyElementsOf(List.of(tuple("event3", "data3"), tuple("event2", "data2"),
						tuple("event1", "data1")));
		}
	}
}
