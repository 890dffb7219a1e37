package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A manual clock for realtime unit tests (the UTS "fake timers"): time moves only in {@link #advance}, which runs the
 * due timers in order and waits for the client's event loop to finish what each one started.
 */
final class ManualScheduler implements RealtimeScheduler {

	private final PriorityQueue<Task> tasks = new PriorityQueue<>();

	private final List<AblyRealtime> clients = new ArrayList<>();

	private long now = 1_750_000_000_000L;

	private long sequence;

	/** The client whose event loop {@link #advance} waits for; call once after constructing it. */
	synchronized ManualScheduler attach(AblyRealtime client) {
		clients.add(client);
		return this;
	}

	@Override
	public synchronized long currentTimeMillis() {
		return now;
	}

	@Override
	public synchronized Timer schedule(Runnable task, Duration delay) {
		Task t = new Task(now + Math.max(0, delay.toMillis()), sequence++, task);
		tasks.add(t);
		return () -> {
			synchronized (ManualScheduler.this) {
				tasks.remove(t);
			}
		};
	}

	/** The number of pending timers. */
	synchronized int pending() {
		return tasks.size();
	}

	/** When the next timer is due, relative to now, or null. */
	synchronized Duration nextDue() {
		Task next = tasks.peek();
		return next == null ? null : Duration.ofMillis(next.time - now);
	}

	/** Moves time forward by {@code duration}, running every timer due on the way, in order. */
	void advance(Duration duration) {
		settle();
		long target;
		synchronized (this) {
			target = now + duration.toMillis();
		}
		while (true) {
			Task next;
			synchronized (this) {
				next = tasks.peek();
				if (next == null || next.time > target) {
					now = target;
					break;
				}
				tasks.poll();
				now = next.time;
			}
			next.task.run();
			settle();
		}
		settle();
	}

	/** Waits until every attached client's event loop has run what is queued now. */
	void settle() {
		List<AblyRealtime> copy;
		synchronized (this) {
			copy = List.copyOf(clients);
		}
		for (AblyRealtime client : copy) {
			// Twice: a task may post one more task (a transport event, say).
			client.loop().call(() -> null).join();
			client.loop().call(() -> null).join();
		}
	}

	private record Task(long time, long sequence, Runnable task) implements Comparable<Task> {

		@Override
		public int compareTo(Task o) {
			return time != o.time ? Long.compare(time, o.time) : Long.compare(sequence, o.sequence);
		}
	}
}
