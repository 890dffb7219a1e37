package io.github.ablyspring.client.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.springframework.http.HttpHeaders;

/**
 * One HTTP/1.1 connection used by one request at a time, with its read and write buffers kept across the requests
 * it carries (keep-alive). Blocking: the calling thread writes the request and reads the whole response, so a request
 * costs no thread hand-off. Not thread-safe; {@link Http1ClientHttpRequestFactory} pools them.
 */
final class Http1Connection implements AutoCloseable {

	/** Longest status or header line accepted; Ably's are far shorter. */
	private static final int MAX_LINE = 64 * 1024;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private final byte[] buf = new byte[8192];

	private int pos;

	private int limit;

	private byte[] line = new byte[256];

	/** Request bytes, reused: head and body go out in one write (one segment, no Nagle wait on the body). */
	final RequestBuffer request = new RequestBuffer();

	/** The body as the converter writes it, before its length (for the head) is known. */
	final RequestBuffer body = new RequestBuffer();

	long idleSince;

	/** Whether a byte of the current response has arrived (before that, a reused connection may just be stale). */
	boolean responseStarted;

	private Http1Connection(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	static Http1Connection open(String host, int port, boolean tls, int connectMillis, int readMillis)
			throws IOException {
		Socket plain = new Socket();
		try {
			plain.setTcpNoDelay(true);
			plain.connect(new InetSocketAddress(host, port), connectMillis);
			plain.setSoTimeout(readMillis);
			if (!tls) {
				return new Http1Connection(plain);
			}
			SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host,
					port, true);
			SSLParameters params = ssl.getSSLParameters();
			params.setEndpointIdentificationAlgorithm("HTTPS");                   // verify the host name
			ssl.setSSLParameters(params);
			ssl.startHandshake();
			return new Http1Connection(ssl);
		}
		catch (IOException | RuntimeException ex) {
			plain.close();
			throw ex;
		}
	}

	/** Sends the request buffer and reads the response; {@code keepAlive} of the result says if this may be reused. */
	Http1Response exchange(boolean head) throws IOException {
		responseStarted = false;
		out.write(request.bytes(), 0, request.length());
		out.flush();
		while (true) {
			Http1Response response = readResponse(head);
			if (response.status() >= 200 || response.status() == 101) {
				return response;
			}
			// 1xx (100 Continue, 103 Early Hints): informational, the real response follows.
		}
	}

