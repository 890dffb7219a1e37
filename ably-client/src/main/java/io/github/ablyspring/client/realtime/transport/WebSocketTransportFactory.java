package io.github.ablyspring.client.realtime.transport;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import org.jspecify.annotations.Nullable;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;

import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;

/**
 * Opens WebSocket transports with Spring's {@link StandardWebSocketClient} over Tomcat's JSR-356 client. One factory
 * serves any number of clients; the opening handshake runs on a shared daemon pool because Tomcat's connect blocks.
 */
public final class WebSocketTransportFactory implements TransportFactory {

	/** Ably's largest frame is 256 KiB (maxFrameSize); Tomcat's default of 8 KiB would close the socket (1009). */
	private static final int MAX_FRAME_BYTES = 1024 * 1024;

	private static final ExecutorService CONNECTORS = Executors.newCachedThreadPool(daemon("ably-ws-connect-"));

	/** Writers of every transport: a task per transport while it has frames queued, so one socket stalls only itself. */
	private static final ExecutorService WRITERS = Executors.newCachedThreadPool(daemon("ably-ws-writer-"));

	private final StandardWebSocketClient client;

	public WebSocketTransportFactory() {
		WebSocketContainer container = ContainerProvider.getWebSocketContainer();
		container.setDefaultMaxTextMessageBufferSize(MAX_FRAME_BYTES);
		container.setDefaultMaxBinaryMessageBufferSize(MAX_FRAME_BYTES);
		this.client = new StandardWebSocketClient(container);
		this.client.setTaskExecutor(new TaskExecutorAdapter(CONNECTORS));
	}

	@Override
	public Transport open(TransportRequest request, TransportListener listener) {
		WebSocketTransport transport = new WebSocketTransport(request.format(), listener, WRITERS);
		// Tomcat's handshake timeout; the client's own connect timer (realtimeRequestTimeout) also applies.
		client.setUserProperties(Map.of("org.apache.tomcat.websocket.IO_TIMEOUT_MS",
				String.valueOf(request.openTimeout().toMillis())));
		client.execute(transport.handler(), new WebSocketHttpHeaders(), request.uri()).whenComplete((session, ex) -> {
			if (ex != null) {
				Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
				transport.failed(ErrorInfo.of(ErrorCodes.CONNECTION_FAILED, 503, "could not open a WebSocket to "
						+ request.host() + ": " + redacted(cause.getMessage(), request)));
			}
		});
		return transport;
	}

	/** Handshake errors may quote the URL, whose query holds the key or token: never let it out. */
	static String redacted(@Nullable String message, TransportRequest request) {
		if (message == null) {
			return "no details";
		}
		String result = message;
		String raw = request.uri().getRawQuery();
		String decoded = request.uri().getQuery();
		if (raw != null) {
			result = result.replace(raw, "<redacted>");
		}
		if (decoded != null) {
			result = result.replace(decoded, "<redacted>");
		}
		return result;
	}

	private static java.util.concurrent.ThreadFactory daemon(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}
}
