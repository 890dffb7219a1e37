package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ChannelState;
import io.github.ablyspring.client.realtime.ConnectionEvent;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.ConnectionStateChange;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * UTS realtime/integration/proxy/connection_resume.md, connection_open_failures.md, heartbeat.md and
 * auth_reauth.md against the embedded server: the proxy's rules become {@code server.faults()} (drop, disconnect,
 * fail, refuse, heartbeats, pause frames, reauth, token expiry).
 */
class ConnectionFaultsIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder()
			.key(EmbeddedServer.KEY)
			.maxIdleInterval(Duration.ofMillis(500))
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@AfterEach
	void heal() {
		server.faults().resumeFrames();
		server.faults().heartbeats(true);
		server.faults().refuseConnections(false);
	}

	private static List<ConnectionState> record(AblyRealtime client) {
		List<ConnectionState> states = new CopyOnWriteArrayList<>();
		client.connection().on(change -> states.add(change.current()));
		return states;
	}

	@Test
	void RTN15a_RTN15b_RTN15c6_droppedTransportResumesTheSameConnection() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build())) {
			String id = client.connection().id();
			List<ConnectionState> states = record(client);
			server.faults().dropConnections(id);

			await().atMost(Duration.ofSeconds(15)).until(() -> states.size() >= 3);
			assertThat(states).containsExactly(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING,
					ConnectionState.CONNECTED);
			assertThat(client.connection().id()).as("resumed (RTN15c6)").isEqualTo(id);
			assertThat(client.connection().errorReason()).isNull();
		}
	}

	@Test
	void RTN15a_closeFrameWithoutDisconnectedResumes() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build())) {
			String id = client.connection().id();
			List<ConnectionState> states = record(client);
			server.faults().closeConnections(id);

			await().atMost(Duration.ofSeconds(15)).until(() -> states.size() >= 3);
			assertThat(states).containsExactly(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING,
					ConnectionState.CONNECTED);
			assertThat(client.connection().id()).as("resumed").isEqualTo(id);
		}
	}

	@Test
	void RTN15h3_disconnectedWithANonTokenErrorReconnectsAndResumes() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build())) {
			String id = client.connection().id();
			List<ConnectionStateChange> changes = new CopyOnWriteArrayList<>();
			client.connection().on(changes::add);
			server.faults().disconnect(id, ErrorInfo.of(80003, 503, "going away"));

			await().atMost(Duration.ofSeconds(15))
				.until(() -> changes.stream().anyMatch(c -> c.current() == ConnectionState.CONNECTED));
			assertThat(changes.get(0).current()).isEqualTo(ConnectionState.DISCONNECTED);
			assertThat(changes.get(0).reason().code()).isEqualTo(80003);
			assertThat(client.connection().id()).isEqualTo(id);
		}
	}

	@Test
	void RTN15j_fatalErrorOnAnEstablishedConnectionFails() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build())) {
			RealtimeChannel channel = client.channels().get(IntegrationSupport.randomName("fatal"));
			channel.attach().get(10, TimeUnit.SECONDS);
			server.faults().failConnections(client.connection().id(), ErrorInfo.of(50000, 500, "fatal"));

			client.connection().whenState(ConnectionState.FAILED).get(10, TimeUnit.SECONDS);
			assertThat(client.connection().errorReason().code()).isEqualTo(50000);
			assertThat(channel.state()).isEqualTo(ChannelState.FAILED);
		}
	}

	@Test
	void RTN15h1_tokenErrorWithANonRenewableTokenFails() throws Exception {
		TokenDetails token;
		try (io.github.ablyspring.client.AblyRest rest = new io.github.ablyspring.client.AblyRest(
				EmbeddedServer.options(server).key(EmbeddedServer.KEY).build())) {
			token = rest.auth().requestToken(null);
		}
		try (AblyRealtime client = IntegrationSupport.connected(
				EmbeddedServer.options(server).tokenDetails(token).autoConnect(false).build())) {
			server.faults().expireTokens();

			client.connection().whenState(ConnectionState.FAILED).get(10, TimeUnit.SECONDS);
			assertThat(client.connection().errorReason().code()).isBetween(40140, 40149);
		}
	}

	@Test
	void RTN19a_unackedPublishIsResentOnResumeAndDeliveredOnce() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build());
				AblyRealtime subscriber = IntegrationSupport
					.connected(IntegrationSupport.options(server, "json").build())) {
			String name = IntegrationSupport.randomName("resend");
			List<String> received = new CopyOnWriteArrayList<>();
			RealtimeChannel in = subscriber.channels().get(name);
			in.subscribe(m -> received.add((String) m.data()));
			in.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			RealtimeChannel out = client.channels().get(name);
			out.attach().get(10, TimeUnit.SECONDS);
			String id = client.connection().id();

			server.faults().pauseFrames();                            // the ACK will not arrive on this transport
			CompletableFuture<PublishResult> publish = out.publish("m", "resent");
			server.faults().dropConnections(id);
			await().atMost(Duration.ofSeconds(5)).until(() -> client.connection().state() != ConnectionState.CONNECTED);
			server.faults().resumeFrames();

			assertThat(publish.get(15, TimeUnit.SECONDS).serials()).hasSize(1);
			assertThat(client.connection().id()).isEqualTo(id);
			await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("resent"));
			await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == 1);
		}
	}

	@Test
	void RTN16d_recoveryKeepsTheConnectionId() throws Exception {
		String recoveryKey;
		String id;
		AblyRealtime first = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build());
		try {
			id = first.connection().id();
			recoveryKey = first.connection().createRecoveryKey().get(5, TimeUnit.SECONDS);
			assertThat(recoveryKey).isNotNull();
		}
		finally {
			// Gone without a CLOSE, as a crashed process would be: the server keeps the connection to recover.
			server.faults().refuseConnections(true);
			server.faults().dropConnections(first.connection().id());
			await().atMost(Duration.ofSeconds(5)).until(() -> first.connection().state() != ConnectionState.CONNECTED);
			first.close();
			server.faults().refuseConnections(false);
		}
		try (AblyRealtime second = IntegrationSupport
			.connected(IntegrationSupport.options(server, "json").recover(recoveryKey).build())) {
			assertThat(second.connection().id()).isEqualTo(id);
			assertThat(second.connection().errorReason()).isNull();
		}
	}

	@Test
	void RTN16l_RTN15c7_failedRecoveryIsAFreshConnectionWithAnError() throws Exception {
		String bogus = "{\"connectionKey\":\"nosuch!key-0\",\"msgSerial\":3,\"channelSerials\":{}}";
		try (AblyRealtime client = new AblyRealtime(IntegrationSupport.options(server, "json").recover(bogus).build())) {
			client.connect();
			client.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);

			assertThat(client.connection().id()).isNotNull();
			assertThat(client.connection().errorReason()).as("the reason recovery failed").isNotNull();
		}
	}

	@Test
	void RTN14g_errorDuringOpenFails() throws Exception {
		server.faults().refuseConnections(true, ErrorInfo.of(50000, 500, "refused with an error"));
		try (AblyRealtime client = new AblyRealtime(IntegrationSupport.options(server, "json").build())) {
			client.connect();
			client.connection().whenState(ConnectionState.FAILED).get(10, TimeUnit.SECONDS);
			assertThat(client.connection().errorReason().code()).isEqualTo(50000);
		}
	}

	@Test
	void RTN14b_tokenErrorWhileConnectingRenewsTheToken() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		try (AblyRealtime client = new AblyRealtime(EmbeddedServer.options(server).authCallback(params ->
		// The first token has already expired: the server refuses the connection with a token error.
		IntegrationSupport.jwt(calls.incrementAndGet() == 1 ? -60 : 3600, null)).autoConnect(false).build())) {
			List<ConnectionState> states = record(client);
			client.connect();
			client.connection().whenState(ConnectionState.CONNECTED).get(30, TimeUnit.SECONDS);

			assertThat(client.connection().id()).isNotNull();
			assertThat(client.connection().key()).isNotNull();
			assertThat(calls.get()).isGreaterThanOrEqualTo(2);
			assertThat(states).containsSubsequence(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
			assertThat(client.connection().errorReason()).isNull();
		}
	}

	@Test
	void RTN14d_refusedConnectionIsRetried() throws Exception {
		server.faults().refuseConnections(true);
		try (AblyRealtime client = new AblyRealtime(IntegrationSupport.options(server, "json")
			.realtime(r -> r.disconnectedRetryTimeout(Duration.ofMillis(300)))
			.build())) {
			List<ConnectionState> states = record(client);
			client.connect();
			await().atMost(Duration.ofSeconds(10)).until(() -> states.contains(ConnectionState.DISCONNECTED));
			server.faults().refuseConnections(false);

			client.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);
			assertThat(states).containsSubsequence(ConnectionState.CONNECTING, ConnectionState.DISCONNECTED,
					ConnectionState.CONNECTING, ConnectionState.CONNECTED);
		}
	}

	@Test
	void RTN14c_noConnectedWithinTheTimeoutDisconnects() throws Exception {
		server.faults().pauseFrames();
		try (AblyRealtime client = new AblyRealtime(IntegrationSupport.options(server, "json")
			.realtime(r -> r.realtimeRequestTimeout(Duration.ofSeconds(1)).disconnectedRetryTimeout(Duration.ofMillis(300)))
			.build())) {
			List<ConnectionStateChange> changes = new CopyOnWriteArrayList<>();
			client.connection().on(changes::add);
			client.connect();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> changes.stream().anyMatch(c -> c.current() == ConnectionState.DISCONNECTED));
			server.faults().resumeFrames();

			client.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);
			assertThat(changes.get(0).current()).isEqualTo(ConnectionState.CONNECTING);
			assertThat(changes.get(1).current()).isEqualTo(ConnectionState.DISCONNECTED);
		}
	}

	@Test
	void RTN23a_heartbeatStarvationDisconnectsAndReconnects() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(IntegrationSupport.options(server, "json")
			.realtime(r -> r.realtimeRequestTimeout(Duration.ofSeconds(1)))
			.build())) {
			List<ConnectionState> states = record(client);
			server.faults().heartbeats(false);
			await().atMost(Duration.ofSeconds(10)).until(() -> states.contains(ConnectionState.DISCONNECTED));
			server.faults().heartbeats(true);

			await().atMost(Duration.ofSeconds(15)).until(() -> client.connection().state() == ConnectionState.CONNECTED);
			assertThat(states).containsSubsequence(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING,
					ConnectionState.CONNECTED);
			assertThat(client.connection().id()).isNotNull();
			assertThat(client.connection().key()).isNotNull();
		}
	}

	@Test
	void RTN22_RTC8a_serverInitiatedReauthentication() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		try (io.github.ablyspring.client.AblyRest rest = new io.github.ablyspring.client.AblyRest(
				EmbeddedServer.options(server).key(EmbeddedServer.KEY).build());
				AblyRealtime client = IntegrationSupport.connected(EmbeddedServer.options(server).authCallback(params -> {
					calls.incrementAndGet();
					return rest.auth().createTokenRequest(null);
				}).autoConnect(false).build())) {
			String id = client.connection().id();
			List<ConnectionStateChange> updates = new CopyOnWriteArrayList<>();
			client.connection().on(ConnectionEvent.UPDATE, updates::add);
			List<ConnectionState> states = record(client);
			server.faults().requestReauthentication(id);

			await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 2 && !updates.isEmpty());
			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
			assertThat(client.connection().id()).isEqualTo(id);
			assertThat(states).as("no state change, only UPDATE").doesNotContain(ConnectionState.DISCONNECTED);
		}
	}
}
