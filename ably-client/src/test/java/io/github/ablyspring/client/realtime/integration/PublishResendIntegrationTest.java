package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.rest.HistoryParams;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * RTN19a with RTN7: a publish whose NACK is lost with the transport is re-sent on resume, and must fail then, not
 * succeed: an ACK would tell the publisher a message was accepted that nobody will ever receive. (Found by the chaos
 * test: the embedded server ACKed the re-send of a NACKed msgSerial as a duplicate.)
 */
class PublishResendIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.faults().resumeFrames();
		server.close();
	}

	@Test
	void RTN19a_RTN7_nackLostWithTheTransportIsNotTurnedIntoAnAck() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build())) {
			RealtimeChannel channel = client.channels().get(IntegrationSupport.randomName("nack-resend"));
			channel.attach().get(10, TimeUnit.SECONDS);
			String connectionId = client.connection().id();

			server.faults().nackPublishes(1, ErrorInfo.of(50_042, 500, "refused once"));
			server.faults().pauseFrames();
			CompletableFuture<PublishResult> publish = channel.publish("m", "refused");
			// The server has answered (NACK), but the answer is stuck in its outbound queue...
			await().atMost(Duration.ofSeconds(5)).until(() -> server.faults().pendingNacks() == 0);
			// ... and is lost with the transport; the client resumes and re-sends the publish.
			server.faults().dropConnections(connectionId);
			await().atMost(Duration.ofSeconds(5)).until(() -> client.connection().state() != ConnectionState.CONNECTED);
			server.faults().resumeFrames();
			ExecutionException failure = catchThrowableOfType(ExecutionException.class,
					() -> publish.get(10, TimeUnit.SECONDS));

			assertThat(failure).as("the re-sent publish must not be ACKed").isNotNull();
			assertThat(failure.getCause()).isInstanceOf(AblyException.class);
			assertThat(((AblyException) failure.getCause()).errorInfo().code()).isEqualTo(50_042);
			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
			assertThat(client.connection().id()).as("resumed").isEqualTo(connectionId);
			assertThat(channel.history(HistoryParams.DEFAULTS).items()).isEmpty();
		}
	}
}
