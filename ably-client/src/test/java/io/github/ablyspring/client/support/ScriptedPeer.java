package io.github.ablyspring.client.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scripted HTTP peer on a loopback address: records every request and answers with whatever the script says.
 * The script may block (on {@link #release()}) to simulate a host that never answers.
 */
public final class ScriptedPeer implements AutoCloseable {

	/** A request as received. */
	public record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

		public String header(String name) {
			for (Map.Entry<String, List<String>> e : headers.entrySet()) {
				if (e.getKey().equalsIgnoreCase(name)) {
					return e.getValue().get(0);
				}
			}
			return null;
		}
	}

	/** A scripted answer. */
	public record Reply(int status, Map<String, String> headers, byte[] body) {

		public static Reply of(int status) {
			return new Reply(status, Map.of(), new byte[0]);
		}

		public static Reply json(int status, String body) {
			return new Reply(status, Map.of("Content-Type", "application/json"),
					body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final CountDownLatch released = new CountDownLatch(1);

	private ScriptedPeer(HttpServer server) {
		this.server = server;
	}

	public static ScriptedPeer start(String address, int port, Function<Received, Reply> script) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
		ScriptedPeer peer = new ScriptedPeer(server);
		server.createContext("/", exchange -> peer.handle(exchange, script));
		server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
			Thread t = new Thread(r, "scripted-peer");
			t.setDaemon(true);
			return t;
		}));
		server.start();
		return peer;
	}

	private void handle(HttpExchange exchange, Function<Received, Reply> script) throws IOException {
		Received r = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
				exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
				exchange.getRequestBody().readAllBytes());
		received.add(r);
		Reply reply = script.apply(r);
		reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
		exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
		if (reply.body().length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(reply.body());
			}
		}
		exchange.close();
	}

	/** Blocks the calling handler until the peer is released or closed. */
	public Reply hang() {
		try {
			released.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Reply.of(200);
	}

	public void release() {
		released.countDown();
	}

	public int port() {
		return server.getAddress().getPort();
	}

	public List<Received> received() {
		return received;
	}

	@Override
	public void close() {
		release();
		server.stop(0);
	}
}
