package io.github.ablyspring.client.realtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PublishResult;

/**
 * The connection's outgoing publishes: those queued while not connected (RTL6c2) and those sent and awaiting an ACK
 * or NACK (RTN7), with the {@code msgSerial} counter. Event-loop confined.
 */
final class PublishQueue {

	private long msgSerial;

	private final ArrayDeque<PendingPublish> queued = new ArrayDeque<>();

	private final ArrayDeque<PendingPublish> awaiting = new ArrayDeque<>();

	long msgSerial() {
		return msgSerial;
	}

	/** RTN16f: continues the counter of a recovered connection. */
	void setMsgSerial(long value) {
		msgSerial = value;
	}

	/** RTL6c2: queued for the next CONNECTED, bundled with the last queued one when possible (RTL6d). */
	void queue(PendingPublish publish, long maxMessageSize) {
		PendingPublish last = queued.peekLast();
		if (last == null || !last.absorb(publish, maxMessageSize)) {
			queued.add(publish);
		}
	}

	/** Numbers {@code publish} and records it as awaiting its ACK. */
	PendingPublish sent(PendingPublish publish) {
		publish.assignSerial(msgSerial++);
		awaiting.add(publish);
		return publish;
	}

	/**
	 * RTN19a: what to send on a new transport, in order: the un-ACKed publishes (renumbered after a failed resume,
	 * RTN19a2), then the queued ones.
	 */
	List<PendingPublish> onConnected(boolean resumed) {
		List<PendingPublish> toSend = new ArrayList<>(awaiting.size() + queued.size());
		if (!resumed) {
			msgSerial = 0;
			List<PendingPublish> previous = new ArrayList<>(awaiting);
			awaiting.clear();
			for (PendingPublish p : previous) {
				toSend.add(sent(p));
			}
		}
		else {
			toSend.addAll(awaiting);
		}
		PendingPublish next;
		while ((next = queued.poll()) != null) {
			toSend.add(sent(next));
		}
		return toSend;
	}

	/** The queued publishes, numbered and now awaiting their ACK, in order: to send while connected. */
	List<PendingPublish> drainQueued() {
		List<PendingPublish> toSend = new ArrayList<>(queued.size());
		PendingPublish next;
		while ((next = queued.poll()) != null) {
			toSend.add(sent(next));
		}
		return toSend;
	}

	/** RTN7a: the ACK of {@code count} messages from {@code serial}. */
	void ack(long serial, int count, @Nullable List<PublishResult> results) {
		settle(serial, count, (p, i) -> p.acknowledge(results != null && i < results.size() ? results.get(i) : null));
	}

	void nack(long serial, int count, ErrorInfo error) {
		settle(serial, count, (p, i) -> p.fail(error));
	}

	/** RTN7e: fails everything waiting (on SUSPENDED, CLOSED, FAILED). */
	void failAll(ErrorInfo error) {
		List<PendingPublish> all = new ArrayList<>(awaiting);
		all.addAll(queued);
		awaiting.clear();
		queued.clear();
		all.forEach(p -> p.fail(error));
	}

	/** Queued publishes only (RTL6c4: when the connection can no longer queue). */
	void failQueued(ErrorInfo error) {
		List<PendingPublish> all = new ArrayList<>(queued);
		queued.clear();
		all.forEach(p -> p.fail(error));
	}

	int awaitingCount() {
		return awaiting.size();
	}

	int queuedCount() {
		return queued.size();
	}

	private void settle(long serial, int count, Settler settler) {
		long end = serial + Math.max(count, 1);
		Iterator<PendingPublish> it = awaiting.iterator();
		while (it.hasNext()) {
			PendingPublish p = it.next();
			long s = p.msgSerial();
			if (s >= end) {
				break;
			}
			if (s >= serial) {
				it.remove();
				settler.settle(p, (int) (s - serial));
			}
		}
	}

	@FunctionalInterface
	private interface Settler {

		void settle(PendingPublish publish, int index);
	}
}
