package io.github.ablyspring.client.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A realtime connection (JSON protocol over the JDK WebSocket) that enters presence on a channel, so REST presence
 * has members to report. Closing it drops the connection.
 */
public final class PresenceMember implements AutoCloseable {

	private final WebSocket socket;

	private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private PresenceMember(int port, String key, String clientId) throws Exception {
		URI uri = URI.create("ws://127.0.0.1:" + port + "/?key=" + key + "&clientId=" + clientId
				+ "&format=json&v=6");
		this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
			private final StringBuilder text = new StringBuilder();

			@Override
			public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
				text.append(data);
				if (last) {
					frames.add(text.toString());
					text.setLength(0);
				}
				ws.request(1);
				return null;
			}
		}).get(5, TimeUnit.SECONDS);
	}

	/** Connects as {@code clientId}, attaches {@code channel} and enters with {@code data}; waits for the ACK. */
	public static PresenceMember enter(int port, String key, String clientId, String channel, String data)
			throws Exception {
		PresenceMember member = new PresenceMember(port, key, clientId);
		member.await("\"action\":4");                                                          // CONNECTED
		member.socket.sendText("{\"action\":10,\"channel\":\"" + channel + "\"}", true).get();
		member.await("\"action\":11");                                                         // ATTACHED
		member.socket.sendText("{\"action\":14,\"channel\":\"" + channel + "\",\"msgSerial\":0,\"presence\":"
				+ "[{\"action\":2,\"clientId\":\"" + clientId + "\",\"data\":\"" + data + "\"}]}", true).get();
		member.await("\"action\":1");                                                          // ACK
		return member;
	}

	private void await(String marker) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (System.nanoTime() < deadline) {
			String frame = frames.poll(100, TimeUnit.MILLISECONDS);
			if (frame != null && frame.replace(" ", "").contains(marker + ",") || frame != null
					&& frame.replace(" ", "").contains(marker + "}")) {
				return;
			}
		}
		throw new IllegalStateException("no frame with " + marker);
	}

	@Override
	public void close() {
		socket.abort();
	}
}
