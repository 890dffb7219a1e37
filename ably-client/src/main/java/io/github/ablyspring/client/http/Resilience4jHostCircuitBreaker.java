package io.github.ablyspring.client.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * A Resilience4j {@link CircuitBreaker} per host (RSC15 hardening): {@link HttpCore} reports each qualifying failure
 * (unreachable, timeout, 500&ndash;504) as an error and every other answer (2xx, 4xx) as a success, so only a host
 * that is down opens its breaker. While it is open the host is skipped at once and the request goes straight to a
 * fallback.
 * <p>
 * Breakers come from the given {@link CircuitBreakerRegistry}, named {@code ably-host-<host>}, so an application (or
 * the Spring starter) can supply its own registry, configuration and metrics. Not enabled unless set with
 * {@code ClientOptions.builder().circuitBreaker(...)}. Thread-safe.
 */
public final class Resilience4jHostCircuitBreaker implements HostCircuitBreaker {

	/** The prefix of the breaker names in the registry. */
	public static final String NAME_PREFIX = "ably-host-";

	private final CircuitBreakerRegistry registry;

	private final @Nullable String configName;

	/** Breakers with the registry's default configuration. */
	public Resilience4jHostCircuitBreaker(CircuitBreakerRegistry registry) {
		this(registry, null);
	}

	/** Breakers with the registry's configuration {@code configName} (the default one when null). */
	public Resilience4jHostCircuitBreaker(CircuitBreakerRegistry registry,
			@Nullable String configName) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.configName = configName;
	}

	/** Breakers with {@code config}, in a registry of their own. */
	public static Resilience4jHostCircuitBreaker of(CircuitBreakerConfig config) {
		return new Resilience4jHostCircuitBreaker(CircuitBreakerRegistry.of(config));
	}

	/** Breakers with Resilience4j's default configuration, in a registry of their own. */
	public static Resilience4jHostCircuitBreaker ofDefaults() {
		return new Resilience4jHostCircuitBreaker(CircuitBreakerRegistry.ofDefaults());
	}

	/** The breaker of {@code host}, created on first use. */
	public CircuitBreaker breaker(String host) {
		String name = NAME_PREFIX + host;
		return configName != null ? registry.circuitBreaker(name, configName) : registry.circuitBreaker(name);
	}

	@Override
	public boolean tryAcquirePermission(String host) {
		return breaker(host).tryAcquirePermission();
	}

	@Override
	public void onSuccess(String host, Duration elapsed) {
		breaker(host).onSuccess(elapsed.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Override
	public void onError(String host, Duration elapsed, Throwable error) {
		breaker(host).onError(elapsed.toNanos(), TimeUnit.NANOSECONDS, error);
	}

	@Override
	public String toString() {
		return "Resilience4jHostCircuitBreaker[" + (configName != null ? configName : "default") + "]";
	}
}
