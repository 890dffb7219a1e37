package io.github.ablyspring.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Ably's error value (TI1): an Ably {@code code}, an HTTP-like {@code statusCode} and a human message, with an
 * optional {@code href}, {@code requestId} (RSC7c), nested {@code cause} and {@code detail} map (TI6).
 */
public record ErrorInfo(int code, int statusCode, @Nullable String message, @Nullable String href,
		@Nullable String requestId, @Nullable ErrorInfo cause, Map<String, String> detail) {

	private static final String HELP_URL = "https://help.ably.io/error/";

	public ErrorInfo {
		detail = detail == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(detail));
	}

	public static ErrorInfo of(int code, int statusCode, @Nullable String message) {
		return new ErrorInfo(code, statusCode, message, null, null, null, Map.of());
	}

	/** An error whose status code follows the Ably convention: the first three digits of the code. */
	public static ErrorInfo of(int code, @Nullable String message) {
		return of(code, defaultStatusCode(code), message);
	}

	public ErrorInfo withCause(@Nullable ErrorInfo cause) {
		return new ErrorInfo(code, statusCode, message, href, requestId, cause, detail);
	}

	public ErrorInfo withRequestId(@Nullable String requestId) {
		return new ErrorInfo(code, statusCode, message, href, requestId, cause, detail);
	}

	public ErrorInfo withHref(@Nullable String href) {
		return new ErrorInfo(code, statusCode, message, href, requestId, cause, detail);
	}

	/** The help link for this code (TI5): the explicit {@code href}, else Ably's page for the code. */
	public String helpUrl() {
		return href != null ? href : HELP_URL + code;
	}

	static int defaultStatusCode(int code) {
		int status = code / 100;
		return (status >= 100 && status < 600) ? status : 500;
	}

	@Override
	public String toString() {
		StringBuilder sb = new StringBuilder("[ErrorInfo code=").append(code).append(" statusCode=").append(statusCode);
		if (message != null) {
			sb.append(" message=").append(message);
		}
		if (requestId != null) {
			sb.append(" requestId=").append(requestId);
		}
		if (message == null || !message.contains(HELP_URL)) {
			sb.append(" (See ").append(helpUrl()).append(')');
		}
		if (cause != null) {
			sb.append(" cause=").append(cause);
		}
		return sb.append(']').toString();
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof ErrorInfo e && code == e.code && statusCode == e.statusCode
				&& Objects.equals(message, e.message) && Objects.equals(href, e.href)
				&& Objects.equals(requestId, e.requestId) && Objects.equals(cause, e.cause)
				&& detail.equals(e.detail);
	}

	@Override
	public int hashCode() {
		return Objects.hash(code, statusCode, message);
	}
}
