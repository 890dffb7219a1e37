package io.github.ablyspring.client.realtime;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.ErrorInfo;

/**
 * TA1-TA5: a connection state change: from {@code previous} to {@code current}, the event, the error that caused it and,
 * when a retry is scheduled, when it happens.
 */
public record ConnectionStateChange(ConnectionState previous, ConnectionState current, ConnectionEvent event,
		@Nullable ErrorInfo reason, @Nullable Duration retryIn) {
}
