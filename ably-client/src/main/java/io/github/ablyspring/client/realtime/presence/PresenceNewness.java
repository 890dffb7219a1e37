package io.github.ablyspring.client.realtime.presence;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.PresenceMessage;

/**
 * Decides which of two presence messages about the same member is newer (RTP2b).
 */
public final class PresenceNewness {

	private PresenceNewness() {
	}

	/**
	 * Whether {@code message} was not published by its own connection (RTP2b1): realtime synthesizes a LEAVE on
	 * behalf of a connection that dropped, and such a message's {@code id} does not start with its
	 * {@code connectionId}. A message without an id or connectionId cannot prove otherwise, so it counts too.
	 */
	public static boolean isSynthesized(PresenceMessage message) {
		String id = message.id();
		String connectionId = message.connectionId();
		return id == null || connectionId == null || !id.startsWith(connectionId);
	}

	/**
	 * Whether {@code incoming} is newer than {@code existing} (RTP2b), so that it should replace it (RTP2a).
	 * <p>
	 * Messages of two different connections are compared by timestamp as well, since serials of separate
	 * connections do not order against each other; that only happens in the {@link LocalPresenceMap}, which is
	 * keyed by clientId alone (RTP17h).
	 */
	public static boolean isNewer(PresenceMessage incoming, PresenceMessage existing) {
		Serial in = serial(incoming);
		Serial ex = serial(existing);
		if (in == null || ex == null || !Objects.equals(incoming.connectionId(), existing.connectionId())) {
			// RTP2b1, RTP2b1a: on equal timestamps the incoming message wins
			return timestamp(incoming) >= timestamp(existing);
		}
		// RTP2b2
		return (in.msgSerial() != ex.msgSerial()) ? in.msgSerial() > ex.msgSerial() : in.index() > ex.index();
	}

	/** The {@code msgSerial} and {@code index} of a {@code connId:msgSerial:index} id, or null if it has none. */
	private static @Nullable Serial serial(PresenceMessage message) {
		String id = message.id();
		String connectionId = message.connectionId();
		if (id == null || connectionId == null || !id.startsWith(connectionId)) {
			return null;
		}
		// parsed from the end, and both separators must follow the connectionId prefix
		int indexSep = id.lastIndexOf(':');
		int serialSep = (indexSep > 0) ? id.lastIndexOf(':', indexSep - 1) : -1;
		if (serialSep < connectionId.length()) {
			return null;
		}
		try {
			return new Serial(Long.parseLong(id.substring(serialSep + 1, indexSep)),
					Long.parseLong(id.substring(indexSep + 1)));
		}
		catch (NumberFormatException ex) {
			// a malformed id cannot be ordered by serial; fall back to the timestamp as for RTP2b1
			return null;
		}
	}

	private static long timestamp(PresenceMessage message) {
		Long timestamp = message.timestamp();
		return (timestamp != null) ? timestamp : 0L;
	}

	private record Serial(long msgSerial, long index) {
	}
}
