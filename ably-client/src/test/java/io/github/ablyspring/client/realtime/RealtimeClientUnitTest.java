package io.github.ablyspring.client.realtime;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.auth.Auth;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** uts/realtime/unit/client/realtime_client.md: the realtime client's attributes, options and methods (RTC). */
class RealtimeClientUnitTest extends ConnectionUnitTestBase {

	private MockWebSocket.PendingConnection firstAttempt() {
		client.connect();
		return mock.awaitConnectionAttempt();
	}

	@Test
	void RTC2_connectionStartsInitialized() {
		newClient();
		assertThat(client.connection()).isInstanceOf(Connection.class);
		assertThat(client.connection().state()).isEqualTo(ConnectionState.INITIALIZED);
	}

	@Test
	void RTC3_channelsGivesRealtimeChannels() {
		newClient();
		assertThat(client.channels()).isInstanceOf(RealtimeChannels.class);
		RealtimeChannel channel = client.channels().get("test-RTC3");
		assertThat(channel.name()).isEqualTo("test-RTC3");
	}

	@Test
	void RTC4_authIsTheClientsAuth() {
		newClient();
		assertThat(client.auth()).isInstanceOf(Auth.class).isSameAs(client.rest().auth());
	}

	@Test
	void RTC17_clientIdComesFromAuth() {
		newClient(b -> b.clientId("explicit-client-id"));
		assertThat(client.clientId()).isEqualTo("explicit-client-id").isEqualTo(client.auth().clientId());
	}

	@Test
	void RTC1a_echoMessagesIsSentAsEcho() {
		newClient();
		assertThat(firstAttempt().params()).containsEntry("echo", "true");
	}

	@Test
	void RTC1a_echoMessagesFalse() {
		newClient(b -> b.realtime(r -> r.echoMessages(false)));
		assertThat(firstAttempt().params()).containsEntry("echo", "false");
	}

	@Test
	void RTC1b_RTC15_connectMovesThroughConnectingToConnected() {
		newClient();
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connected("connection-id", "connection-key")));
		assertThat(client.connection().state()).isEqualTo(ConnectionState.INITIALIZED);
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		assertThat(states()).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
		assertThat(mock.events.stream().filter("CONNECTION_ATTEMPT"::equals).count()).isEqualTo(1);
	}

	@Test
	void RTC1c_recoverIsUsedForTheFirstAttemptOnly() {
		String key = new RecoveryKey("previous-connection-key", 0, Map.of()).encode();
		newClient(b -> b.realtime(r -> r.recover(key)));
		MockWebSocket.PendingConnection first = firstAttempt();
		assertThat(first.params()).containsEntry("recover", "previous-connection-key");
		first.respondWithSuccess(connected("connection-id", "connection-key"));
		awaitState(ConnectionState.CONNECTED);
		first.simulateDisconnect(null);
		MockWebSocket.PendingConnection second = mock.awaitConnectionAttempt();
		assertThat(second.params()).doesNotContainKey("recover");
	}

	@Test
	void RTC1c_noRecoverParamWithoutTheOption() {
		newClient();
		assertThat(firstAttempt().params()).doesNotContainKey("recover");
	}

	@Test
	void RTC1f_transportParamsAreAddedAndOverrideDefaults() {
		newClient(b -> b.realtime(r -> r.transportParams(Map.of("customParam", "customValue", "anotherParam", "123",
				"boolFalseParam", "false", "v", "3", "heartbeats", "false"))));
		assertThat(firstAttempt().params()).containsEntry("customParam", "customValue")
			.containsEntry("anotherParam", "123").containsEntry("boolFalseParam", "false").containsEntry("v", "3")
			.containsEntry("heartbeats", "false");
	}

	@Test
	void RTC16_closeClosesTheConnection() {
		newClient();
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connected("connection-id", "connection-key")));
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.CLOSE) {
				c.sendToClient(ProtocolMessage.of(ProtocolAction.CLOSED));
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		client.connection().close();
		awaitState(ConnectionState.CLOSED);
		assertThat(states()).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.CLOSING,
				ConnectionState.CLOSED);
	}

	@Test
	void RSC18_tlsChoosesWssOrWs() {
		newClient(b -> b.tls(true).tlsPort(443));
		assertThat(firstAttempt().uri().getScheme()).isEqualTo("wss");
		stopClient();
		newClient(b -> b.tls(false));
		assertThat(firstAttempt().uri().getScheme()).isEqualTo("ws");
	}

	@Test
	void RSC8_useBinaryProtocolChoosesTheFormat() {
		newClient(b -> b.useBinaryProtocol(true));
		assertThat(firstAttempt().params()).containsEntry("format", "msgpack");
		stopClient();
		newClient(b -> b.useBinaryProtocol(false));
		assertThat(firstAttempt().params()).containsEntry("format", "json");
	}

	@Test
	void RTN2_theUrlCarriesVersionFormatHeartbeatsEchoAndCredentials() {
		newClient();
		assertThat(firstAttempt().params()).containsKeys("v", "format", "heartbeats", "echo", "key");
	}

	@Test
	void RTC12_aStringWithAColonIsAKeyAnyOtherAToken() {
		ClientOptions key = AblyRealtime.optionsFor("appId.keyId:keySecret");
		assertThat(key.key()).isEqualTo("appId.keyId:keySecret");
		assertThat(key.token()).isNull();
		ClientOptions token = AblyRealtime.optionsFor("a-token-string");
		assertThat(token.token()).isEqualTo("a-token-string");
		assertThat(token.key()).isNull();
	}

	@Test
	void RTC12_noCredentialsFailWith40106() {
		assertThatThrownBy(() -> new AblyRealtime(ClientOptions.builder().realtime(r -> r.autoConnect(false))
			.build())).isInstanceOfSatisfying(AblyException.class, ex -> assertThat(ex.code()).isEqualTo(40106));
	}
}
