package io.github.ablyspring.protocol.payload;

import java.util.Objects;
import java.util.function.Function;

import io.github.ablyspring.protocol.ErrorInfo;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of decoding a payload (RSL6). When a step fails, {@code value} holds the data as far as it was decoded
 * with the residual encoding (the failed step and those left of it), and {@code error} says why (RSL6b): the caller
 * logs it and still delivers the value, except for delta failures (code 40018), which need recovery (RTL18).
 *
 * @param value the decoded value, fully or partially
 * @param error why decoding stopped early, or {@code null} when every step was undone
 * @param deltaContext the context to decode the next message of the same channel with (RTL19)
 * @param <T> the decoded type
 */
public record DecodeResult<T>(T value, @Nullable ErrorInfo error, DeltaContext deltaContext) {

	public DecodeResult {
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(deltaContext, "deltaContext");
	}

	/** Whether every encoding step was undone. */
	public boolean isComplete() {
		return error == null;
	}

	/** The same outcome for another value, e.g. the message carrying the decoded payload. */
	public <R> DecodeResult<R> map(Function<? super T, ? extends R> mapper) {
		return new DecodeResult<>(mapper.apply(value), error, deltaContext);
	}
}
