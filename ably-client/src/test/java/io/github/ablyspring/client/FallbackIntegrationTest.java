package io.github.ablyspring.client;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;

/** RSC15 end to end: a primary host answering 503 and the embedded server as the fallback, on the same port. */
class FallbackIntegrationTest {

	@Test
	void RSC15l_retriesOnFallbackAfter503AndPublishesOnce() throws Exception {
		try (EmbeddedAblyServer server = EmbeddedServer.start();
				ScriptedPeer primary = ScriptedPeer.start("127.0.0.2", server.port(), r -> Reply.of(503));
				AblyRest rest = new AblyRest(EmbeddedServer.options(server).endpoint("127.0.0.2")
					.fallbackHosts(List.of("127.0.0.1")).key(EmbeddedServer.KEY).build())) {

			rest.channels().get("orders").publish("created", "order-1");

			assertThat(primary.received()).hasSize(1);
			List<Message> history = rest.channels().get("orders").history().items();
			assertThat(history).extracting(Message::data).containsExactly("order-1");
		}
	}

	@Test
	void RSC16_timeFromTheServer() {
		try (EmbeddedAblyServer server = EmbeddedServer.start();
				AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).build())) {
			long before = System.currentTimeMillis();
			assertThat(rest.time()).isBetween(before - 60_000, before + 60_000);
		}
	}
}
