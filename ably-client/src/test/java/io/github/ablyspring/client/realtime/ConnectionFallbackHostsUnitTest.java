package io.github.ablyspring.client.realtime;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;


import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/connection/fallback_hosts_test.md: realtime fallback hosts (RTN17). */
class ConnectionFallbackHostsUnitTest extends ConnectionUnitTestBase {

	final List<String> hosts = new CopyOnWriteArrayList<>();

	/** A client on the default endpoint (so with the default fallback hosts); {@code n}th attempt answered by it. */
	private void start(java.util.function.BiConsumer<Integer, MockWebSocket.PendingConnection> answer) {
		newClient(b -> b.endpoint(null));
		mock.onConnectionAttempt(c -> {
			hosts.add(c.uri().getHost());
			answer.accept(hosts.size(), c);
		});
		client.connect();
	}

	private static Consumer<MockWebSocket.PendingConnection> success() {
		return c -> c.respondWithSuccess(connected("connection-id", "connection-key"));
	}

	@Test
	void RTN17i_thePrimaryHostComesFirstEvenAfterAFallbackWorked() {
		start((n, c) -> {
			if (n == 1) {
				c.respondWithRefused();
			}
			else {
				success().accept(c);
			}
		});
		awaitState(ConnectionState.CONNECTED);
		assertThat(hosts.get(1)).contains("fallback");
		mock.active().simulateDisconnect(null);
		clock.settle();
		awaitState(ConnectionState.CONNECTED);
		assertThat(hosts).hasSize(3);
		assertThat(hosts.get(0)).isEqualTo("main.realtime.ably.net");
		assertThat(hosts.get(2)).isEqualTo("main.realtime.ably.net");
	}

	@Test
	void RTN17f_unresolvableHostMovesToAFallback() {
		start((n, c) -> {
			if (n == 1) {
				c.respondWithDnsError();
			}
			else {
				success().accept(c);
			}
		});
		awaitState(ConnectionState.CONNECTED);
		assertThat(hosts.get(0)).contains("realtime.ably");
		assertThat(hosts.get(1)).contains("fallback");
	}

	@Test
	void RTN17f1_disconnectedWith5xxMovesToAFallback() {
		start((n, c) -> {
			if (n == 1) {
				c.respondWithError(disconnected(50003, 503, "Service temporarily unavailable"));
			}
			else {
				success().accept(c);
			}
		});
		awaitState(ConnectionState.CONNECTED);
		assertThat(hosts).hasSize(2);
		assertThat(hosts.get(0)).contains("realtime.ably");
		assertThat(hosts.get(1)).contains("fallback");
	}

	@Test
	void RTN17f1_disconnectedWith4xxDoesNotMoveToAFallback() {
		start((n, c) -> c.respondWithError(disconnected(40000, 400, "Bad request")));
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(hosts).containsExactly("main.realtime.ably.net");
	}

	@Test
	void RTN17j_connectivityIsCheckedBeforeTheFallbacks() throws Exception {
		List<String> checks = new CopyOnWriteArrayList<>();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/is-the-internet-up.txt", exchange -> {
			checks.add(exchange.getRequestMethod());
			byte[] body = "yes".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "text/plain");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		try {
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/is-the-internet-up.txt";
			newClient(b -> b.endpoint(null).realtime(r -> r.connectivityCheckUrl(url)
				.realtimeRequestTimeout(Duration.ofSeconds(2))));
			mock.onConnectionAttempt(c -> {
				hosts.add(c.uri().getHost());
				if (hosts.size() == 1) {
					c.respondWithTimeout();
				}
				else {
					success().accept(c);
				}
			});
			client.connect();
			awaitState(ConnectionState.CONNECTING);
			clock.advance(Duration.ofMillis(2100));
			awaitState(ConnectionState.CONNECTED);
			assertThat(checks).containsExactly("GET");
			assertThat(hosts).hasSize(2);
			assertThat(hosts.get(1)).contains("fallback");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void RTN17j_noConnectivityMeansDisconnectedWithoutFallbacks() throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		server.start();
		try {
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/is-the-internet-up.txt";
			newClient(b -> b.endpoint(null).realtime(r -> r.connectivityCheckUrl(url)));
			mock.onConnectionAttempt(c -> {
				hosts.add(c.uri().getHost());
				c.respondWithRefused();
			});
			client.connect();
			awaitState(ConnectionState.DISCONNECTED);
			assertThat(hosts).containsExactly("main.realtime.ably.net");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void RTN17g_noFallbacksForACustomHost() {
		newClient(b -> b.endpoint("custom.example.com"));
		mock.onConnectionAttempt(c -> {
			hosts.add(c.uri().getHost());
			c.respondWithRefused();
		});
		client.connect();
		awaitState(ConnectionState.DISCONNECTED);
		assertThat(hosts).containsExactly("custom.example.com");
	}

	@Test
	void RTN17h_defaultFallbacksFollowREC2() {
		start((n, c) -> {
			if (n == 1) {
				c.respondWithRefused();
			}
			else {
				success().accept(c);
			}
		});
		awaitState(ConnectionState.CONNECTED);
		assertThat(hosts.get(1)).matches("main\\.[abcde]\\.fallback\\.ably-realtime\\.com");
	}

	@Test
	void RTN17j_fallbacksAreTriedInRandomOrder() {
		Set<List<String>> orders = new HashSet<>();
		for (int i = 0; i < 5; i++) {
			MockWebSocket socket = new MockWebSocket();
			List<String> seen = new CopyOnWriteArrayList<>();
			socket.onConnectionAttempt(c -> {
				seen.add(c.uri().getHost());
				if (seen.size() <= 3) {
					c.respondWithRefused();
				}
				else {
					c.respondWithSuccess(connected("connection-id", "connection-key"));
				}
			});
			ManualScheduler scheduler = new ManualScheduler();
			AblyRealtime other = RealtimeUnitSupport.client(RealtimeUnitSupport.options(socket, scheduler)
				.endpoint(null).build(), scheduler);
			try {
				other.connect();
				org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
					scheduler.settle();
					return other.connection().state() == ConnectionState.CONNECTED;
				});
				orders.add(List.copyOf(seen.subList(1, seen.size())));
			}
			finally {
				other.loop().shutdown();
			}
		}
		assertThat(orders).hasSizeGreaterThanOrEqualTo(2);
	}

}
