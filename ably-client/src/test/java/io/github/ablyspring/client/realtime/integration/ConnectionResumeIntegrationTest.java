package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ChannelState;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * UTS realtime/integration/proxy/connection_resume.md tests 8 (RTN15c7), 22 (RTN15g) and channel_faults test 25
 * (RTL3d) against the embedded server. Where the proxy forged a CONNECTED, the server really loses the connection:
 * it restarts on the same port (a failed resume), or discards it after a short connectionStateTtl.
 */
class ConnectionResumeIntegrationTest {

	@Test
	void RTN15c7_RTL3d_failedResumeIsANewConnectionWithAnErrorAndChannelsReattach() throws Exception {
		EmbeddedAblyServer first = EmbeddedServer.start();
		int port = first.port();
		EmbeddedAblyServer second = null;
		try (AblyRealtime client = IntegrationSupport.connected(IntegrationSupport.options(first, "json")
			.realtime(r -> r.disconnectedRetryTimeout(Duration.ofMillis(300)))
			.build())) {
			RealtimeChannel channel = client.channels().get(IntegrationSupport.randomName("failed-resume"));
			List<String> received = new CopyOnWriteArrayList<>();
			channel.subscribe(m -> received.add((String) m.data()));
			channel.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			String originalId = client.connection().id();
			String originalKey = client.connection().key();

			// The server goes away and comes back knowing nothing of the connection.
			first.close();
			await().atMost(Duration.ofSeconds(10)).until(() -> client.connection().state() != ConnectionState.CONNECTED);
			second = EmbeddedAblyServer.builder().key(EmbeddedServer.KEY).port(port).build().start();

			await().atMost(Duration.ofSeconds(15)).until(() -> client.connection().state() == ConnectionState.CONNECTED);
			assertThat(client.connection().id()).isNotNull().isNotEqualTo(originalId);
			assertThat(client.connection().key()).isNotNull().isNotEqualTo(originalKey);
			assertThat(client.connection().errorReason()).as("why the resume failed").isNotNull();
			assertThat(client.connection().errorReason().code()).isIn(80008, 80018);

			// RTL3d / RTN15c7: the channel attaches again on the new connection and delivery goes on.
			await().atMost(Duration.ofSeconds(10)).until(() -> channel.state() == ChannelState.ATTACHED);
			channel.publish("m", "after failed resume").get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("after failed resume"));
		}
		finally {
			first.close();
			if (second != null) {
				second.close();
			}
		}
	}

	@Test
	void RTN15g_RTN15g2_afterTheStateTtlTheClientConnectsAfresh() throws Exception {
		EmbeddedAblyServer server = EmbeddedAblyServer.builder()
			.key(EmbeddedServer.KEY)
			.connectionStateTtl(Duration.ofMillis(1500))
			.maxIdleInterval(Duration.ofMillis(500))
			.build()
			.start();
		try (AblyRealtime client = IntegrationSupport.connected(IntegrationSupport.options(server, "json")
			.realtime(r -> r.disconnectedRetryTimeout(Duration.ofMillis(300))
				.suspendedRetryTimeout(Duration.ofMillis(300)))
			.build())) {
			String originalId = client.connection().id();
			List<ConnectionState> states = new CopyOnWriteArrayList<>();
			client.connection().on(c -> states.add(c.current()));
			// Down for longer than connectionStateTtl + maxIdleInterval: the client must not try to resume.
			server.faults().refuseConnections(true);
			server.faults().dropConnections(originalId);
			await().atMost(Duration.ofSeconds(15)).until(() -> states.contains(ConnectionState.SUSPENDED));
			server.faults().refuseConnections(false);

			await().atMost(Duration.ofSeconds(15)).until(() -> client.connection().state() == ConnectionState.CONNECTED);
			assertThat(client.connection().id()).isNotEqualTo(originalId);
			// A resume attempt would have been answered with the invalid-key error (RTN15c7): none was made.
			io.github.ablyspring.protocol.ErrorInfo reason = client.connection().errorReason();
			assertThat(reason == null || (reason.code() != 80008 && reason.code() != 80018))
				.as("no resume attempted, errorReason " + reason).isTrue();
			assertThat(states).containsSubsequence(ConnectionState.DISCONNECTED, ConnectionState.SUSPENDED,
					ConnectionState.CONNECTING, ConnectionState.CONNECTED);
		}
		finally {
			server.close();
		}
	}
}
