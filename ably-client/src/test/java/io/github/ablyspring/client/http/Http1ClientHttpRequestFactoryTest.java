package io.github.ablyspring.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;

/** The HTTP/1.1 wire handling of {@link Http1ClientHttpRequestFactory} against a raw socket peer. */
class Http1ClientHttpRequestFactoryTest {

	private final Http1ClientHttpRequestFactory factory = new Http1ClientHttpRequestFactory(Duration.ofSeconds(5),
			Duration.ofSeconds(5), Map.of("X-Fixed", "f"));

	private RawPeer peer;

	@AfterEach
	void close() throws IOException {
		factory.close();
		if (peer != null) {
			peer.close();
		}
	}

	@Test
	void keepAliveReusesTheConnectionAndSendsOneRequestHead() throws Exception {
		peer = new RawPeer((n, request) -> ok("text/plain", "r" + n));
		assertThat(body(post("/a", "one"))).isEqualTo("r1");
		assertThat(body(post("/b?x=1", "two"))).isEqualTo("r2");
		assertThat(peer.connections.get()).isEqualTo(1);
		assertThat(peer.requests.get(1)).startsWith("POST /b?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + peer.port() + "\r\n")
			.contains("X-Test: yes\r\n", "X-Fixed: f\r\n", "Content-Length: 3\r\n")
			.doesNotContain("dropped")
			.endsWith("\r\n\r\ntwo");
	}

	@Test
	void chunkedBodyIsReassembled() throws Exception {
		peer = new RawPeer((n, request) -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
				+ "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n");
		assertThat(body(post("/", "x"))).isEqualTo("abcde");
		assertThat(body(post("/", "x"))).isEqualTo("abcde");
		assertThat(peer.connections.get()).isEqualTo(1);
	}

	@Test
	void informationalResponseIsSkipped() throws Exception {
		peer = new RawPeer((n, request) -> "HTTP/1.1 100 Continue\r\n\r\n" + ok("text/plain", "done"));
		ClientHttpResponse response = post("/", "x");
		assertThat(response.getStatusCode().value()).isEqualTo(200);
		assertThat(body(response)).isEqualTo("done");
	}

	@Test
	void connectionCloseIsHonoured() throws Exception {
		peer = new RawPeer((n, request) -> "HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 1\r\n\r\nk");
		assertThat(post("/", "x").getStatusCode().value()).isEqualTo(201);
		assertThat(post("/", "x").getStatusCode().value()).isEqualTo(201);
		assertThat(peer.connections.get()).isEqualTo(2);
	}

	@Test
	void bodyUntilCloseWithoutContentLength() throws Exception {
		peer = new RawPeer((n, request) -> "HTTP/1.0 200 OK\r\n\r\nall of it");
		peer.closeAfterEachResponse = true;
		assertThat(body(post("/", "x"))).isEqualTo("all of it");
		assertThat(body(post("/", "x"))).isEqualTo("all of it");
		assertThat(peer.connections.get()).isEqualTo(2);
	}

	@Test
	void idleConnectionClosedByTheServerIsReplacedOnce() throws Exception {
		peer = new RawPeer((n, request) -> ok("text/plain", "r" + n));
		peer.closeAfterEachResponse = true;                                        // without saying so
		assertThat(body(post("/", "one"))).isEqualTo("r1");
		assertThat(body(post("/", "two"))).isEqualTo("r2");
		assertThat(peer.connections.get()).isEqualTo(2);
		assertThat(peer.requests).hasSize(2);
	}

	@Test
	void headerValuesCannotInjectLines() {
		peer = new RawPeer((n, request) -> ok("text/plain", ""));
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Bad", "a\r\nX-Injected: 1");
		assertThatThrownBy(() -> factory.exchange(peer.uri("/"), HttpMethod.GET, headers, new byte[0]))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void headHasNoBody() throws Exception {
		peer = new RawPeer((n, request) -> "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
		ClientHttpResponse response = factory.exchange(peer.uri("/"), HttpMethod.HEAD, new HttpHeaders(), new byte[0]);
		assertThat(body(response)).isEmpty();
		assertThat(response.getHeaders().getContentLength()).isEqualTo(5);
	}

	private ClientHttpResponse post(String path, String body) throws IOException {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Test", "yes");
		headers.set("x-fixed", "dropped: the fixed header wins");
		return factory.exchange(peer.uri(path), HttpMethod.POST, headers, body.getBytes(StandardCharsets.UTF_8));
	}

	private static String body(ClientHttpResponse response) throws IOException {
		return new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
	}

	private static String ok(String type, String body) {
		return "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
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
