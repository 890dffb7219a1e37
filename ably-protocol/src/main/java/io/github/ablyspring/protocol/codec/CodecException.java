package io.github.ablyspring.protocol.codec;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;

import org.jspecify.annotations.Nullable;

/**
 * The only exception the codecs throw: malformed, truncated, hostile or over-limit input. Carries Ably error
 * {@code 40001} (invalid request body, status 400) unless a more specific code applies.
 */
public class CodecException extends AblyException {

	private static final long serialVersionUID = 1L;

	public CodecException(String message) {
		this(ErrorCodes.INVALID_REQUEST_BODY, message, null);
	}

	public CodecException(String message, @Nullable Throwable cause) {
		this(ErrorCodes.INVALID_REQUEST_BODY, message, cause);
	}

	public CodecException(int code, String message, @Nullable Throwable cause) {
		super(ErrorInfo.of(code, 400, message), cause);
	}
}
