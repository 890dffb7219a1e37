package io.github.ablyspring.protocol;

import org.jspecify.annotations.Nullable;

/** The one exception type of the project: every failure surfaces as an {@link ErrorInfo} (TI2). */
public class AblyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient ErrorInfo errorInfo;

	public AblyException(ErrorInfo errorInfo) {
		this(errorInfo, null);
	}

	public AblyException(ErrorInfo errorInfo, @Nullable Throwable cause) {
		super(String.valueOf(errorInfo.message()), cause);
		this.errorInfo = errorInfo;
	}

	public static AblyException of(int code, String message) {
		return new AblyException(ErrorInfo.of(code, message));
	}

	public static AblyException of(int code, String message, @Nullable Throwable cause) {
		return new AblyException(ErrorInfo.of(code, message), cause);
	}

	public ErrorInfo errorInfo() {
		return errorInfo;
	}

	public int code() {
		return errorInfo.code();
	}

	public int statusCode() {
		return errorInfo.statusCode();
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + ": " + errorInfo;
	}
}
