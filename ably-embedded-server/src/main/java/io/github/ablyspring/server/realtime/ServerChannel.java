package io.github.ablyspring.server.realtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceMessage;

import org.jspecify.annotations.Nullable;

/**
 * One channel: its history, its subscribers and its presence set. Lives on the core thread only. Serials are
 * zero-padded sequence numbers, so they sort the way they were assigned.
 */
final class ServerChannel {

	private static final int DEDUP_WINDOW = 10_000;

	final String name;

	private long sequence;

	/** Before any message the serial is sequence 0, so a client can still ask to continue "from the start". */
	private String lastSerial = serial(0, 0);

	/** Messages in publish order, oldest first. */
	final Deque<Message> history = new ArrayDeque<>();

	/** Presence events in order, oldest first. */
	final Deque<PresenceMessage> presenceHistory = new ArrayDeque<>();

	/** Attached connections, in attach order (the fan-out order). */
	final Set<ServerConnection> subscribers = new LinkedHashSet<>();

	/** Present members by memberKey (TP3h). */
	final Map<String, PresenceMessage> members = new LinkedHashMap<>();

	/** Subscribers attached with {@code delta=vcdiff} (RTL18-RTL20), with the base of each one's next delta. */
	final Map<ServerConnection, Deltas.Base> deltaSubscribers = new java.util.HashMap<>();

	/**
	 * Recently seen message ids, for idempotent publishing (RSL1k): the last {@link #DEDUP_WINDOW} distinct ids.
	 * {@code recentIds} answers "seen?", {@code recentOrder} holds the same ids oldest first, for eviction.
	 */
	private final Set<String> recentIds = new HashSet<>();

	private final Deque<String> recentOrder = new ArrayDeque<>();

	ServerChannel(String name) {
		this.name = name;
	}

	/** The next message serial; {@code index} numbers messages within one ProtocolMessage. */
	String nextSerial(int index) {
		if (index == 0) {
			sequence++;
		}
		lastSerial = serial(sequence, index);
		return lastSerial;
	}

	private static final String SERIAL_SUFFIX = "@embedded";

	/**
	 * {@code String.format(Locale.ROOT, "%016d-%03d@embedded", sequence, index)}, written out by hand: this runs
	 * once per published message on the core thread, and {@code Formatter} parses its pattern every call.
	 */
	static String serial(long sequence, int index) {
		if (sequence < 0 || index < 0) {
			// Never assigned; keep Formatter's exact rendering of a sign rather than re-implement it.
			return String.format(java.util.Locale.ROOT, "%016d-%03d" + SERIAL_SUFFIX, sequence, index);
		}
		StringBuilder out = new StringBuilder(30);
		appendPadded(out, sequence, 16);
		out.append('-');
		appendPadded(out, index, 3);
		return out.append(SERIAL_SUFFIX).toString();
	}

