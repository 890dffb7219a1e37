package io.github.ablyspring.server.rest;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.ablyspring.protocol.ErrorInfo;

import org.jspecify.annotations.Nullable;

/** Fault injection: how many of the next REST requests fail, and with what. Thread-safe. */
public final class RestFailures {

	private final AtomicInteger remaining = new AtomicInteger();

	private volatile ErrorInfo error = ErrorInfo.of(50300, 503, "service unavailable (fault injection)");

	/** The next {@code count} REST requests (except {@code /_emulator}) are answered with {@code error}. */
	public void failNext(int count, ErrorInfo error) {
		this.error = error;
		remaining.set(Math.max(0, count));
	}

	/** The error for this request if it is one of those to fail, taking its turn; else {@code null}. */
	@Nullable ErrorInfo take() {
		return remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? error : null;
	}
}
