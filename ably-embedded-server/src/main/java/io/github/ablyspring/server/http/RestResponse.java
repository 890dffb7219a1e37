package io.github.ablyspring.server.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireType;
import io.github.ablyspring.protocol.codec.WireTypes;

import org.jspecify.annotations.Nullable;

/** A REST response: status, headers and an encoded body. */
public record RestResponse(int status, Map<String, String> headers, byte @Nullable [] body,
		@Nullable String contentType) {

	public static <T> RestResponse of(int status, WireCodec codec, T value, WireType<T> type) {
		return new RestResponse(status, new LinkedHashMap<>(), codec.encode(value, type), codec.format().mediaType());
	}

	public static RestResponse noContent() {
		return new RestResponse(204, new LinkedHashMap<>(), null, null);
	}

	/** Ably's error body {@code {error:{...}}}, with the code and message also in headers. */
	public static RestResponse error(ErrorInfo error, WireCodec codec) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Ably-ErrorCode", String.valueOf(error.code()));
		headers.put("X-Ably-ErrorMessage", sanitize(error.message()));
		int status = error.statusCode() >= 400 && error.statusCode() < 600 ? error.statusCode() : 500;
		return new RestResponse(status, headers, codec.encode(error, WireTypes.ERROR_RESPONSE),
				codec.format().mediaType());
	}

	public RestResponse withHeader(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(headers);
		copy.put(name, value);
		return new RestResponse(status, copy, body, contentType);
	}

	private static String sanitize(@Nullable String text) {
		// Header values must be single-line ASCII.
		return text == null ? "" : text.replaceAll("[^\\x20-\\x7e]", "?");
	}
}
