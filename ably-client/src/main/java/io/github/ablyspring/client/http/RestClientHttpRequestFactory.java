package io.github.ablyspring.client.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.NullEntity;
import org.apache.hc.core5.io.CloseMode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.StreamingHttpOutputMessage.Body;
import org.springframework.http.client.AbstractStreamingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.support.HttpComponentsHeadersAdapter;

/**
 * A {@link ClientHttpRequestFactory} over an Apache HttpClient 5 classic client ({@link RestHttpClient}), thinner
 * than Spring's {@code HttpComponentsClientHttpRequestFactory} for Ably's small, fully buffered requests: the body
 * array {@code RestClient} writes is handed to the client as it is rather than through a streaming entity, headers
 * are read from the request's backing map, and no per-request {@code RequestConfig} or context is built
 * ({@code docs/benchmarks.md}, "REST publish").
 */
final class RestClientHttpRequestFactory implements ClientHttpRequestFactory, AutoCloseable {

	/** Headers the client writes itself from the entity (and refuses twice). */
	private static final List<String> OWN = List.of(HttpHeaders.CONTENT_LENGTH, HttpHeaders.TRANSFER_ENCODING);

	private final CloseableHttpClient client;

	RestClientHttpRequestFactory(CloseableHttpClient client) {
		this.client = client;
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod method) {
		return new Request(uri, method);
	}

	/** Closes the client and its pooled connections. */
	@Override
	public void close() {
		client.close(CloseMode.GRACEFUL);
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
			HttpUriRequestBase request = new HttpUriRequestBase(method.name(), uri);
			// The backing map: HttpHeaders.forEach would build entry views per call.
			for (Map.Entry<String, List<String>> header : headers.asMultiValueMap().entrySet()) {
				if (!isAny(OWN, header.getKey())) {
					for (String value : header.getValue()) {
						request.addHeader(header.getKey(), value);
					}
				}
			}
			if (body != null) {
				BodyBytes bytes = new BodyBytes();
				body.writeTo(bytes);
				// No content type here: the request's Content-Type header, added above, is the one sent.
				request.setEntity(new ByteArrayEntity(bytes.bytes, 0, bytes.length, null));
			}
			else if (!Method.isSafe(method.name())) {
				request.setEntity(NullEntity.INSTANCE);                          // Content-Length: 0
			}
			return new Response(client.executeOpen(null, request, null));
		}
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

	/**
	 * A request body: {@code RestClient} writes a {@code byte[]} body in one call, and that array is kept as it is
	 * (the request is sent before {@code executeInternal} returns); further writes copy.
	 */
	static final class BodyBytes extends OutputStream {

		private static final byte[] EMPTY = new byte[0];

		byte[] bytes = EMPTY;

		int length;

		/** Whether {@link #bytes} is the caller's array, not to be written into. */
		private boolean borrowed;

		@Override
		public void write(int b) {
			ensure(1);
			bytes[length++] = (byte) b;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			if (bytes == EMPTY && off == 0) {
				bytes = b;
				length = len;
				borrowed = true;
				return;
			}
			ensure(len);
			System.arraycopy(b, off, bytes, length, len);
			length += len;
		}

		private void ensure(int more) {
			if (borrowed || length + more > bytes.length) {
				bytes = Arrays.copyOf(bytes, Math.max(length + more, Math.max(64, bytes.length * 2)));
				borrowed = false;
			}
		}
	}

	private static final class Response implements ClientHttpResponse {

		/** Ably's responses are small; a large one (a long history page, say) is streamed as it comes. */
		private static final int MAX_READ_AT_ONCE = 1 << 20;

		private final ClassicHttpResponse response;

		private @Nullable HttpHeaders headers;

		private @Nullable InputStream body;

		Response(ClassicHttpResponse response) {
			this.response = response;
		}

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatusCode.valueOf(response.getCode());
		}

		@Override
		public String getStatusText() {
			String reason = response.getReasonPhrase();
			return reason != null ? reason : "";
		}

		@Override
		public HttpHeaders getHeaders() {
			if (headers == null) {
				// A view of the response's own headers, which outlive the connection: no copy.
				headers = new HttpHeaders(new HttpComponentsHeadersAdapter(response));
			}
			return headers;
		}

		/**
		 * A body of known length is read at once into an array of that size: {@code readAllBytes} on the entity's
		 * stream would go through an 8 KB buffer per response. Reading it to its end frees the connection.
		 */
		@Override
		public InputStream getBody() throws IOException {
			if (body == null) {
				HttpEntity entity = response.getEntity();
				long length = entity != null ? entity.getContentLength() : 0;
				if (entity == null || length < 0 || length > MAX_READ_AT_ONCE) {
					return entity != null ? entity.getContent() : InputStream.nullInputStream();
				}
				try (InputStream in = entity.getContent()) {
					body = new ByteArrayInputStream(in.readNBytes((int) length));
				}
			}
			return body;
		}

		/** A body read to its end has given the connection back to the pool; one that was not is drained first. */
		@Override
		public void close() {
			try {
				EntityUtils.consume(response.getEntity());
				response.close();
			}
			catch (IOException ex) {
				// the connection is discarded, not reused
			}
		}
	}
}
