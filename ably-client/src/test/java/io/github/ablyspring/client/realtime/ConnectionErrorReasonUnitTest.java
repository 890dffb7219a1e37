package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.ErrorInfo;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/connection/error_reason_test.md: Connection#errorReason (RTN25). */
class ConnectionErrorReasonUnitTest extends ConnectionUnitTestBase {

	@Test
	void RTN25_setByAConnectionError() {
		newClient();
		mock.onConnectionAttempt(c -> c.respondWithError(error(40005, 400, "Invalid API key")));
		assertThat(client.connection().errorReason()).isNull();
		client.connect();
		awaitState(ConnectionState.FAILED);
		ErrorInfo reason = client.connection().errorReason();
		assertThat(reason.code()).isEqualTo(40005);
		assertThat(reason.statusCode()).isEqualTo(400);
		assertThat(reason.message()).isEqualTo("Invalid API key");
	}

	@Test
	void RTN25_RTN14d_setWhenDisconnected() {
		newClient();
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithRefused);
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(client.connection().errorReason().message()).isNotBlank();
	}

	@Test
	void RTN25_RTN14e_setWhenSuspended() {
		newClient();
		mock.onConnectionAttempt(MockWebSocket.PendingConnection::respondWithRefused);
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		clock.advance(Duration.ofMillis(120_100));
		awaitState(ConnectionState.SUSPENDED);
		assertThat(client.connection().errorReason().message()).isNotBlank();
	}

	@Test
	void RTN25_RSA4a_unrenewableTokenErrorGives40171() {
		newClient(b -> b.key(null).token("expired_token"));
		mock.onConnectionAttempt(c -> c.respondWithError(error(40142, 401, "Token expired")));
		client.connect();
		awaitState(ConnectionState.FAILED);
		assertThat(client.connection().errorReason().code()).isEqualTo(40171);
	}

	@Test
	void RTN25_clearedOnConnected() {
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofMillis(100))));
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			if (attempts.incrementAndGet() == 1) {
				c.respondWithRefused();
			}
			else {
				c.respondWithSuccess(connected("connection-id", "connection-key"));
			}
		});
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(client.connection().errorReason()).isNotNull();
		clock.advance(Duration.ofMillis(150));
		awaitState(ConnectionState.CONNECTED);
		assertThat(client.connection().errorReason()).isNull();
	}

	@Test
	void RTN25_RTN14g_setByAConnectionLevelError() {
		newClient();
		mock.onConnectionAttempt(c -> c.respondWithError(error(50000, 500, "Internal server error")));
		client.connect();
		awaitState(ConnectionState.FAILED);
		assertThat(client.connection().errorReason()).isEqualTo(ErrorInfo.of(50000, 500, "Internal server error"));
	}

	@Test
	void RTN25_theStateChangeCarriesTheSameError() {
		newClient();
		List<ConnectionStateChange> failed = new CopyOnWriteArrayList<>();
		client.connection().on(ConnectionEvent.FAILED, failed::add);
		mock.onConnectionAttempt(c -> c.respondWithError(error(40003, 400, "Access token invalid")));
		client.connect();
		awaitState(ConnectionState.FAILED);
		assertThat(failed).hasSize(1);
		ErrorInfo reason = failed.get(0).reason();
		assertThat(reason.code()).isEqualTo(40003);
		assertThat(reason.statusCode()).isEqualTo(400);
		assertThat(reason.message()).isEqualTo("Access token invalid");
		assertThat(client.connection().errorReason().code()).isEqualTo(reason.code());
		assertThat(client.connection().errorReason().message()).isEqualTo(reason.message());
	}
}
