package io.github.ablyspring.server.realtime.behaviour;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

/**
 * A bare realtime client over a real WebSocket, in JSON (text frames) or msgpack (binary frames): sends
 * ProtocolMessages or raw bytes, records what arrives and how the socket closed.
 */
final class WsClient implements AutoCloseable {

	private final WireFormat format;

	private final WireCodec codec;

	private final List<ProtocolMessage> received = new CopyOnWriteArrayList<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private WsClient(URI uri, WireFormat format) {
		this.format = format;
		this.codec = WireCodec.of(format, 5);
		this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new Listener()).join();
	}

	static WsClient open(EmbeddedAblyServer server, WireFormat format, String query) {
		String f = format == WireFormat.MSGPACK ? "msgpack" : "json";
		return new WsClient(URI.create("ws://" + server.host() + ":" + server.port() + "/?v=5&format=" + f + "&"
				+ query), format);
	}

	static WsClient connect(EmbeddedAblyServer server, WireFormat format, String query) {
		WsClient client = open(server, format, query);
		client.await(ProtocolAction.CONNECTED);
		return client;
	}

	ProtocolMessage connected() {
		return await(ProtocolAction.CONNECTED);
	}

	String connectionId() {
		return connected().connectionId();
	}

	String connectionKey() {
		return connected().connectionKey();
	}

	void send(ProtocolMessage message) {
		sendRaw(codec.encode(message, WireTypes.PROTOCOL_MESSAGE));
	}

	/** Sends bytes as a frame of this client's format: text for JSON, binary for msgpack. */
	void sendRaw(byte[] bytes) {
		if (format.isBinary()) {
			socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
		}
		else {
			socket.sendText(new String(bytes, StandardCharsets.UTF_8), true).join();
		}
	}

	/** Sends bytes as one WebSocket message split into continuation frames of at most {@code fragment} bytes. */
	void sendFragmented(byte[] bytes, int fragment) {
		for (int from = 0; from < bytes.length; from += fragment) {
			int to = Math.min(bytes.length, from + fragment);
			boolean last = to == bytes.length;
			if (format.isBinary()) {
				socket.sendBinary(ByteBuffer.wrap(bytes, from, to - from), last).join();
			}
			else {
				socket.sendText(new String(bytes, from, to - from, StandardCharsets.US_ASCII), last).join();
			}
		}
	}

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
			.until(() -> received.stream().filter(matches).findFirst(), Optional::isPresent)
			.get();
	}

	List<ProtocolMessage> received() {
		return received;
	}

	List<ProtocolMessage> received(ProtocolAction action) {
		return received.stream().filter(m -> m.action() == action).toList();
	}

	boolean isClosed() {
		return closed.isDone();
	}

	/** Waits for the socket to close; returns the close status (-1 for a dropped socket). */
	int awaitClosed() {
		return closed.orTimeout(10, TimeUnit.SECONDS).join();
	}

	@Override
	public void close() {
		if (!isClosed()) {
			try {
				send(ProtocolMessage.of(ProtocolAction.CLOSE));
				closed.orTimeout(5, TimeUnit.SECONDS).exceptionally(ex -> -1).join();
			}
			catch (RuntimeException ex) {
				// Already gone.
			}
		}
		socket.abort();
	}

	/** Drops the socket without a close frame, as a network failure would. */
	void abort() {
		socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			text.append(data);
			if (last) {
				received.add(codec.decode(text.toString().getBytes(StandardCharsets.UTF_8),
						WireTypes.PROTOCOL_MESSAGE));
				text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			byte[] chunk = new byte[data.remaining()];
			data.get(chunk);
			binary.writeBytes(chunk);
			if (last) {
				received.add(codec.decode(binary.toByteArray(), WireTypes.PROTOCOL_MESSAGE));
				binary.reset();
			}
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
