package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** uts/realtime/unit/connection/server_initiated_reauth_test.md: the server asks for a new token (RTN22). */
class ConnectionServerReauthUnitTest extends ConnectionUnitTestBase {

	final AtomicInteger tokens = new AtomicInteger();

	final List<ProtocolMessage> authMessages = new CopyOnWriteArrayList<>();

	final List<ConnectionStateChange> after = new CopyOnWriteArrayList<>();

	private void connectWithCallback() {
		newTokenClient(p -> token("token-" + tokens.incrementAndGet()), b -> b);
		mock.onConnectionAttempt(c -> c.respondWithSuccess(connected("connection-id", "connection-key")));
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.AUTH) {
				authMessages.add(m);
				c.sendToClient(connected("connection-id", "connection-key-2"));
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		client.connection().on(after::add);
	}

	@Test
	void RTN22_serverAuthRequestSendsANewTokenInBand() {
		connectWithCallback();
		mock.active().sendToClient(ProtocolMessage.of(ProtocolAction.AUTH));
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			clock.settle();
			return after.stream().anyMatch(c -> c.event() == ConnectionEvent.UPDATE);
		});
		assertThat(tokens).hasValue(2);
		assertThat(authMessages).hasSize(1);
		assertThat(authMessages.get(0).auth().accessToken()).isEqualTo("token-2");
		assertThat(after).noneMatch(c -> c.event() != ConnectionEvent.UPDATE);
		assertThat(after).filteredOn(c -> c.event() == ConnectionEvent.UPDATE).hasSize(1);
	}

	@Test
	void RTN22_connectionStaysConnectedDuringTheReauth() {
		connectWithCallback();
		mock.active().sendToClient(ProtocolMessage.of(ProtocolAction.AUTH));
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			clock.settle();
			return !after.isEmpty();
		});
		assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(after).hasSize(1);
		assertThat(after.get(0).event()).isEqualTo(ConnectionEvent.UPDATE);
		assertThat(after.get(0).previous()).isEqualTo(ConnectionState.CONNECTED);
		assertThat(after.get(0).current()).isEqualTo(ConnectionState.CONNECTED);
	}

	@Test
	void RTN22a_forcedDisconnectWithATokenErrorStartsTheTokenRecovery() {
		connectWithCallback();
		mock.active().sendToClientAndClose(disconnected(40142, 401, "Token expired"));
		clock.settle();
		ConnectionStateChange change = after.stream().filter(c -> c.current() == ConnectionState.DISCONNECTED)
			.findFirst().orElseThrow();
		assertThat(change.reason().code()).isEqualTo(40142);
		// RTN15h2: a new token and a resume.
		awaitState(ConnectionState.CONNECTED);
		assertThat(tokens).hasValue(2);
	}
}
