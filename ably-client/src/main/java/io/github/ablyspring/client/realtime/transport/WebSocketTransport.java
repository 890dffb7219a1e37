package io.github.ablyspring.client.realtime.transport;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.CodecException;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

/**
 * A WebSocket carrying protocol messages: text frames for JSON, binary frames for msgpack. A frame that does not decode
 * is logged and dropped (the connection stays up, as it would for any message the client cannot use).
 */
final class WebSocketTransport implements Transport {

	private static final Log logger = LogFactory.getLog(WebSocketTransport.class);

	private final WireFormat format;

	private final WireCodec codec;

	private final TransportListener listener;

	private final Object lock = new Object();

	private final Executor writers;

	private final ConcurrentLinkedQueue<ProtocolMessage> outbox = new ConcurrentLinkedQueue<>();

	/** Frames sent and not yet written ({@link #backlog()}); ConcurrentLinkedQueue.size() would walk the queue. */
	private final AtomicInteger queued = new AtomicInteger();

	/** Whether a writer task owns the outbox; at most one does, so frames go out in order. */
	private final AtomicBoolean writing = new AtomicBoolean();

	private @Nullable WebSocketSession session;

	/** Set once: by {@link #close()} or the first close report, after which the listener hears nothing. */
	private boolean finished;

	WebSocketTransport(WireFormat format, TransportListener listener, Executor writers) {
		this.writers = writers;
		this.format = format;
		this.codec = WireCodec.of(format);
		this.listener = listener;
	}

	WebSocketHandler handler() {
		return new Handler();
	}

	/** The open session, for tests of this package; null before the socket opens. */
	@Nullable WebSocketSession session() {
		synchronized (lock) {
			return session;
		}
	}

	/**
	 * Queues {@code message}; a writer task on the shared I/O pool encodes and writes queued messages in order. Tomcat's
	 * send blocks until the frame is written, so the event loop never calls it: a slow or stalled socket must not hold
	 * up heartbeats, timers and other channels.
	 */
	@Override
	public void send(ProtocolMessage message) {
		queued.incrementAndGet();
		outbox.add(message);
		if (writing.compareAndSet(false, true)) {
			writers.execute(this::drain);
		}
	}

	private void drain() {
		while (true) {
			ProtocolMessage message = outbox.poll();
			if (message == null) {
				writing.set(false);
				if (outbox.isEmpty() || !writing.compareAndSet(false, true)) {
					return;
				}
				continue;
			}
			if (!write(message)) {
				return;
			}
		}
	}

	/** Encodes and writes one frame; false (the outbox dropped, the writer role released) when that is over. */
	private boolean write(ProtocolMessage message) {
		WebSocketSession current;
		synchronized (lock) {
			current = session;
			if (finished || current == null) {
				outbox.clear();
				writing.set(false);
				return false;
			}
		}
		byte[] frame = codec.encode(message, WireTypes.PROTOCOL_MESSAGE);
		try {
			current.sendMessage(format == WireFormat.JSON ? new TextMessage(frame) : new BinaryMessage(frame));
			queued.decrementAndGet();
			return true;
		}
		catch (IOException | RuntimeException ex) {
			outbox.clear();
			writing.set(false);
			failed(ErrorInfo.of(ErrorCodes.CONNECTION_DISCONNECTED, 503, "send failed: " + ex.getMessage()));
			closeQuietly(current, CloseStatus.SERVER_ERROR);
			return false;
		}
	}

	@Override
	public int backlog() {
		return queued.get();
	}

	@Override
	public void close() {
		WebSocketSession current;
		synchronized (lock) {
			if (finished) {
				return;
			}
			finished = true;
			current = session;
		}
		if (current != null) {
			closeQuietly(current, CloseStatus.NORMAL);
		}
	}

	/** Reports the end of the transport once, unless this side closed it. */
	void failed(@Nullable ErrorInfo reason) {
		synchronized (lock) {
			if (finished) {
				return;
			}
			finished = true;
		}
		listener.onClosed(this, reason);
	}

	private void received(byte[] frame) {
		ProtocolMessage message;
		try {
			message = codec.decode(frame, WireTypes.PROTOCOL_MESSAGE);
		}
		catch (CodecException ex) {
			logger.warn("dropped a realtime frame that does not decode (" + frame.length + " bytes): "
					+ ex.getMessage());
			return;
		}
		synchronized (lock) {
			if (finished) {
				return;
			}
		}
		listener.onMessage(this, message);
	}

	private static void closeQuietly(WebSocketSession session, CloseStatus status) {
		try {
			session.close(status);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("closing the WebSocket failed: " + ex.getMessage());
		}
	}

	private final class Handler extends AbstractWebSocketHandler {

		@Override
		public void afterConnectionEstablished(WebSocketSession opened) {
			boolean closeNow;
			synchronized (lock) {
				closeNow = finished;
				session = opened;
			}
			if (closeNow) {
				closeQuietly(opened, CloseStatus.NORMAL);
				return;
			}
			TcpNoDelay.enable(opened);
			listener.onOpen(WebSocketTransport.this);
		}

		@Override
		protected void handleTextMessage(WebSocketSession s, TextMessage message) {
			received(message.asBytes());
		}

		@Override
		protected void handleBinaryMessage(WebSocketSession s, BinaryMessage message) {
			java.nio.ByteBuffer payload = message.getPayload();
			byte[] frame = new byte[payload.remaining()];
			payload.get(frame);
			received(frame);
		}

		@Override
		public void handleTransportError(WebSocketSession s, Throwable ex) {
			failed(ErrorInfo.of(ErrorCodes.CONNECTION_DISCONNECTED, 503, "WebSocket error: " + ex.getMessage()));
		}

		@Override
		public void afterConnectionClosed(WebSocketSession s, CloseStatus status) {
			failed(ErrorInfo.of(ErrorCodes.CONNECTION_DISCONNECTED, 503,
					"WebSocket closed by the server (" + status.getCode() + (status.getReason() != null
							&& !status.getReason().isEmpty() ? ", " + status.getReason() : "") + ")"));
		}
	}
}
