package io.github.ablyspring.client.http;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;

/** An error response that is final (no fallback, no renewal left), kept whole for {@link HttpCore#sendForResponse}. */
final class ErrorResponseException extends AblyException {

	private final transient RestResponse response;

	ErrorResponseException(ErrorInfo error, RestResponse response) {
		super(error);
		this.response = response;
	}

	RestResponse response() {
		return response;
	}

	ErrorResponseException withErrorInfo(ErrorInfo error) {
		return new ErrorResponseException(error, response);
	}

	/** To callers this is an {@link AblyException} like any other. */
	@Override
	public String toString() {
		return "AblyException: " + errorInfo();
	}
}
