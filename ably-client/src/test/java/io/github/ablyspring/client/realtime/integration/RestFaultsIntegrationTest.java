package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.rest.HistoryParams;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * UTS realtime/integration/proxy/rest_faults.md against the embedded server: the proxy's HTTP responses become
 * {@code server.faults().failRestRequests}. The embedded server is addressed by IP, so there are no fallback hosts
 * (REC2c2).
 */
class RestFaultsIntegrationTest {

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
	void RSC10_tokenErrorOnARestRequestRenewsTheTokenAndRetries() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		try (AblyRest client = new AblyRest(EmbeddedServer.options(server).authCallback(params -> {
			calls.incrementAndGet();
			return IntegrationSupport.jwt(3600, null);
		}).build())) {
			server.faults().failRestRequests(1, ErrorInfo.of(40142, 401, "Token expired"));
			client.channels().get(IntegrationSupport.randomName("test-RSC10")).publish("test-event", "hello");

			assertThat(calls.get()).as("initial token and the renewal after the 401").isGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void RSC15m_REC2c2_503WithoutFallbackHostsFailsAtOnce() throws Exception {
		try (AblyRest client = new AblyRest(EmbeddedServer.options(server)
			.authCallback(params -> IntegrationSupport.jwt(3600, null))
			.build())) {
			String name = IntegrationSupport.randomName("test-RSC15m-503-error");
			server.faults().failRestRequests(1, ErrorInfo.of(50300, 503, "Service temporarily unavailable"));
			AblyException error = catchThrowableOfType(AblyException.class,
					() -> client.channels().get(name).publish("test-event", "hello"));

			// Had the client retried (on the same host, there being no fallback), the retry would have succeeded.
			assertThat(error).isNotNull();
			assertThat(error.errorInfo().code()).isEqualTo(50300);
			assertThat(error.errorInfo().statusCode()).isEqualTo(503);
			assertThat(client.channels().get(name).history(HistoryParams.DEFAULTS).items()).isEmpty();
		}
	}

	@Test
	void RTL6_realtimePublishThenRestHistory() throws Exception {
		String name = IntegrationSupport.randomName("test-RTL6-publish-history");
		try (AblyRealtime realtime = IntegrationSupport.connected(EmbeddedServer.options(server)
			.authCallback(params -> IntegrationSupport.jwt(3600, null))
			.autoConnect(false)
			.build());
				AblyRest rest = new AblyRest(EmbeddedServer.options(server)
					.authCallback(params -> IntegrationSupport.jwt(3600, null))
					.build())) {
			RealtimeChannel channel = realtime.channels().get(name);
			channel.attach().get(10, TimeUnit.SECONDS);
			channel.publish("test-msg", "hello world").get(10, TimeUnit.SECONDS);

			PaginatedResult<Message> history = await().atMost(Duration.ofSeconds(10))
				.until(() -> rest.channels().get(name).history(HistoryParams.DEFAULTS), page -> !page.items().isEmpty());
			assertThat(history.items()).extracting(Message::name, Message::data)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("test-msg", "hello world"));
		}
	}
}
