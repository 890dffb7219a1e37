package io.github.ablyspring.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thousand realtime connections to one server: all accepted, all attached to one channel, each receives the one
 * message published to it, and all close cleanly. The clients are bare JDK WebSockets speaking Ably's JSON protocol
 * (a thousand SDK instances would measure the SDK, not the server).
 */
class ConcurrentConnectionsTest {

	private static final int CONNECTIONS = 1_000;

	private static final int MAX_PENDING_HANDSHAKES = 100;

	private static final String CHANNEL = "fan-out";

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int CONNECTED = 4;

	private static final int DISCONNECTED = 6;

	private static final int CLOSE = 7;

	private static final int CLOSED = 8;

	private static final int ERROR = 9;

	private static final int ATTACH = 10;

	private static final int ATTACHED = 11;

	private static final int MESSAGE = 15;

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	@Timeout(value = 90, unit = TimeUnit.SECONDS)
	void thousandConnectionsEachReceiveThePublishedMessage() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI uri = URI.create("ws://" + server.host() + ":" + server.port() + "/?key="
				+ URLEncoder.encode(server.key(), StandardCharsets.UTF_8) + "&format=json&v=6&heartbeats=true");
		Semaphore handshakes = new Semaphore(MAX_PENDING_HANDSHAKES);
		Counters counters = new Counters();
		List<Client> clients = new ArrayList<>(CONNECTIONS);
		try {
			for (int i = 0; i < CONNECTIONS; i++) {
				handshakes.acquire();
				Client client = new Client(counters, handshakes);
				clients.add(client);
				http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, client)
					.whenComplete((ws, failure) -> {
						if (failure != null) {
							counters.problems.add("handshake failed: " + failure);
							handshakes.release();
						}
					});
			}

			await().atMost(TIMEOUT).until(
					() -> counters.attached.get() == CONNECTIONS || !counters.problems.isEmpty());
			assertThat(counters.problems).isEmpty();
			assertThat(counters.connected.get()).isEqualTo(CONNECTIONS);
			assertThat(server.realtime().connectionCount()).isEqualTo(CONNECTIONS);

			HttpResponse<String> published = http.send(HttpRequest
				.newBuilder(URI.create(server.baseUrl() + "/channels/" + CHANNEL + "/messages"))
				.header("Authorization", "Basic " + Base64.getEncoder()
					.encodeToString(server.key().getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"probe\",\"data\":\"to everyone\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(published.statusCode()).as(published.body()).isEqualTo(201);

			await().atMost(TIMEOUT).until(
					() -> counters.delivered.get() == CONNECTIONS || !counters.problems.isEmpty());
			assertThat(counters.problems).isEmpty();
			assertThat(clients).allSatisfy(c -> assertThat(c.deliveries.get()).isEqualTo(1));

			for (Client client : clients) {
				client.send("{\"action\":" + CLOSE + "}");
			}
			await().atMost(TIMEOUT).until(() -> counters.closed.get() == CONNECTIONS || !counters.problems.isEmpty());
			assertThat(counters.problems).isEmpty();
			await().atMost(TIMEOUT).until(() -> server.realtime().connectionCount() == 0);
		}
		finally {
			for (Client client : clients) {
				client.abort();
			}
		}
	}

	private static final class Counters {

		final AtomicInteger connected = new AtomicInteger();

		final AtomicInteger attached = new AtomicInteger();

		final AtomicInteger delivered = new AtomicInteger();

		final AtomicInteger closed = new AtomicInteger();

		final Queue<String> problems = new ConcurrentLinkedQueue<>();
	}

	/** One bare Ably JSON client: CONNECTED → ATTACH → ATTACHED → MESSAGE → CLOSE → CLOSED. */
	private static final class Client implements WebSocket.Listener {

		private final Counters counters;

		private final Semaphore handshakes;

		private final StringBuilder partial = new StringBuilder();

		final AtomicInteger deliveries = new AtomicInteger();

		private volatile WebSocket socket;

		private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

		Client(Counters counters, Semaphore handshakes) {
			this.counters = counters;
			this.handshakes = handshakes;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			socket = webSocket;
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				String text = partial.toString();
				partial.setLength(0);
				try {
					onProtocolMessage(JsonParser.parseString(text).getAsJsonObject());
				}
				catch (RuntimeException ex) {
					counters.problems.add("cannot handle " + text + ": " + ex);
				}
			}
			webSocket.request(1);
			return null;
		}

		private void onProtocolMessage(JsonObject message) {
			int action = message.get("action").getAsInt();
			switch (action) {
				case CONNECTED -> {
					counters.connected.incrementAndGet();
					handshakes.release();
					send("{\"action\":" + ATTACH + ",\"channel\":\"" + CHANNEL + "\"}");
				}
				case ATTACHED -> counters.attached.incrementAndGet();
				case MESSAGE -> {
					JsonArray messages = message.getAsJsonArray("messages");
					for (JsonElement m : messages) {
						if ("probe".equals(m.getAsJsonObject().get("name").getAsString())
								&& "to everyone".equals(m.getAsJsonObject().get("data").getAsString())) {
							deliveries.incrementAndGet();
							counters.delivered.incrementAndGet();
						}
					}
				}
				case CLOSED -> counters.closed.incrementAndGet();
				case ERROR, DISCONNECTED -> {
					counters.problems.add("server sent " + message);
					handshakes.release();
				}
				default -> {
					// HEARTBEAT and anything else: not part of this scenario.
				}
			}
		}

		synchronized void send(String text) {
			sending = sending.thenCompose(ignored -> socket.sendText(text, true)).exceptionally(ex -> {
				counters.problems.add("send failed: " + ex);
				return null;
			});
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			counters.problems.add("websocket error: " + error);
		}

		void abort() {
			WebSocket ws = socket;
			if (ws != null) {
				ws.abort();
			}
		}
	}
}
