package io.github.ablyspring.server.realtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceMessage;

/**
 * One channel: its history, its subscribers and its presence set. Lives on the core thread only. Serials are
 * zero-padded sequence numbers, so they sort the way they were assigned.
 */
final class ServerChannel {

	private static final int DEDUP_WINDOW = 10_000;

	final String name;

	private long sequence;

	private String lastSerial = "";

	/** Messages in publish order, oldest first. */
	final Deque<Message> history = new ArrayDeque<>();

	/** Presence events in order, oldest first. */
	final Deque<PresenceMessage> presenceHistory = new ArrayDeque<>();

	/** Attached connections, in attach order (the fan-out order). */
	final Set<ServerConnection> subscribers = new LinkedHashSet<>();

	/** Present members by memberKey (TP3h). */
	final Map<String, PresenceMessage> members = new LinkedHashMap<>();

	/** Recently seen message ids, for idempotent publishing (RSL1k). */
	private final Set<String> recentIds = new LinkedHashSet<>();

	ServerChannel(String name) {
		this.name = name;
	}

	/** The next message serial; {@code index} numbers messages within one ProtocolMessage. */
	String nextSerial(int index) {
		if (index == 0) {
			sequence++;
		}
		lastSerial = String.format("%016d-%03d@embedded", sequence, index);
		return lastSerial;
	}

	/** The channel serial to report in ATTACHED and with each delivery: the latest serial assigned. */
	String channelSerial() {
		return lastSerial;
	}

	/** Records a message id; false when it was seen already (a duplicate publish). */
	boolean rememberId(String id) {
		if (!recentIds.add(id)) {
			return false;
		}
		if (recentIds.size() > DEDUP_WINDOW) {
			recentIds.remove(recentIds.iterator().next());
		}
		return true;
	}

	void store(Collection<Message> messages, long now, long retentionMillis) {
		history.addAll(messages);
		trim(history, now, retentionMillis);
	}

	void storePresence(Collection<PresenceMessage> events, long now, long retentionMillis) {
		presenceHistory.addAll(events);
		while (!presenceHistory.isEmpty() && presenceHistory.peekFirst().timestamp() != null
				&& presenceHistory.peekFirst().timestamp() < now - retentionMillis) {
			presenceHistory.removeFirst();
		}
	}

	private static void trim(Deque<Message> history, long now, long retentionMillis) {
		while (!history.isEmpty() && history.peekFirst().timestamp() != null
				&& history.peekFirst().timestamp() < now - retentionMillis) {
			history.removeFirst();
		}
	}

	List<PresenceMessage> presentMembers() {
		return new ArrayList<>(members.values());
	}
}
