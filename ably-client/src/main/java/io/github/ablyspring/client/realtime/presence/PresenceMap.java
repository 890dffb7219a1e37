package io.github.ablyspring.client.realtime.presence;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;

/**
 * The members present on a channel (RTP2), keyed by {@link PresenceMessage#memberKey() memberKey} (TP3h), with
 * the server initiated sync of RTP18 and RTP19.
 * <p>
 * Members are stored with action {@code PRESENT}; while a sync is in progress a member that left is kept with
 * action {@code ABSENT} (RTP2h2a) so that an older {@code PRESENT} of the same sync cannot bring it back.
 * <p>
 * Not thread-safe: it is only used from the client's single event-loop thread.
 */
public final class PresenceMap {

	private final Map<String, PresenceMessage> members = new LinkedHashMap<>();

	/** RTP19: the members present when the sync started that it has not added or updated yet. */
	private final Set<String> residualKeys = new HashSet<>();

	private final Clock clock;

	private boolean syncInProgress;

	public PresenceMap() {
		this(Clock.systemUTC());
	}

	/**
	 * @param clock gives the timestamp of the LEAVE messages synthesized at the end of a sync (RTP19)
	 */
	public PresenceMap(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Applies an {@code ENTER}, {@code UPDATE} or {@code PRESENT} message (RTP2d), whether it came in a
	 * {@code PRESENCE} or a {@code SYNC} protocol message (RTP2c).
	 * @return the message to emit to subscribers, with its original action (RTP2d1), or {@code null} when an
	 * existing message of the member is newer and the incoming one was discarded (RTP2a)
	 * @throws IllegalArgumentException if the message has another action, or no clientId or connectionId
	 */
	public @Nullable PresenceMessage put(PresenceMessage message) {
		PresenceAction action = message.action();
		if (action != PresenceAction.ENTER && action != PresenceAction.UPDATE && action != PresenceAction.PRESENT) {
			throw new IllegalArgumentException("Not an ENTER, UPDATE or PRESENT: " + message);
		}
		String key = memberKey(message);
		// RTP19: the server still knows the member even when this copy is stale, so it is seen either way
		this.residualKeys.remove(key);
		PresenceMessage existing = this.members.get(key);
		if (existing != null && !PresenceNewness.isNewer(message, existing)) {
			return null;
		}
		this.members.put(key, withAction(message, PresenceAction.PRESENT));
		return message;
	}

	/**
	 * Applies a {@code LEAVE} message (RTP2h) to the member with the same memberKey, if there is one and the
	 * message is newer (RTP2a). Outside a sync the member is deleted (RTP2h1b); during one it is kept as
	 * {@code ABSENT} until {@link #endSync()} (RTP2h2a).
	 * @return the message to emit to subscribers (RTP2h1a), or {@code null} when there is nothing to emit: no
	 * such member, a newer message of it, or a sync in progress
	 * @throws IllegalArgumentException if the message is not a {@code LEAVE}, or has no clientId or connectionId
	 */
	public @Nullable PresenceMessage remove(PresenceMessage message) {
		if (message.action() != PresenceAction.LEAVE) {
			throw new IllegalArgumentException("Not a LEAVE: " + message);
		}
		String key = memberKey(message);
		PresenceMessage existing = this.members.get(key);
		if (existing == null || !PresenceNewness.isNewer(message, existing)) {
			return null;
		}
		if (this.syncInProgress) {
			this.residualKeys.remove(key);
			this.members.put(key, withAction(message, PresenceAction.ABSENT));
			return null;
		}
		this.members.remove(key);
		return message;
	}

	/** The stored message of a member, {@code PRESENT} or (during a sync) {@code ABSENT}; null if unknown. */
	public @Nullable PresenceMessage get(String memberKey) {
		return this.members.get(memberKey);
	}

	/** A snapshot of the members present, in the order they were first stored; without {@code ABSENT} ones. */
	public List<PresenceMessage> values() {
		return values(null, null);
	}

	/**
	 * A snapshot of the members present, optionally only those of one clientId and/or connectionId (RTP11c2,
	 * RTP11c3).
	 * @param clientId the clientId to match, or {@code null} for any
	 * @param connectionId the connectionId to match, or {@code null} for any
	 */
	public List<PresenceMessage> values(@Nullable String clientId, @Nullable String connectionId) {
		List<PresenceMessage> result = new ArrayList<>(this.members.size());
		for (PresenceMessage member : this.members.values()) {
			if (member.action() == PresenceAction.PRESENT
					&& (clientId == null || clientId.equals(member.clientId()))
					&& (connectionId == null || connectionId.equals(member.connectionId()))) {
				result.add(member);
			}
		}
		return List.copyOf(result);
	}

	/**
	 * Starts a sync (RTP18a): every member present now is residual until the sync adds or updates it (RTP19).
	 * Starting again while a sync is in progress discards that one and starts over.
	 */
	public void startSync() {
		this.residualKeys.clear();
		this.members.forEach((key, member) -> {
			if (member.action() == PresenceAction.PRESENT) {
				this.residualKeys.add(key);
			}
		});
		this.syncInProgress = true;
	}

	/**
	 * Ends the sync (RTP18b): deletes the {@code ABSENT} members without an event (RTP2h2b), and the residual
	 * members with a synthesized LEAVE each (RTP19). Also how an {@code ATTACHED} without {@code HAS_PRESENCE}
	 * empties the map, right after {@link #startSync()} (RTP19a). Does nothing if no sync is in progress.
	 * @return the LEAVE messages to emit: each member's original attributes, with a null id and the current
	 * time as timestamp
	 */
	public List<PresenceMessage> endSync() {
		if (!this.syncInProgress) {
			return List.of();
		}
		List<PresenceMessage> leaves = new ArrayList<>(this.residualKeys.size());
		long now = this.clock.millis();
		for (Iterator<Map.Entry<String, PresenceMessage>> it = this.members.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, PresenceMessage> entry = it.next();
			PresenceMessage member = entry.getValue();
			if (member.action() == PresenceAction.ABSENT) {
				it.remove();
			}
			else if (this.residualKeys.contains(entry.getKey())) {
				it.remove();
				leaves.add(member.toBuilder().action(PresenceAction.LEAVE).id(null).timestamp(now).build());
			}
		}
		this.residualKeys.clear();
		this.syncInProgress = false;
		return List.copyOf(leaves);
	}

	public boolean isSyncInProgress() {
		return this.syncInProgress;
	}

	/**
	 * Forgets all members and any sync in progress, without emitting anything: after {@code DETACHED} or
	 * {@code FAILED} the members' state is unknown (RTP5a).
	 */
	public void clear() {
		this.members.clear();
		this.residualKeys.clear();
		this.syncInProgress = false;
	}

	static String memberKey(PresenceMessage message) {
		if (message.clientId() == null || message.connectionId() == null) {
			throw new IllegalArgumentException("A presence member needs a clientId and a connectionId: " + message);
		}
		return message.memberKey();
	}

	static PresenceMessage withAction(PresenceMessage message, PresenceAction action) {
		return (message.action() == action) ? message : message.toBuilder().action(action).build();
	}
}
