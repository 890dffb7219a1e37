package io.github.ablyspring.server.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.awaitility.Awaitility;

/** A bare realtime client over JSON WebSocket frames: sends and records ProtocolMessages, nothing more. */
final class RealtimeTestClient implements AutoCloseable {

	private static final WireCodec CODEC = WireCodec.of(WireFormat.JSON, 5);

	private final List<ProtocolMessage> received = new CopyOnWriteArrayList<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private RealtimeTestClient(URI uri) {
		this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Listener()).join();
	}

	/** Opens a connection with the given query, e.g. {@code key=app.key:secret&clientId=bob}. */
	static RealtimeTestClient open(EmbeddedAblyServer server, String query) {
		return open(server.host(), server.port(), query);
	}

	static RealtimeTestClient open(String host, int port, String query) {
		return new RealtimeTestClient(URI.create("ws://" + host + ":" + port + "/?v=5&format=json&" + query));
	}

	/** Opens a connection and waits for CONNECTED. */
	static RealtimeTestClient connect(EmbeddedAblyServer server, String query) {
		RealtimeTestClient client = open(server, query);
		client.await(ProtocolAction.CONNECTED);
		return client;
	}

	String connectionId() {
		return await(ProtocolAction.CONNECTED).connectionId();
	}

	void send(ProtocolMessage message) {
		socket.sendText(new String(CODEC.encode(message, WireTypes.PROTOCOL_MESSAGE), StandardCharsets.UTF_8), true)
			.join();
	}

	/** Attaches and waits for ATTACHED. */
	void attach(String channel) {
		send(ProtocolMessage.builder(ProtocolAction.ATTACH).channel(channel).build());
		await(m -> m.action() == ProtocolAction.ATTACHED && channel.equals(m.channel()));
	}

	ProtocolMessage await(ProtocolAction action) {
		return await(m -> m.action() == action);
	}

	ProtocolMessage await(Predicate<ProtocolMessage> matches) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> received.stream().filter(matches).findFirst(), java.util.Optional::isPresent)
			.get();
	}

	List<ProtocolMessage> received() {
		return received;
	}

	boolean isClosed() {
		return closed.isDone();
	}

	void awaitClosed() {
		closed.orTimeout(10, TimeUnit.SECONDS).join();
	}

	/** Closes as a client should (CLOSE, then CLOSED), so the server forgets the connection and its members now. */
	@Override
	public void close() {
		if (!isClosed()) {
			try {
				send(ProtocolMessage.of(ProtocolAction.CLOSE));
				closed.orTimeout(5, TimeUnit.SECONDS).exceptionally(ex -> -1).join();
			}
			catch (RuntimeException ex) {
				// Already gone: nothing to close politely.
			}
		}
		socket.abort();
	}

	/** Drops the socket without a word, as a network failure would. */
	void abort() {
		socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			text.append(data);
			if (last) {
				received.add(CODEC.decode(text.toString().getBytes(StandardCharsets.UTF_8), WireTypes.PROTOCOL_MESSAGE));
				text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed.complete(-1);
		}
	}
}
