package io.github.ablyspring.client.realtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.github.ablyspring.client.ClientOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real WebSocket transport against a peer that refuses the upgrade: the attempt fails as a host problem (RTN14d)
 * and the error says so without quoting the URL, whose query holds the key.
 */
class ConnectionWebSocketTransportUnitTest {

	@Test
	void RTN14d_refusedUpgradeDisconnectsWithoutLeakingTheKey() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			exchange.sendResponseHeaders(401, -1);
			exchange.close();
		});
		server.start();
		try {
			assertDisconnectsWithoutTheKey(server.getAddress().getPort());
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void RTN14d_droppedHandshakeDisconnectsWithoutLeakingTheKey() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				while (!socket.isClosed()) {
					try (Socket s = socket.accept()) {
						s.getInputStream().read(new byte[1024]);
					}
					catch (IOException ex) {
						// closed: done
					}
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			assertDisconnectsWithoutTheKey(socket.getLocalPort());
		}
	}

	private static void assertDisconnectsWithoutTheKey(int port) {
		AblyRealtime client = new AblyRealtime(ClientOptions.builder().key("appId.keyId:superSecretValue")
			.endpoint("127.0.0.1").tls(false).port(port)
			.realtime(r -> r.autoConnect(false).connectivityCheckUrl(null)
				.disconnectedRetryTimeout(Duration.ofMinutes(5)))
			.build());
		try {
			client.connect();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> client.connection().state() == ConnectionState.DISCONNECTED);
			String message = client.connection().errorReason().message();
			assertThat(message).contains("127.0.0.1").doesNotContain("superSecretValue").doesNotContain("key=");
			assertThat(client.connection().errorReason().toString()).doesNotContain("superSecretValue");
		}
		finally {
			client.close();
		}
	}
}
