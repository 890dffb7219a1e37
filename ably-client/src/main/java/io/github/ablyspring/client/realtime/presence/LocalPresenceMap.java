package io.github.ablyspring.client.realtime.presence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;

/**
 * The members this connection entered on a channel (RTP17), kept to re-enter them automatically when the channel
 * attaches again (RTP17i, RTP17g). Keyed by clientId alone (RTP17h), so that a member entered on an earlier
 * connection is replaced, and removed by a deliberate leave, rather than lingering under its old connectionId.
 * <p>
 * The caller applies only the messages of the current connectionId (RTP17b); this map does not know it. It has no
 * sync: the server's sync is about the channel, not about what this connection entered.
 * <p>
 * Not thread-safe: it is only used from the client's single event-loop thread.
 */
public final class LocalPresenceMap {

	private final Map<String, PresenceMessage> members = new LinkedHashMap<>();

	/**
	 * Applies an {@code ENTER}, {@code UPDATE} or {@code PRESENT} message, stored as {@code PRESENT} (RTP2d2),
	 * unless the member's stored message is newer (RTP2a).
	 * @return whether the map changed
	 * @throws IllegalArgumentException if the message has another action, or no clientId
	 */
	public boolean put(PresenceMessage message) {
		PresenceAction action = message.action();
		if (action != PresenceAction.ENTER && action != PresenceAction.UPDATE && action != PresenceAction.PRESENT) {
			throw new IllegalArgumentException("Not an ENTER, UPDATE or PRESENT: " + message);
		}
		String clientId = clientId(message);
		PresenceMessage existing = this.members.get(clientId);
		if (existing != null && !PresenceNewness.isNewer(message, existing)) {
			return false;
		}
		this.members.put(clientId, PresenceMap.withAction(message, PresenceAction.PRESENT));
		return true;
	}

	/**
	 * Applies a {@code LEAVE} message: removes the member of its clientId, unless the leave was synthesized by
	 * the server (RTP17b), since this connection never left, or the stored message is newer (RTP2a).
	 * @return whether a member was removed
	 * @throws IllegalArgumentException if the message is not a {@code LEAVE}, or has no clientId
	 */
	public boolean remove(PresenceMessage message) {
		if (message.action() != PresenceAction.LEAVE) {
			throw new IllegalArgumentException("Not a LEAVE: " + message);
		}
		String clientId = clientId(message);
		PresenceMessage existing = this.members.get(clientId);
		if (existing == null || PresenceNewness.isSynthesized(message) || !PresenceNewness.isNewer(message, existing)) {
			return false;
		}
		this.members.remove(clientId);
		return true;
	}

	/** The stored {@code PRESENT} message of a clientId, or {@code null} if it is not entered. */
	public @Nullable PresenceMessage get(String clientId) {
		return this.members.get(clientId);
	}

	/** A snapshot of the members, in the order they were first entered. */
	public List<PresenceMessage> values() {
		return List.copyOf(this.members.values());
	}

	/** Forgets all members, so that none is re-entered later (RTP5a). */
	public void clear() {
		this.members.clear();
	}

	private static String clientId(PresenceMessage message) {
		String clientId = message.clientId();
		if (clientId == null) {
			throw new IllegalArgumentException("A presence member needs a clientId: " + message);
		}
		return clientId;
	}
}
