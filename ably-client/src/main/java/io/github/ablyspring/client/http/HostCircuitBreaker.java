package io.github.ablyspring.client.http;

import java.time.Duration;

/**
 * The seam for a circuit breaker per host (RSC15 hardening): while a host's breaker is open, requests skip that host
 * at once instead of waiting for it to time out. The default, {@link #NONE}, lets everything through;
 * {@link Resilience4jHostCircuitBreaker} is one Resilience4j {@code CircuitBreaker} per host from a registry.
 */
public interface HostCircuitBreaker {

	/** Lets every request through and records nothing. */
	HostCircuitBreaker NONE = new HostCircuitBreaker() {
	};

	/** Whether a request may go to {@code host} now; {@code false} skips the host as if it had failed. */
	default boolean tryAcquirePermission(String host) {
		return true;
	}

	/** The host answered (any status that is not a qualifying failure). */
	default void onSuccess(String host, Duration elapsed) {
	}

	/** The host failed in a way that qualifies for a fallback (RSC15l). */
	default void onError(String host, Duration elapsed, Throwable error) {
	}
}
