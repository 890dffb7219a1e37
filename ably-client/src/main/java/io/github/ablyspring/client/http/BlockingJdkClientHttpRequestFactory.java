package io.github.ablyspring.client.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A {@link ClientHttpRequestFactory} on the JDK {@link HttpClient}'s blocking {@code send}. Spring's
 * {@code JdkClientHttpRequestFactory} always uses {@code sendAsync}, which on JDK 17 completes each response on
 * {@code CompletableFuture}'s default executor — a new thread per request where the common pool has a single thread
 * (two cores) — and writes each body on a new thread unless given an executor. Ably REST requests and responses are
 * small and fully buffered, so a blocking send on the calling thread is simpler and several times cheaper
 * ({@code docs/benchmarks.md}, "REST publish").
 */
final class BlockingJdkClientHttpRequestFactory implements ClientHttpRequestFactory {

	/** Headers the JDK client sets itself and refuses from callers. */
	private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

	private final HttpClient client;

	private final Duration readTimeout;

	BlockingJdkClientHttpRequestFactory(HttpClient client, Duration readTimeout) {
		this.client = client;
		this.readTimeout = readTimeout;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod method) {
		return new Request(uri, method);
	}

	private final class Request extends AbstractBufferingClientHttpRequest {

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
		protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] body) throws IOException {
			HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(readTimeout);
			headers.forEach((name, values) -> {
				if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
					values.forEach(value -> request.header(name, value));
				}
			});
			request.method(method.name(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
			try {
				return new Response(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while waiting for " + uri.getHost(), ex);
			}
		}
	}

	private static final class Response implements ClientHttpResponse {

		private final HttpResponse<byte[]> response;

		private final HttpHeaders headers = new HttpHeaders();

		Response(HttpResponse<byte[]> response) {
			this.response = response;
			response.headers().map().forEach((name, values) -> {
				// HTTP/2 pseudo-headers such as ":status" are not headers.
				if (!name.startsWith(":")) {
					headers.addAll(name, values);
				}
			});
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(response.statusCode());
		}

		@Override
		public String getStatusText() {
			return "";
		}

		@Override
		public HttpHeaders getHeaders() {
			return headers;
		}

		@Override
		public InputStream getBody() {
			byte[] body = response.body();
			return new ByteArrayInputStream(body == null ? new byte[0] : body);
		}

		@Override
		public void close() {
		}
	}
}
