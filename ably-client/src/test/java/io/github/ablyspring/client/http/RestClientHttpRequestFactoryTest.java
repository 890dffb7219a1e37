package io.github.ablyspring.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpResponse;

/** What {@link RestClientHttpRequestFactory} over {@link RestHttpClient} sends and honours, against a raw peer. */
class RestClientHttpRequestFactoryTest {

	private final RestClientHttpRequestFactory factory = new RestClientHttpRequestFactory(
			RestHttpClient.create(Duration.ofSeconds(5), Duration.ofMillis(500), Map.of("X-Fixed", "f")));

	private RawPeer peer;

	@AfterEach
	void close() throws IOException {
		factory.close();
		if (peer != null) {
			peer.close();
		}
	}

	@Test
	void keepAliveReusesTheConnectionAndSendsOnlyOurHeaders() throws Exception {
		peer = new RawPeer((n, request) -> ok("r" + n));
		assertThat(body(post("/a", "one", "X-Test", "yes"))).isEqualTo("r1");
		assertThat(body(post("/b?x=1", "two", "X-Fixed", "own"))).isEqualTo("r2");
		assertThat(peer.connections.get()).isEqualTo(1);
		assertThat(peer.requests.get(0)).startsWith("POST /a HTTP/1.1\r\n")
			.contains("X-Test: yes\r\n", "X-Fixed: f\r\n", "Content-Length: 3\r\n")
			.doesNotContainIgnoringCase("User-Agent")
			.doesNotContainIgnoringCase("Accept-Encoding")
			.endsWith("\r\n\r\none");
		// A request's own header replaces the fixed one.
		assertThat(peer.requests.get(1)).startsWith("POST /b?x=1 HTTP/1.1\r\n")
			.contains("X-Fixed: own\r\n")
			.doesNotContain("X-Fixed: f");
	}

	@Test
	void postWithoutBodySendsContentLengthZero() throws Exception {
		peer = new RawPeer((n, request) -> ok(""));
		ClientHttpRequest request = factory.createRequest(peer.uri("/"), HttpMethod.POST);
		request.execute().close();
		assertThat(peer.requests.get(0)).contains("Content-Length: 0\r\n");
	}

	@Test
	void connectionCloseIsHonoured() throws Exception {
		peer = new RawPeer((n, request) -> "HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 1\r\n\r\nk");
		peer.closeAfterEachResponse = true;
		assertThat(body(post("/", "x"))).isEqualTo("k");
		assertThat(body(post("/", "x"))).isEqualTo("k");
		assertThat(peer.connections.get()).isEqualTo(2);
	}

	@Test
	void redirectIsNotFollowed() throws Exception {
		peer = new RawPeer((n, request) -> "HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n");
		try (ClientHttpResponse response = post("/", "x")) {
			assertThat(response.getStatusCode().value()).isEqualTo(302);
		}
		assertThat(peer.requests).hasSize(1);
	}

	@Test
	void noResponseWithinTheResponseTimeoutIsASocketTimeout() {
		peer = new RawPeer((n, request) -> {
			try {
				Thread.sleep(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return ok("late");
		});
		assertThatThrownBy(() -> post("/", "x")).isInstanceOf(SocketTimeoutException.class);
		assertThat(peer.requests).hasSize(1);                                      // not retried
	}

	private ClientHttpResponse post(String path, String body, String... header) throws IOException {
		ClientHttpRequest request = factory.createRequest(peer.uri(path), HttpMethod.POST);
		for (int i = 0; i < header.length; i += 2) {
			request.getHeaders().set(header[i], header[i + 1]);
		}
		request.getBody().write(body.getBytes(StandardCharsets.UTF_8));
		return request.execute();
	}

	private static String body(ClientHttpResponse response) throws IOException {
		try (response) {
			return new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static String ok(String body) {
		return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
	}

	/** Answers each request (head and Content-Length body read in full) with the script's raw response. */
	static final class RawPeer implements AutoCloseable {

		final AtomicInteger connections = new AtomicInteger();

		final List<String> requests = new CopyOnWriteArrayList<>();

		volatile boolean closeAfterEachResponse;

		private final ServerSocket server;

		private final BiFunction<Integer, String, String> script;

		RawPeer(BiFunction<Integer, String, String> script) {
			this.script = script;
			try {
				this.server = new ServerSocket(0);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			Thread acceptor = new Thread(this::accept, "raw-peer");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return server.getLocalPort();
		}

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + port() + path);
		}

		private void accept() {
			while (!server.isClosed()) {
				try {
					Socket socket = server.accept();
					connections.incrementAndGet();
					Thread t = new Thread(() -> serve(socket), "raw-peer-connection");
					t.setDaemon(true);
					t.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void serve(Socket socket) {
			try (socket) {
				InputStream in = socket.getInputStream();
				while (true) {
					String request = readRequest(in);
					if (request == null) {
						return;
					}
					requests.add(request);
					socket.getOutputStream()
						.write(script.apply(requests.size(), request).getBytes(StandardCharsets.ISO_8859_1));
					socket.getOutputStream().flush();
					if (closeAfterEachResponse) {
						return;
					}
				}
			}
			catch (IOException ex) {
				// the client went away
			}
		}

		private static String readRequest(InputStream in) throws IOException {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int last4 = 0;
			while (last4 != 0x0D0A0D0A) {                                          // CR LF CR LF ends the head
				int b = in.read();
				if (b < 0) {
					return null;
				}
				head.write(b);
				last4 = (last4 << 8) | b;
			}
			String text = head.toString(StandardCharsets.ISO_8859_1);
			int length = 0;
			for (String line : text.split("\r\n")) {
				if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
					length = Integer.parseInt(line.substring(15).trim());
				}
			}
			return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
		}

		@Override
		public void close() throws IOException {
			server.close();
		}
	}
}
