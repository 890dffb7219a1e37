package io.github.ablyspring.client.http;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * RSC15f: remembers the fallback host that last worked, for {@code fallbackRetryTimeout}, so that later requests go
 * straight to it instead of failing on the primary again. Thread-safe.
 */
final class PreferredHost {

	private record Entry(String host, long untilNanos) {
	}

	private final long timeoutNanos;

	private final LongSupplier nanoClock;

	private volatile @Nullable Entry entry;

	PreferredHost(Duration fallbackRetryTimeout, LongSupplier nanoClock) {
		this.timeoutNanos = fallbackRetryTimeout.toNanos();
		this.nanoClock = nanoClock;
	}

	/** The remembered fallback, or null when there is none or its time is up. */
	@Nullable String get() {
		Entry e = entry;
		if (e == null) {
			return null;
		}
		if (nanoClock.getAsLong() - e.untilNanos >= 0) {
			entry = null;
			return null;
		}
		return e.host;
	}

	void remember(String host) {
		entry = new Entry(host, nanoClock.getAsLong() + timeoutNanos);
	}

	/** Forgets {@code host} if it is the remembered one (it just failed). */
	void forget(String host) {
		Entry e = entry;
		if (e != null && e.host.equals(host)) {
			entry = null;
		}
	}
}
