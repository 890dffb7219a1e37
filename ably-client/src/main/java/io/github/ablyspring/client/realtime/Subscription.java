package io.github.ablyspring.client.realtime;

/** A registered listener; {@link #unsubscribe()} removes it. Try-with-resources closes it the same way. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

	void unsubscribe();

	@Override
	default void close() {
		unsubscribe();
	}
}
