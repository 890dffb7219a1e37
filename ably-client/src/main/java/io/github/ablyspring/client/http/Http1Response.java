package io.github.ablyspring.client.http;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;

/** A fully read HTTP/1.1 response; {@code keepAlive} says whether its connection may carry another request. */
record Http1Response(int status, HttpHeaders headers, byte[] body, boolean keepAlive) implements ClientHttpResponse {

	static final byte[] NO_BODY = new byte[0];

	@Override
	public HttpStatusCode getStatusCode() {
		return HttpStatusCode.valueOf(status);
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
		return new ByteArrayInputStream(body);
	}

	@Override
	public void close() {
		// already read in full, its connection already back in the pool
	}
}
