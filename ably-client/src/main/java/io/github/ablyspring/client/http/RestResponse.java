package io.github.ablyspring.client.http;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PageLinks;
import io.github.ablyspring.protocol.codec.CodecException;
import io.github.ablyspring.protocol.codec.ProtocolVersion;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireType;

/**
 * A response as received, decoded on demand in the format its {@code Content-Type} names (whatever was asked for).
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body bytes, empty when there is none
 * @param host the host that answered
 */
public record RestResponse(int status, HttpHeaders headers, byte[] body, String host) {

	public WireFormat format() {
		return WireFormat.fromMediaType(headers.getFirst(HttpHeaders.CONTENT_TYPE));
	}

	/**
	 * The body as a {@code type}; a body that does not decode is a server fault, 50000 with the codec's error, and
	 * one of a type that is neither JSON nor msgpack is 40013 (RSC8e).
	 */
	public <T> T decode(WireType<T> type) {
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		if (contentType != null && !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")
				&& !contentType.toLowerCase(java.util.Locale.ROOT).contains("msgpack")) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_DATA_OR_ENCODING, 400,
					"unsupported response Content-Type " + contentType + " from " + host));
		}
		try {
			return WireCodec.of(format(), ProtocolVersion.CURRENT).decode(body, type);
		}
		catch (CodecException ex) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INTERNAL_ERROR, 500,
					"malformed " + format() + " response body from " + host).withCause(ex.errorInfo()), ex);
		}
	}

	/** The body as a {@code type}, or {@code fallback} when there is no body. */
	public <T> T decodeOr(WireType<T> type, T fallback) {
		return body.length == 0 ? fallback : decode(type);
	}

	/** The error of a non-2xx response (its body's, its {@code X-Ably-Error*} headers', or made up from the status). */
	public ErrorInfo errorInfo() {
		return ResponseErrors.fromResponse(this).errorInfo();
	}

	/** TG1: the paging links of the {@code Link} headers. */
	public PageLinks links() {
		List<String> values = headers.get(HttpHeaders.LINK);
		return PageLinks.fromHeaders(values);
	}

	public @Nullable String header(String name) {
		return headers.getFirst(name);
	}

	@Override
	public String toString() {
		return "RestResponse[" + status + " from " + host + ", " + body.length + " bytes]";
	}
}
