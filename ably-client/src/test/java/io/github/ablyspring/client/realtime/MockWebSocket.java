package io.github.ablyspring.client.realtime;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.client.realtime.transport.Transport;
import io.github.ablyspring.client.realtime.transport.TransportFactory;
import io.github.ablyspring.client.realtime.transport.TransportListener;
import io.github.ablyspring.client.realtime.transport.TransportRequest;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireTypes;

/**
 * The scripted server side of realtime unit tests (uts/realtime/unit/helpers/mock_websocket.md): records connection
 * attempts and client messages, and lets the test answer, inject messages and drop the transport. Every message in
 * either direction goes through the real codec of the connection's format, so what the test sees is what the wire
 * would carry.
 */
final class MockWebSocket implements TransportFactory {

	private final LinkedBlockingQueue<PendingConnection> attempts = new LinkedBlockingQueue<>();

	private final LinkedBlockingQueue<ProtocolMessage> clientMessages = new LinkedBlockingQueue<>();

	/** Every event in order, for tests that check sequences. */
	final List<String> events = new CopyOnWriteArrayList<>();

	private volatile @Nullable Consumer<PendingConnection> onConnectionAttempt;

	private volatile @Nullable BiConsumer<PendingConnection, ProtocolMessage> onMessageFromClient;

	private volatile @Nullable PendingConnection active;

	/** Answers each connection attempt as it happens, instead of {@link #awaitConnectionAttempt}. */
	MockWebSocket onConnectionAttempt(Consumer<PendingConnection> handler) {
		this.onConnectionAttempt = handler;
		return this;
	}

	/** Sees each message the client sends (after it is also queued for {@link #awaitNextMessageFromClient}). */
	MockWebSocket onMessageFromClient(BiConsumer<PendingConnection, ProtocolMessage> handler) {
		this.onMessageFromClient = handler;
		return this;
	}

	@Override
	public Transport open(TransportRequest request, TransportListener listener) {
		PendingConnection connection = new PendingConnection(request, listener);
		events.add("CONNECTION_ATTEMPT");
		Consumer<PendingConnection> handler = onConnectionAttempt;
		if (handler != null) {
			handler.accept(connection);
		}
		else {
			attempts.add(connection);
		}
		return connection.transport;
	}

	PendingConnection awaitConnectionAttempt() {
		return awaitConnectionAttempt(Duration.ofSeconds(5));
	}

	PendingConnection awaitConnectionAttempt(Duration timeout) {
		try {
			PendingConnection c = attempts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (c == null) {
				throw new AssertionError("no connection attempt within " + timeout);
			}
			return c;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** Whether a connection attempt is waiting for {@link #awaitConnectionAttempt}. */
	boolean hasConnectionAttempt() {
		return !attempts.isEmpty();
	}

	ProtocolMessage awaitNextMessageFromClient() {
		return awaitNextMessageFromClient(Duration.ofSeconds(5));
	}

	ProtocolMessage awaitNextMessageFromClient(Duration timeout) {
		try {
			ProtocolMessage m = clientMessages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (m == null) {
				throw new AssertionError("no message from the client within " + timeout);
			}
			return m;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

	/** The next client message, or null when none is queued now. */
	@Nullable ProtocolMessage pollMessageFromClient() {
		return clientMessages.poll();
	}

	/** The connection that last answered with success. */
	PendingConnection active() {
		PendingConnection c = active;
		if (c == null) {
			throw new AssertionError("no active connection");
		}
		return c;
	}

	/** One connection attempt and, once answered, the connection. */
	final class PendingConnection {

		final TransportRequest request;

		private final TransportListener listener;

		private final WireCodec codec;

		final MockTransport transport = new MockTransport();

		volatile boolean closedByClient;

		volatile boolean open;

		PendingConnection(TransportRequest request, TransportListener listener) {
			this.request = request;
			this.listener = listener;
			this.codec = WireCodec.of(request.format());
		}

		URI uri() {
			return request.uri();
		}

		/** The decoded query parameters of the URL. */
		Map<String, String> params() {
			Map<String, String> params = new LinkedHashMap<>();
			String query = request.uri().getRawQuery();
			if (query != null) {
				for (String pair : query.split("&")) {
					int eq = pair.indexOf('=');
					params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
							eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
				}
			}
			return params;
		}

		void respondWithSuccess(ProtocolMessage connected) {
			open = true;
			active = this;
			events.add("CONNECTION_SUCCESS");
			listener.onOpen(transport);
			sendToClient(connected);
		}

		void respondWithRefused() {
			events.add("CONNECTION_FAILURE");
			listener.onClosed(transport, ErrorInfo.of(ErrorCodes.CONNECTION_FAILED, 503, "connection refused"));
		}

		void respondWithDnsError() {
			events.add("CONNECTION_FAILURE");
			listener.onClosed(transport, ErrorInfo.of(ErrorCodes.CONNECTION_FAILED, 503, "unknown host"));
		}

		/** Nothing at all: the client's own timer must notice. */
		void respondWithTimeout() {
			events.add("CONNECTION_FAILURE");
		}

		/** The socket opens, the server sends {@code error} (an ERROR or DISCONNECTED) and closes. */
		void respondWithError(ProtocolMessage error) {
			open = true;
			events.add("CONNECTION_SUCCESS");
			listener.onOpen(transport);
			sendToClientAndClose(error);
		}

		void sendToClient(ProtocolMessage message) {
			events.add("MESSAGE_TO_CLIENT " + message.action());
			listener.onMessage(transport, roundTrip(message));
		}

		void sendToClientAndClose(ProtocolMessage message) {
			sendToClient(message);
			simulateDisconnect(null);
		}

		/** The transport fails without a protocol message. */
		void simulateDisconnect(@Nullable ErrorInfo error) {
			open = false;
			events.add("SERVER_DISCONNECT");
			listener.onClosed(transport, error);
		}

		private ProtocolMessage roundTrip(ProtocolMessage message) {
			return codec.decode(codec.encode(message, WireTypes.PROTOCOL_MESSAGE), WireTypes.PROTOCOL_MESSAGE);
		}

		/** The client's end. */
		final class MockTransport implements Transport {

			@Override
			public void send(ProtocolMessage message) {
				ProtocolMessage wire = roundTrip(message);
				events.add("MESSAGE_FROM_CLIENT " + wire.action());
				clientMessages.add(wire);
				BiConsumer<PendingConnection, ProtocolMessage> handler = onMessageFromClient;
				if (handler != null) {
					handler.accept(PendingConnection.this, wire);
				}
			}

			@Override
			public void close() {
				closedByClient = true;
				open = false;
				events.add("CLIENT_CLOSE");
			}

			@Override
			public int backlog() {
				return fakeBacklog;
			}
		}

		/** Frames the transport claims are still waiting to be written (a busy socket), for coalescing tests. */
		volatile int fakeBacklog;

		/**
		 * Delivers a raw JSON frame as the server would write it (unknown fields and actions included), decoded with
		 * the JSON codec whatever the connection's format.
		 */
		void sendToClientRaw(String json) {
			ProtocolMessage message = WireCodec.of(io.github.ablyspring.protocol.codec.WireFormat.JSON)
				.decode(json.getBytes(StandardCharsets.UTF_8), WireTypes.PROTOCOL_MESSAGE);
			events.add("MESSAGE_TO_CLIENT " + message.action());
			listener.onMessage(transport, message);
		}
	}
}
