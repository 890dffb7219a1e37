package io.github.ablyspring.server.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.ablyspring.protocol.codec.ProtocolVersion;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;

import org.jspecify.annotations.Nullable;

/**
 * One REST request, read once: method, path, query, headers and body, with the codecs its {@code Content-Type},
 * {@code Accept} and {@code X-Ably-Version} headers ask for.
 */
public final class RestExchange {

	private final FullHttpRequest request;

	private final String path;

	private final Map<String, List<String>> query;

	private final byte[] body;

	RestExchange(FullHttpRequest request) {
		this.request = request;
		QueryStringDecoder decoder = new QueryStringDecoder(request.uri());
		this.path = decoder.path();
		this.query = decoder.parameters();
		this.body = ByteBufUtil.getBytes(request.content());
	}

	public HttpMethod method() {
		return request.method();
	}

	public String path() {
		return path;
	}

	public String uri() {
		return request.uri();
	}

	public @Nullable String query(String name) {
		List<String> values = query.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	public Map<String, List<String>> queryParams() {
		return query;
	}

	public @Nullable String header(String name) {
		return request.headers().get(name);
	}

	public byte[] body() {
		return body;
	}

	public String bodyText() {
		return new String(body, StandardCharsets.UTF_8);
	}

	public int protocolVersion() {
		String header = header("X-Ably-Version");
		int version = header == null ? ProtocolVersion.MIN : ProtocolVersion.parse(header);
		return ProtocolVersion.isSupported(version) ? version : ProtocolVersion.CURRENT;
	}

	/** The codec of the request body. */
	public WireCodec requestCodec() {
		String type = header(HttpHeaderNames.CONTENT_TYPE.toString());
		return WireCodec.of(WireFormat.fromMediaType(type), protocolVersion());
	}

	/** The codec of the response: what {@code Accept} (or {@code format}) prefers, JSON by default. */
	public WireCodec responseCodec() {
		String format = query("format");
		String accept = header(HttpHeaderNames.ACCEPT.toString());
		boolean msgpack = "msgpack".equalsIgnoreCase(format)
				|| (format == null && accept != null && accept.contains("msgpack") && !accept.startsWith("application/json"));
		return WireCodec.of(msgpack ? WireFormat.MSGPACK : WireFormat.JSON, protocolVersion());
	}
}
