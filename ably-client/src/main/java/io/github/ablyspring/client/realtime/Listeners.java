package io.github.ablyspring.client.realtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Listeners of one kind of event, each with a filter; {@link #emit} hands matching listeners to the serial executor.
 * Registration is thread-safe; a listener removed before its turn is not called.
 */
final class Listeners<E> {

	private final List<Entry<E>> entries = new CopyOnWriteArrayList<>();

	private final Executor executor;

	Listeners(Executor executor) {
		this.executor = executor;
	}

	Subscription add(Predicate<? super E> filter, Consumer<? super E> listener) {
		return add(filter, listener, null);
	}

	/** A listener with a {@code tag} (an event name, say) that {@link #remove(Object, Object)} can match. */
	Subscription add(Predicate<? super E> filter, Consumer<? super E> listener, @Nullable Object tag) {
		Entry<E> entry = new Entry<>(filter, listener, false, tag);
		entries.add(entry);
		return () -> entries.remove(entry);
	}

	/** Removes every registration of {@code listener}; an unknown listener is a no-op. */
	void remove(Object listener) {
		entries.removeIf(e -> e.listener == listener);
	}

	/** Removes the registrations of {@code listener} made with {@code tag}. */
	void remove(Object tag, Object listener) {
		entries.removeIf(e -> e.listener == listener && tag.equals(e.tag));
	}

	/** A listener called for the first matching event only. */
	Subscription once(Predicate<? super E> filter, Consumer<? super E> listener) {
		Entry<E> entry = new Entry<>(filter, listener, true, null);
		entries.add(entry);
		return () -> entries.remove(entry);
	}

	void clear() {
		entries.clear();
	}

	boolean isEmpty() {
		return entries.isEmpty();
	}

	void emit(E event) {
		for (Entry<E> entry : entries) {
			if (!entry.filter.test(event)) {
				continue;
			}
			if (entry.once && !entries.remove(entry)) {
				continue;
			}
			executor.execute(() -> {
				if (entry.once || entries.contains(entry)) {
					entry.listener.accept(event);
				}
			});
		}
	}

	private record Entry<E>(Predicate<? super E> filter, Consumer<? super E> listener, boolean once,
			@Nullable Object tag) {

		@Override
		public boolean equals(Object o) {
			return this == o;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}
	}
}
