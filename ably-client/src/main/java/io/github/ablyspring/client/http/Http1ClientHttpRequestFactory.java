package io.github.ablyspring.client.http;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage.Body;
import org.springframework.http.client.AbstractStreamingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A {@link ClientHttpRequestFactory} speaking HTTP/1.1 itself over pooled keep-alive sockets, written for Ably's
 * small REST requests: the calling thread writes the request in one segment and reads the response,
 * with no thread hand-off and buffers reused per connection. The JDK {@code HttpClient} it replaces passed each
 * request through its worker and selector threads and allocated several times more per request
 * ({@code docs/benchmarks.md}, "REST publish"). TLS verifies the host name; no ALPN, so HTTP/1.1 only.
 */
final class Http1ClientHttpRequestFactory implements ClientHttpRequestFactory, AutoCloseable {

	/** Headers this factory writes itself. */
	private static final List<String> OWN = List.of("Content-Length", "Host", "Connection", "Transfer-Encoding",
			"Expect", "Upgrade", "Keep-Alive");

	/** Idle connections kept per address; more concurrent requests than this close theirs after use. */
	private static final int MAX_IDLE = 64;

	/** An idle connection older than this is closed rather than reused (servers drop idle ones after a while). */
	private static final long MAX_IDLE_NANOS = Duration.ofSeconds(30).toNanos();

	private final Map<String, Deque<Http1Connection>> idle = new ConcurrentHashMap<>();

	private final int connectMillis;

	private final int readMillis;

	private volatile boolean closed;

	/** Written on every request, pre-encoded; a request's own header of the same name is dropped. */
	private final byte[] fixedHeaders;

	private final List<String> fixedNames;

	Http1ClientHttpRequestFactory(Duration connectTimeout, Duration readTimeout, Map<String, String> fixedHeaders) {
		this.connectMillis = millis(connectTimeout);
		this.readMillis = millis(readTimeout);
		Http1Connection.RequestBuffer encoded = new Http1Connection.RequestBuffer();
		fixedHeaders.forEach((name, value) -> encoded.text(name).text(": ").text(value).crlf());
		this.fixedHeaders = Arrays.copyOf(encoded.bytes(), encoded.length());
		this.fixedNames = List.copyOf(fixedHeaders.keySet());
	}

	private static int millis(Duration d) {
		return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod method) {
		return new Request(uri, method);
	}

	/** Closes the idle connections; requests in flight close theirs when done. */
	@Override
	public void close() {
		closed = true;
		idle.values().forEach(deque -> {
			for (Http1Connection c; (c = deque.poll()) != null;) {
				c.close();
			}
		});
	}

	/** For tests: a request with a fixed body. */
	ClientHttpResponse exchange(URI uri, HttpMethod method, HttpHeaders headers, byte[] body) throws IOException {
		return exchange(uri, method, headers, body.length == 0 ? null : out -> out.write(body));
	}

	ClientHttpResponse exchange(URI uri, HttpMethod method, HttpHeaders headers, @Nullable Body body)
			throws IOException {
		boolean tls = "https".equalsIgnoreCase(uri.getScheme());
		String host = uri.getHost();
		if (host == null) {
			throw new IOException("no host in " + uri);
		}
		int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
		String address = (tls ? "https://" : "http://") + host + ':' + port;
		boolean head = method == HttpMethod.HEAD;
		Http1Connection connection = idle(address);
		boolean reused = connection != null;
		if (!reused) {
			connection = open(host, port, tls);
		}
		try {
			writeRequest(connection, uri, method, headers, body);
		}
		catch (IOException | RuntimeException ex) {
			release(address, connection, true);                                    // nothing sent: still clean
			throw ex;
		}
		Http1Response response;
		try {
			response = connection.exchange(head);
		}
		catch (IOException ex) {
			connection.close();
			if (!reused || connection.responseStarted || ex instanceof SocketTimeoutException) {
				throw ex;
			}
			// The server had closed the idle connection: nothing of this request was processed, send it afresh.
			Http1Connection stale = connection;
			connection = open(host, port, tls);
			connection.request.reset();
			connection.request.raw(stale.request.bytes(), 0, stale.request.length());
			try {
				response = connection.exchange(head);
			}
			catch (IOException again) {
				connection.close();
				throw again;
			}
		}
		release(address, connection, response.keepAlive());
		return response;
	}

	private Http1Connection open(String host, int port, boolean tls) throws IOException {
		// An IPv6 literal comes bracketed from the URI.
		String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		return Http1Connection.open(name, port, tls, connectMillis, readMillis);
	}

	private Http1Connection idle(String address) {
		Deque<Http1Connection> deque = idle.get(address);
		if (deque == null) {
			return null;
		}
		long now = System.nanoTime();
		for (Http1Connection c; (c = deque.pollFirst()) != null;) {
			if (now - c.idleSince < MAX_IDLE_NANOS) {
				return c;
			}
			c.close();
		}
		return null;
	}

	private void release(String address, Http1Connection connection, boolean keepAlive) {
		if (!keepAlive || closed || connection.hasUnreadBytes()) {
			connection.close();
			return;
		}
		Deque<Http1Connection> deque = idle.computeIfAbsent(address, a -> new ConcurrentLinkedDeque<>());
		if (deque.size() >= MAX_IDLE) {
			connection.close();
			return;
		}
		connection.idleSince = System.nanoTime();
		deque.offerFirst(connection);                                              // most recently used first
		if (closed) {
			close();
		}
	}

	private void writeRequest(Http1Connection connection, URI uri, HttpMethod method, HttpHeaders headers,
			@Nullable Body body) throws IOException {
		Http1Connection.RequestBuffer content = connection.body;
		content.reset();
		if (body != null) {
			body.writeTo(content.stream());
		}
		Http1Connection.RequestBuffer out = connection.request;
		out.reset();
		String path = uri.getRawPath();
		out.text(method.name()).text(" ").text(path == null || path.isEmpty() ? "/" : path);
		if (uri.getRawQuery() != null) {
			out.text("?").text(uri.getRawQuery());
		}
		out.text(" HTTP/1.1").crlf().text("Host: ").text(uri.getRawAuthority()).crlf();
		out.raw(fixedHeaders, 0, fixedHeaders.length);
		// The backing map: HttpHeaders.forEach would build entry views per call.
		for (Map.Entry<String, List<String>> header : headers.asMultiValueMap().entrySet()) {
			String name = header.getKey();
			if (!isAny(OWN, name) && !isAny(fixedNames, name)) {
				for (String value : header.getValue()) {
					out.text(name).text(": ").text(value).crlf();
				}
			}
		}
		int length = content.length();
		if (length > 0 || method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
			out.text("Content-Length: ").text(Integer.toString(length)).crlf();
		}
		out.crlf().raw(content.bytes(), 0, length);
	}

	/** Case-insensitive, without the lower-cased copy a set lookup would need per header. */
	private static boolean isAny(List<String> names, String name) {
		for (String n : names) {
			if (n.equalsIgnoreCase(name)) {
				return true;
			}
		}
		return false;
	}

	private final class Request extends AbstractStreamingClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		Request(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return method;
		}

		@Override
		public URI getURI() {
			return uri;
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers, @Nullable Body body) throws IOException {
			return exchange(uri, method, headers, body);
		}
	}
}