	/** Appends a non-negative {@code value} in decimal, left-padded with zeros to at least {@code width} digits. */
	private static void appendPadded(StringBuilder out, long value, int width) {
		int digits = 1;
		for (long rest = value / 10; rest != 0; rest /= 10) {
			digits++;
		}
		for (int i = digits; i < width; i++) {
			out.append('0');
		}
		out.append(value);
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
		recentOrder.addLast(id);
		if (recentOrder.size() > DEDUP_WINDOW) {
			recentIds.remove(recentOrder.pollFirst());
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

	/**
	 * The messages after {@code serial}, oldest first, or {@code null} when continuity from it cannot be given:
	 * the serial is not one of this channel's, or history no longer reaches back to it.
	 */
	@Nullable List<Message> messagesAfter(String serial) {
		long from = sequenceOf(serial);
		if (from < 0 || from > sequence) {
			return null;
		}
		Message oldest = history.peekFirst();
		if (from < sequence && (oldest == null || sequenceOf(oldest.serial()) > from + 1)) {
			return null;
		}
		List<Message> after = new ArrayList<>();
		for (Message m : history) {
			if (m.serial() != null && m.serial().compareTo(serial) > 0) {
				after.add(m);
			}
		}
		return after;
	}

	/** The sequence number a serial of this server starts with, or -1. */
	static long sequenceOf(@Nullable String serial) {
		if (serial == null || serial.length() < 16) {
			return -1;
		}
		// Fast path, no substring: 16 ASCII digits (every serial this server assigns; at most 10^16 - 1, no overflow).
		long value = 0;
		int i = 0;
		for (; i < 16; i++) {
			char c = serial.charAt(i);
			if (c < '0' || c > '9') {
				break;
			}
			value = value * 10 + (c - '0');
		}
		if (i == 16) {
			return value;
		}
		// Anything else (a sign, non-ASCII digits, garbage) is parsed exactly as before.
		try {
			return Long.parseLong(serial.substring(0, 16));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** Most messages a rewind delivers (Ably: "Rewind returns at most 100 messages"). */
	static final int MAX_REWIND = 100;

	/**
	 * The messages a {@code rewind} channel param asks for, oldest first: {@code N} for the last N messages, or a
	 * duration ({@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}) for those published since then; at most
	 * {@link #MAX_REWIND}, the most recent. Empty for a value it does not understand.
	 */
	List<Message> rewind(@Nullable String value, long now) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		String v = value.trim();
		long count = Long.MAX_VALUE;
		long since = Long.MIN_VALUE;
		try {
			if (v.chars().allMatch(Character::isDigit)) {
				count = Long.parseLong(v);
			}
			else {
				int digits = 0;
				while (digits < v.length() && Character.isDigit(v.charAt(digits))) {
					digits++;
				}
				long amount = Long.parseLong(v.substring(0, digits));
				long unit = switch (v.substring(digits)) {
					case "ms" -> 1L;
					case "s" -> 1_000L;
					case "m" -> 60_000L;
					case "h" -> 3_600_000L;
					default -> -1L;
				};
				if (unit < 0) {
					return List.of();
				}
				since = now - amount * unit;
			}
		}
		catch (NumberFormatException ex) {
			return List.of();
		}
		long limit = Math.min(count, MAX_REWIND);
		Deque<Message> picked = new ArrayDeque<>();
		java.util.Iterator<Message> newestFirst = history.descendingIterator();
		while (newestFirst.hasNext() && picked.size() < limit) {
			Message m = newestFirst.next();
			if (m.timestamp() != null && m.timestamp() < since) {
				break;
			}
			picked.addFirst(m);
		}
		return new ArrayList<>(picked);
	}

	List<PresenceMessage> presentMembers() {
		return new ArrayList<>(members.values());
	}

	// ==== Appended for message versions (RSL11-RSL15) and annotations (RSAN): core thread only ====

	/** Every version after the first of each updated message, by message serial, oldest first. */
	final Map<String, List<Message>> laterVersions = new java.util.HashMap<>();

	/** Annotations by the serial of the message they annotate, in publish order. */
	final Map<String, List<io.github.ablyspring.protocol.Annotation>> annotationsBySerial = new java.util.HashMap<>();

	/** The message with {@code serial} as history holds it (its latest version), or null. */
	@Nullable Message findInHistory(String serial) {
		java.util.Iterator<Message> newestFirst = history.descendingIterator();
		while (newestFirst.hasNext()) {
			Message m = newestFirst.next();
			if (serial.equals(m.serial())) {
				return m;
			}
		}
		return null;
	}

	/** Puts {@code latest} in history in the place of the message with the same serial (Ably keeps the position). */
	void replaceInHistory(Message latest) {
		List<Message> all = new ArrayList<>(history);
		for (int i = 0; i < all.size(); i++) {
			if (latest.serial().equals(all.get(i).serial())) {
				all.set(i, latest);
			}
		}
		history.clear();
		history.addAll(all);
	}
}
