package io.github.ablyspring.client.http;

import java.net.SocketTimeoutException;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.codec.CodecException;
import io.github.ablyspring.protocol.codec.ProtocolVersion;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireTypes;

/**
 * Turns failed responses and transport failures into {@link AblyException}s, so no HTTP client or Jackson exception
 * reaches the caller.
 */
final class ResponseErrors {

	static final String ERROR_CODE_HEADER = "X-Ably-ErrorCode";

	static final String ERROR_MESSAGE_HEADER = "X-Ably-ErrorMessage";

	private ResponseErrors() {
	}

	/**
	 * The error of a non-2xx response: the {@code ErrorInfo} in its body; else the {@code X-Ably-ErrorCode} and
	 * {@code X-Ably-ErrorMessage} headers; else one made up from the status (4xx: status &times; 100, else 50000).
	 */
	static AblyException fromResponse(RestResponse response) {
		ErrorInfo error = fromBody(response);
		if (error == null) {
			error = fromHeaders(response);
		}
		if (error == null) {
			int status = response.status();
			int code = status >= 400 && status < 500 ? status * 100 : ErrorCodes.INTERNAL_ERROR;
			error = ErrorInfo.of(code, status, "HTTP " + status + " from " + response.host());
		}
		return new AblyException(error);
	}

	private static @Nullable ErrorInfo fromBody(RestResponse response) {
		if (response.body().length == 0) {
			return null;
		}
		try {
			ErrorInfo error = WireCodec.of(response.format(), ProtocolVersion.CURRENT).decode(response.body(),
					WireTypes.ERROR_RESPONSE);
			// Some proxies send an error object without a status: the HTTP status is the truth.
			return error.statusCode() > 0 ? error
					: new ErrorInfo(error.code(), response.status(), error.message(), error.href(), error.requestId(),
							error.cause(), error.detail());
		}
		catch (CodecException ex) {
			return null;
		}
	}

	private static @Nullable ErrorInfo fromHeaders(RestResponse response) {
		String code = response.header(ERROR_CODE_HEADER);
		if (code == null) {
			return null;
		}
		try {
			return ErrorInfo.of(Integer.parseInt(code.trim()), response.status(), response.header(ERROR_MESSAGE_HEADER));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * A transport failure on {@code host}: 50003 for a timeout, 80000 when the host cannot be reached (unknown host,
	 * refused or dropped connection), both with status 500 unless a more precise one applies.
	 */
	static AblyException fromTransport(String host, Throwable failure) {
		Throwable root = failure;
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (t instanceof SocketTimeoutException) {
				return new AblyException(ErrorInfo.of(ErrorCodes.TIMEOUT_ERROR, 500, "timed out waiting for " + host),
						failure);
			}
			root = t;
		}
		return new AblyException(ErrorInfo.of(ErrorCodes.CONNECTION_FAILED, 500,
				"cannot reach " + host + ": " + describe(root)), failure);
	}

	private static String describe(Throwable t) {
		String message = t.getMessage();
		return t.getClass().getSimpleName() + (message != null ? " (" + message + ")" : "");
	}
}
