package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/client/realtime_timeouts.md: the configured timeouts are the ones used (RTC7). */
class RealtimeClientTimeoutsUnitTest extends ConnectionUnitTestBase {

	@Test
	void RTC7_realtimeRequestTimeoutBoundsAttach() {
		newClient(b -> b.realtime(r -> r.realtimeRequestTimeout(Duration.ofMillis(500))));
		connect("connection-id", "connection-key");
		RealtimeChannel channel = client.channels().get("test-RTC7-attach");
		CompletableFuture<Void> attach = channel.attach();
		clock.settle();
		clock.advance(Duration.ofMillis(600));
		assertThat(failure(attach)).isNotNull();
		assertThat(channel.state()).isEqualTo(ChannelState.SUSPENDED);
	}

	@Test
	void RTC7_realtimeRequestTimeoutBoundsDetach() throws Exception {
		newClient(b -> b.realtime(r -> r.realtimeRequestTimeout(Duration.ofMillis(500))));
		mock.onMessageFromClient((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(ProtocolMessage.builder(ProtocolAction.ATTACHED).channel(m.channel()).build());
			}
		});
		connect("connection-id", "connection-key");
		RealtimeChannel channel = client.channels().get("test-RTC7-detach");
		channel.attach().get(5, TimeUnit.SECONDS);
		CompletableFuture<Void> detach = channel.detach();
		clock.settle();
		clock.advance(Duration.ofMillis(600));
		assertThat(failure(detach)).isNotNull();
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
	}

	@Test
	void RTC7_disconnectedRetryTimeoutSetsTheRetryDelay() {
		newClient(b -> b.realtime(r -> r.disconnectedRetryTimeout(Duration.ofSeconds(2))));
		AtomicInteger attempts = new AtomicInteger();
		mock.onConnectionAttempt(c -> {
			if (attempts.incrementAndGet() == 1) {
				c.respondWithSuccess(connected("connection-id", "connection-key"));
			}
			else {
				c.respondWithRefused();
			}
		});
		client.connect();
		awaitState(ConnectionState.CONNECTED);
		assertThat(attempts).hasValue(1);
		mock.active().simulateDisconnect(null);
		awaitState(ConnectionState.DISCONNECTED);
		int afterImmediate = attempts.get();
		assertThat(afterImmediate).isEqualTo(2);
		clock.advance(Duration.ofMillis(1500));
		assertThat(attempts).hasValue(afterImmediate);
		clock.advance(Duration.ofMillis(1500));
		assertThat(attempts.get()).isGreaterThan(afterImmediate);
	}

	@Test
	void RTC7_defaults() {
		ClientOptions options = ClientOptions.builder().key(RealtimeUnitSupport.KEY).build();
		assertThat(options.realtime().realtimeRequestTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.realtime().disconnectedRetryTimeout()).isEqualTo(Duration.ofSeconds(15));
		assertThat(options.realtime().suspendedRetryTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.httpOpenTimeout()).isEqualTo(Duration.ofSeconds(4));
		assertThat(options.httpRequestTimeout()).isEqualTo(Duration.ofSeconds(10));
	}
}