	private Http1Response readResponse(boolean head) throws IOException {
		String status = readLine();
		if (status.length() < 12 || !status.startsWith("HTTP/1.")) {
			throw new IOException("malformed status line: " + status);
		}
		int code;
		try {
			code = Integer.parseInt(status, 9, 12, 10);
		}
		catch (NumberFormatException ex) {
			throw new IOException("malformed status line: " + status, ex);
		}
		boolean keepAlive = status.charAt(7) == '1';
		HttpHeaders headers = new HttpHeaders();
		long contentLength = -1;
		boolean chunked = false;
		for (String h = readLine(); !h.isEmpty(); h = readLine()) {
			int colon = h.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String name = h.substring(0, colon).trim();
			String value = h.substring(colon + 1).trim();
			headers.add(name, value);
			if (name.equalsIgnoreCase("Content-Length")) {
				contentLength = parseLength(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding")) {
				chunked = value.regionMatches(true, value.length() - 7, "chunked", 0, 7);
			}
			else if (name.equalsIgnoreCase("Connection")) {
				keepAlive = value.equalsIgnoreCase("keep-alive") || (keepAlive && !value.equalsIgnoreCase("close"));
			}
		}
		byte[] body;
		if (head || code < 200 || code == 204 || code == 304) {
			body = Http1Response.NO_BODY;
		}
		else if (chunked) {
			body = readChunked();
		}
		else if (contentLength >= 0) {
			body = readFully(contentLength);
		}
		else {
			body = readToEnd();                                                     // delimited by the close
			keepAlive = false;
		}
		return new Http1Response(code, headers, body, keepAlive);
	}

	private static long parseLength(String value) throws IOException {
		try {
			long n = Long.parseLong(value);
			if (n < 0 || n > Integer.MAX_VALUE - 16) {
				throw new IOException("unsupported Content-Length " + value);
			}
			return n;
		}
		catch (NumberFormatException ex) {
			throw new IOException("malformed Content-Length " + value, ex);
		}
	}

	private byte[] readFully(long length) throws IOException {
		byte[] body = new byte[(int) length];
		int n = 0;
		while (n < body.length) {
			if (pos == limit) {
				fill();
			}
			int chunk = Math.min(limit - pos, body.length - n);
			System.arraycopy(buf, pos, body, n, chunk);
			pos += chunk;
			n += chunk;
		}
		return body;
	}

	private byte[] readChunked() throws IOException {
		byte[] body = Http1Response.NO_BODY;
		while (true) {
			String size = readLine();
			int semicolon = size.indexOf(';');
			long n;
			try {
				n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
			}
			catch (NumberFormatException ex) {
				throw new IOException("malformed chunk size: " + size, ex);
			}
			if (n == 0) {
				while (!readLine().isEmpty()) {
					// trailers: not used by Ably
				}
				return body;
			}
			if (n < 0 || body.length + n > Integer.MAX_VALUE - 16) {
				throw new IOException("unsupported chunk size " + size);
			}
			byte[] chunk = readFully(n);
			body = body.length == 0 ? chunk : concat(body, chunk);
			readLine();                                                             // the CRLF after the data
		}
	}

	private byte[] readToEnd() throws IOException {
		byte[] body = Arrays.copyOfRange(buf, pos, limit);
		pos = limit;
		byte[] rest = in.readAllBytes();
		return rest.length == 0 ? body : concat(body, rest);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] all = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, all, a.length, b.length);
		return all;
	}

	/** A line without its CRLF (or bare LF), as ISO-8859-1. */
	private String readLine() throws IOException {
		int n = 0;
		while (true) {
			if (pos == limit) {
				fill();
			}
			byte b = buf[pos++];
			if (b == '\n') {
				int end = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
				return new String(line, 0, end, StandardCharsets.ISO_8859_1);
			}
			if (n == line.length) {
				if (n >= MAX_LINE) {
					throw new IOException("response line longer than " + MAX_LINE + " bytes");
				}
				line = Arrays.copyOf(line, n * 2);
			}
			line[n++] = b;
		}
	}

	private void fill() throws IOException {
		int n = in.read(buf, 0, buf.length);
		if (n < 0) {
			throw new EOFException("connection closed by the server");
		}
		responseStarted = true;
		pos = 0;
		limit = n;
	}

	/** Whether bytes arrived that no request asked for: such a connection is out of step and must not be reused. */
	boolean hasUnreadBytes() {
		return pos < limit;
	}

	@Override
	public void close() {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing: nothing left to do with it
		}
	}

	/** A growable byte buffer for the request, kept by its connection. */
	static final class RequestBuffer {

		private byte[] bytes = new byte[1024];

		private int length;

		private OutputStream stream;

		void reset() {
			length = 0;
			if (bytes.length > 64 * 1024) {
				bytes = new byte[1024];                                             // don't keep a rare big body
			}
		}

		byte[] bytes() {
			return bytes;
		}

		int length() {
			return length;
		}

		/** Appends Latin-1 text; CR, LF and characters beyond Latin-1 are refused (no header injection). */
		RequestBuffer text(String s) {
			ensure(s.length());
			for (int i = 0; i < s.length(); i++) {
				char c = s.charAt(i);
				if (c > 0xFF || c == '\r' || c == '\n') {
					throw new IllegalArgumentException("invalid character in request head: " + (int) c);
				}
				bytes[length++] = (byte) c;
			}
			return this;
		}

		RequestBuffer crlf() {
			ensure(2);
			bytes[length++] = '\r';
			bytes[length++] = '\n';
			return this;
		}

		RequestBuffer raw(byte[] b, int offset, int count) {
			ensure(count);
			System.arraycopy(b, offset, bytes, length, count);
			length += count;
			return this;
		}

		/** This buffer as a stream; writes append. */
		OutputStream stream() {
			OutputStream s = stream;
			if (s == null) {
				stream = s = new OutputStream() {
					@Override
					public void write(int b) {
						ensure(1);
						bytes[length++] = (byte) b;
					}

					@Override
					public void write(byte[] b, int offset, int count) {
						raw(b, offset, count);
					}
				};
			}
			return s;
		}

		private void ensure(int more) {
			if (length + more > bytes.length) {
				bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
			}
		}
	}
}
