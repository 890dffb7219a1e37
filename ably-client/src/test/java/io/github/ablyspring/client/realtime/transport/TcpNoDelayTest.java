package io.github.ablyspring.client.realtime.transport;

import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.NetworkChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket under a real Tomcat client WebSocket is reached and has TCP_NODELAY: if a Tomcat upgrade moved the
 * internal fields, the latency fix would silently vanish, and this test says so.
 */
class TcpNoDelayTest {

	@Test
	void theSocketUnderAnOpenWebSocketHasTcpNoDelay() throws Exception {
		try (EmbeddedAblyServer server = EmbeddedServer.start()) {
			CompletableFuture<ProtocolMessage> connected = new CompletableFuture<>();
			URI uri = URI.create("ws://127.0.0.1:" + server.port() + "/?key=" + EmbeddedServer.KEY
					+ "&format=json&v=6&heartbeats=true");
			Transport transport = new WebSocketTransportFactory().open(
					new TransportRequest(uri, "127.0.0.1", WireFormat.JSON, Duration.ofSeconds(5)),
					new TransportListener() {

						@Override
						public void onOpen(Transport t) {
						}

						@Override
						public void onMessage(Transport t, ProtocolMessage message) {
							connected.complete(message);
						}

						@Override
						public void onClosed(Transport t, @Nullable ErrorInfo reason) {
							connected.completeExceptionally(new AssertionError("closed: " + reason));
						}
					});
			try {
				assertThat(connected.get(10, TimeUnit.SECONDS).action()).isEqualTo(ProtocolAction.CONNECTED);
				NetworkChannel socket = TcpNoDelay.socket(((WebSocketTransport) transport).session());
				assertThat(socket).as("the socket under Tomcat's WebSocket session").isNotNull();
				assertThat(socket.getOption(StandardSocketOptions.TCP_NODELAY)).isTrue();
			}
			finally {
				transport.close();
			}
		}
	}
}
