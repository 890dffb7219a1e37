package io.github.ablyspring.client.realtime;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.realtime.presence.LocalPresenceMap;
import io.github.ablyspring.client.realtime.presence.PresenceMap;
import io.github.ablyspring.client.rest.HistoryParams;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.rest.RestPresence;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.payload.DecodeResult;
import io.github.ablyspring.protocol.payload.PayloadDecoder;
import io.github.ablyspring.protocol.payload.PayloadEncoder;

/**
 * Presence on a realtime channel (RTP): enter, update and leave (for this client or, with a wildcard token, any
 * client id), the members map kept in sync by PRESENCE and SYNC messages, subscriptions and history. Thread-safe like
 * the channel: the state lives on the event loop.
 */
public final class RealtimePresence {

	private static final Log logger = LogFactory.getLog(RealtimePresence.class);

	private final RealtimeChannel channel;

	private final ConnectionManager connection;

	private final EventLoop loop;

	private final RestPresence rest;

	private final Listeners<PresenceMessage> listeners;

	/** RTP7a, RTP7b: the subscriptions of each listener, to remove them by listener (and action). */
	private final List<Registration> registrations = new CopyOnWriteArrayList<>();

	private final PresenceMap members;

	/** RTP17: the members this connection entered, re-entered after a non-resumed attach. */
	private final LocalPresenceMap own = new LocalPresenceMap();

	/** RTP16b: presence messages waiting for the channel to attach. */
	private final List<PendingPublish> waitingForAttach = new ArrayList<>();

	/** RTP11c1: get() calls waiting for the SYNC to end. */
	private final List<CompletableFuture<List<PresenceMessage>>> waitingForSync = new ArrayList<>();

	/** RTP18a: the sequence id of the SYNC in progress, null before its first message. */
	private @Nullable String syncSequence;

	private volatile boolean syncComplete;

	RealtimePresence(RealtimeChannel channel, ConnectionManager connection, RestPresence rest,
			SerialExecutor listenerExecutor) {
		this.channel = channel;
		this.connection = connection;
		this.loop = connection.loop();
		this.rest = rest;
		this.listeners = new Listeners<>(listenerExecutor);
		// RTP19: synthesized LEAVEs carry the client's current time, from the same clock as its timers.
		this.members = new PresenceMap(new LoopClock(loop));
	}

	/** RTP13: whether the initial SYNC has completed, so that the member list is complete. */
	public boolean isSyncComplete() {
		return syncComplete;
	}

	// ---------------------------------------------------------------- enter, update, leave

	/**
	 * RTP8: enters this client (which needs a client id, 91000 otherwise, RTP8j); completes on the server's ACK.
	 * The message carries no clientId: the server takes the connection's (RTP8c).
	 */
	public CompletableFuture<Void> enter(@Nullable Object data) {
		return enter(data, null);
	}

	/** RTP8e: enters with data and extras, encoded like a message's. */
	public CompletableFuture<Void> enter(@Nullable Object data, @Nullable JsonNode extras) {
		return send(PresenceAction.ENTER, null, data, extras);
	}

	/** RTP9: updates this client's data, entering it if needed; no clientId in the message (RTP9d). */
	public CompletableFuture<Void> update(@Nullable Object data) {
		return update(data, null);
	}

	public CompletableFuture<Void> update(@Nullable Object data, @Nullable JsonNode extras) {
		return send(PresenceAction.UPDATE, null, data, extras);
	}

	/** RTP10: leaves, with {@code data} as the member's last data (RTP10a); no clientId in the message (RTP10c). */
	public CompletableFuture<Void> leave(@Nullable Object data) {
		return leave(data, null);
	}

	public CompletableFuture<Void> leave(@Nullable Object data, @Nullable JsonNode extras) {
		return send(PresenceAction.LEAVE, null, data, extras);
	}

	/** RTP14, RTP15: enters {@code clientId} on behalf of a client whose token has the wildcard client id. */
	public CompletableFuture<Void> enterClient(String clientId, @Nullable Object data) {
		return enterClient(clientId, data, null);
	}

	public CompletableFuture<Void> enterClient(String clientId, @Nullable Object data, @Nullable JsonNode extras) {
		return send(PresenceAction.ENTER, Objects.requireNonNull(clientId, "clientId"), data, extras);
	}

	public CompletableFuture<Void> updateClient(String clientId, @Nullable Object data) {
		return updateClient(clientId, data, null);
	}

	public CompletableFuture<Void> updateClient(String clientId, @Nullable Object data, @Nullable JsonNode extras) {
		return send(PresenceAction.UPDATE, Objects.requireNonNull(clientId, "clientId"), data, extras);
	}

	public CompletableFuture<Void> leaveClient(String clientId, @Nullable Object data) {
		return leaveClient(clientId, data, null);
	}

	public CompletableFuture<Void> leaveClient(String clientId, @Nullable Object data, @Nullable JsonNode extras) {
		return send(PresenceAction.LEAVE, Objects.requireNonNull(clientId, "clientId"), data, extras);
	}

	private CompletableFuture<Void> send(PresenceAction action, @Nullable String explicitClientId,
			@Nullable Object data, @Nullable JsonNode extras) {
		CompletableFuture<PublishResult> acked = new CompletableFuture<>();
		try {
			String own = connection.clientId();
			if (explicitClientId != null && own != null && !"*".equals(own) && !own.equals(explicitClientId)) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CLIENT_ID, 400, "client id '"
						+ explicitClientId + "' is not this connection's '" + own + "' (RTP15f)"));
			}
			PresenceMessage message = PresenceMessage.builder().action(action).clientId(explicitClientId).data(data)
				.extras(extras).build();
			PresenceMessage encoded = encoder().encode(message);
			ProtocolMessage pm = ProtocolMessage.builder(ProtocolAction.PRESENCE).channel(channel.name())
				.presence(List.of(encoded)).build();
			PendingPublish pending = new PendingPublish(pm, acked, 0, false);
			loop.execute(() -> sendOnLoop(pending, explicitClientId == null));
		}
		catch (AblyException ex) {
			acked.completeExceptionally(ex);
		}
		return acked.thenApply(r -> null);
	}

	/** RTP16: sent when attached, held while attaching, refused otherwise. */
	private void sendOnLoop(PendingPublish pending, boolean ownClientId) {
		if (ownClientId) {
			String clientId = connection.clientId();
			if ("*".equals(clientId) || (clientId == null && connection.state() == ConnectionState.CONNECTED)) {
				pending.fail(ErrorInfo.of(ErrorCodes.CANNOT_ENTER_PRESENCE_WITHOUT_A_CLIENT_ID, 400,
						"presence needs a client id: set clientId in the options or use a token with one; "
								+ (clientId == null ? "this client is anonymous" : "the wildcard '*' is not one")
								+ " (RTP8j)"));
				return;
			}
		}
		ChannelState state = channel.state();
		if ((state == ChannelState.INITIALIZED || state == ChannelState.ATTACHING) && !connection.queueMessages()) {
			pending.fail(ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED_INVALID_CHANNEL_STATE, 400,
					"cannot send presence on channel '" + channel.name() + "' in state " + state
							+ " with queueMessages off (RTP16b)"));
			return;
		}
		switch (state) {
			case ATTACHED -> connection.publish(pending);                               // RTP16a
			case INITIALIZED -> {
				waitingForAttach.add(pending);                                           // RTP8d, RTP15e
				implicitAttach();
			}
			case ATTACHING -> waitingForAttach.add(pending);                            // RTP16b
			default -> pending.fail(ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED_INVALID_CHANNEL_STATE, 400,
					"cannot send presence on channel '" + channel.name() + "' in state " + state)
				.withCause(channel.errorReason()));                                       // RTP8g, RTP16c
		}
	}

	/** An attach for queued presence; if it fails without a channel state change, what waits fails with it. */
	private void implicitAttach() {
		channel.attach().whenComplete((v, ex) -> {
			if (ex != null) {
				ErrorInfo error = errorOf(ex);
				loop.execute(() -> {
					if (channel.state() != ChannelState.ATTACHED && channel.state() != ChannelState.ATTACHING) {
						failWaiting(error);
					}
				});
			}
		});
	}

	// ---------------------------------------------------------------- get, subscribe, history

	/** RTP11: the present members, after the SYNC completes; attaches the channel if needed. */
	public CompletableFuture<List<PresenceMessage>> get() {
		return get(true, null, null);
	}

	/**
	 * RTP11: the present members, filtered by client id and connection id (RTP11c2, RTP11c3) when given; with
	 * {@code waitForSync} false, what is known now (RTP11c1). A channel that is not attached is attached first
	 * (RTP11e, RTL33); a SUSPENDED one answers 91005, or with {@code waitForSync} false its last members (RTP11d).
	 */
	public CompletableFuture<List<PresenceMessage>> get(boolean waitForSync, @Nullable String clientId,
			@Nullable String connectionId) {
		return loop.call(() -> switch (channel.state()) {
			case SUSPENDED -> waitForSync
					? CompletableFuture.<List<PresenceMessage>>failedFuture(new AblyException(ErrorInfo.of(
							ErrorCodes.PRESENCE_STATE_OUT_OF_SYNC, 400,
							"presence state is out of sync: channel '" + channel.name() + "' is SUSPENDED")))
					: CompletableFuture.completedFuture(members.values());                 // RTP11d
			case FAILED -> CompletableFuture.<List<PresenceMessage>>failedFuture(
					new AblyException(invalidState()));                                    // RTL33c
			case ATTACHED -> membersWhenSynced(waitForSync);
			default -> channel.attach()                                                  // RTL33b
				.thenCompose(v -> loop.call(() -> membersWhenSynced(waitForSync)))
				.thenCompose(f -> f);
		}).thenCompose(f -> f).thenApply(list -> filter(list, clientId, connectionId));
	}

	/** On the loop: the members now, or once the SYNC in progress completes (RTP11c1). */
	private CompletableFuture<List<PresenceMessage>> membersWhenSynced(boolean waitForSync) {
		if (!waitForSync || syncComplete) {
			return CompletableFuture.completedFuture(members.values());
		}
		CompletableFuture<List<PresenceMessage>> result = new CompletableFuture<>();
		waitingForSync.add(result);
		return result;
	}

	/** RTP6a: every presence event; attaches the channel (RTP6d). */
	public Subscription subscribe(Consumer<PresenceMessage> listener) {
		return subscribe(EnumSet.allOf(PresenceAction.class), listener);
	}

	/** RTP6b: presence events with this action. */
	public Subscription subscribe(PresenceAction action, Consumer<PresenceMessage> listener) {
		return subscribe(EnumSet.of(action), listener);
	}

	/**
	 * RTP6b: presence events with one of these actions. Unless the channel option {@code attachOnSubscribe} is off
	 * (RTP6e), an INITIALIZED, DETACHING or DETACHED channel is attached (RTP6d); the listener stays registered
	 * whether or not that attach succeeds.
	 */
	public Subscription subscribe(Set<PresenceAction> actions, Consumer<PresenceMessage> listener) {
		Objects.requireNonNull(listener, "listener");
		if (actions.isEmpty()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400, "subscribe needs at least one action"));
		}
		Registration registration = new Registration(listener, EnumSet.copyOf(actions));
		registration.subscription = listeners.add(m -> registration.actions.contains(m.action()), listener);
		registrations.add(registration);
		if (channel.options().attachOnSubscribe()) {
			loop.execute(() -> {
				ChannelState state = channel.state();
				if (state == ChannelState.INITIALIZED || state == ChannelState.DETACHING
						|| state == ChannelState.DETACHED) {
					channel.attach().exceptionally(ex -> {
						logger.debug("implicit attach of '" + channel.name() + "' failed: " + ex.getMessage());
						return null;
					});
				}
			});
		}
		return registration::remove;
	}

	/** RTP7a: removes every subscription of {@code listener}. */
	public void unsubscribe(Consumer<PresenceMessage> listener) {
		for (Registration r : registrations) {
			if (r.listener == listener) {
				r.remove();
			}
		}
	}

	/** RTP7b: stops delivering events with {@code action} to {@code listener}; its other actions stay. */
	public void unsubscribe(PresenceAction action, Consumer<PresenceMessage> listener) {
		for (Registration r : registrations) {
			if (r.listener == listener) {
				EnumSet<PresenceAction> left = EnumSet.copyOf(r.actions);
				left.remove(action);
				if (left.isEmpty()) {
					r.remove();
				}
				else {
					r.actions = left;
				}
			}
		}
	}

	/** RTP7c: removes every listener. */
	public void unsubscribe() {
		registrations.clear();
		listeners.clear();
	}

	/** RTP7c: removes every listener. */
	public void unsubscribeAll() {
		unsubscribe();
	}

	/** RTP12: presence history, over REST, with the params of RestPresence#history (RTP12a). */
	public PaginatedResult<PresenceMessage> history(HistoryParams params) {
		return rest.history(params);
	}

	public CompletableFuture<PaginatedResult<PresenceMessage>> historyAsync(HistoryParams params) {
		return rest.historyAsync(params);
	}

	// ---------------------------------------------------------------- from the channel (on the loop)

	/** RTP2, RTP18: applies PRESENCE or SYNC messages to the map and emits what changed. */
	void onPresence(ProtocolMessage message, boolean sync) {
		List<PresenceMessage> items = message.presence();
		String sequence = sync ? syncSequenceOf(message.channelSerial()) : null;
		if (sync) {
			// RTP18a: a SYNC starts a sync unless it continues the one in progress; a new sequence id discards it.
			if (!members.isSyncInProgress()
					|| (sequence != null && syncSequence != null && !sequence.equals(syncSequence))) {
				members.startSync();
			}
			syncSequence = sequence;
			syncComplete = false;
		}
		if (items != null) {
			PayloadDecoder decoder = PayloadDecoder.of(encoder().cipher());
			String ownConnection = connection.id();
			for (int i = 0; i < items.size(); i++) {
				PresenceMessage item = populate(items.get(i), message, i);
				DecodeResult<PresenceMessage> decoded = decoder.decode(item);
				if (!decoded.isComplete()) {
					logger.warn("presence data on '" + channel.name() + "' left partly encoded: " + decoded.error());
				}
				apply(decoded.value(), ownConnection);
			}
		}
		if (sync && syncCursorEnded(message.channelSerial())) {
			endSync();                                                                   // RTP18b, RTP18c
		}
	}

	private void apply(PresenceMessage m, @Nullable String ownConnection) {
		if (m.action() == null || m.clientId() == null || m.connectionId() == null) {
			logger.debug("ignored a presence message without action, clientId or connectionId");
			return;
		}
		PresenceMessage emitted = switch (m.action()) {
			case LEAVE -> members.remove(m);
			case ABSENT -> null;
			default -> members.put(m);
		};
		if (m.connectionId().equals(ownConnection)) {                                    // RTP17b
			if (m.action() == PresenceAction.LEAVE) {
				own.remove(m);
			}
			else if (m.action() != PresenceAction.ABSENT) {
				own.put(m);
			}
		}
		if (emitted != null) {
			listeners.emit(emitted);
		}
	}

	/** An ATTACHED after an ATTACH: see {@link #onAttached(boolean, boolean, boolean)}. */
	void onAttached(boolean hasPresence, boolean resumed) {
		onAttached(hasPresence, resumed, false);
	}

	/**
	 * RTP1, RTP19a: after ATTACHED a SYNC follows when the server has members, else there are none. RTP5b: the
	 * queued presence goes out. RTP17i: this connection's members are entered again, unless the channel was already
	 * attached and the server resumed it.
	 * @param alreadyAttached whether the channel was ATTACHED when the ATTACHED arrived (an unsolicited one, RTL12)
	 */
	void onAttached(boolean hasPresence, boolean resumed, boolean alreadyAttached) {
		if (hasPresence) {
			members.startSync();
			syncSequence = null;
			syncComplete = false;
		}
		else {
			members.startSync();
			syncSequence = null;
			endSync();                                                                   // RTP1, RTP19a
		}
		flushWaiting();
		if (!(alreadyAttached && resumed)) {
			reenterOwnMembers();                                                         // RTP17i
		}
	}

	void onDetached(@Nullable ErrorInfo reason) {
		ErrorInfo error = reason != null ? reason : ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED, 400,
				"channel '" + channel.name() + "' detached");
		members.clear();                                                                 // RTP5a: no LEAVE events
		own.clear();
		syncSequence = null;
		syncComplete = false;
		failWaiting(error);                                                              // RTL11
	}

	void onFailed(ErrorInfo reason) {
		onDetached(reason);
	}

	/** RTP5f: the map stays; what waits fails (RTL11). */
	void onSuspended(ErrorInfo reason) {
		failWaiting(reason);
	}

	private void endSync() {
		for (PresenceMessage leave : members.endSync()) {
			listeners.emit(leave);
		}
		syncSequence = null;
		syncComplete = true;
		List<CompletableFuture<List<PresenceMessage>>> waiting = new ArrayList<>(waitingForSync);
		waitingForSync.clear();
		List<PresenceMessage> now = members.values();
		waiting.forEach(w -> w.complete(now));
	}

	private void flushWaiting() {
		List<PendingPublish> pending = new ArrayList<>(waitingForAttach);
		waitingForAttach.clear();
		pending.forEach(connection::publish);
	}

	private void failWaiting(ErrorInfo error) {
		List<PendingPublish> pending = new ArrayList<>(waitingForAttach);
		waitingForAttach.clear();
		pending.forEach(p -> p.fail(error));
		List<CompletableFuture<List<PresenceMessage>>> waiting = new ArrayList<>(waitingForSync);
		waitingForSync.clear();
		waiting.forEach(w -> w.completeExceptionally(new AblyException(error)));
	}

	/**
	 * RTP17g: ENTER again each member this connection had entered, with its clientId, data and extras, and its id
	 * only when it was entered on the current connection (RTP17g1).
	 */
	private void reenterOwnMembers() {
		String currentConnection = connection.id();
		for (PresenceMessage member : own.values()) {
			boolean sameConnection = currentConnection != null && currentConnection.equals(member.connectionId());
			PresenceMessage enter = encoder().encode(PresenceMessage.builder().action(PresenceAction.ENTER)
				.id(sameConnection ? member.id() : null).clientId(member.clientId()).data(member.data())
				.extras(member.extras()).build());
			CompletableFuture<PublishResult> acked = new CompletableFuture<>();
			acked.whenComplete((r, ex) -> {
				if (ex != null) {
					// RTP17e: tell the application its member could not be re-entered.
					ErrorInfo cause = errorOf(ex);
					logger.warn("could not re-enter presence member '" + member.clientId() + "' on '"
							+ channel.name() + "': " + cause.message());
					loop.execute(() -> channel.emitUpdate(ErrorInfo.of(
							ErrorCodes.UNABLE_TO_AUTOMATICALLY_RE_ENTER_PRESENCE, 400,
							"automatic re-enter of presence member '" + member.clientId() + "' on channel '"
									+ channel.name() + "' failed")
						.withCause(cause)));
				}
			});
			connection.publish(new PendingPublish(ProtocolMessage.builder(ProtocolAction.PRESENCE)
				.channel(channel.name()).presence(List.of(enter)).build(), acked, 0, false));
		}
	}

	private PayloadEncoder encoder() {
		return channel.encoder();
	}

	private ErrorInfo invalidState() {
		return ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED_INVALID_CHANNEL_STATE, 400,
				"channel '" + channel.name() + "' is " + channel.state()).withCause(channel.errorReason());
	}

	private static ErrorInfo errorOf(Throwable ex) {
		Throwable t = ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null ? ex.getCause()
				: ex;
		return t instanceof AblyException a ? a.errorInfo()
				: ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED, 400, String.valueOf(t.getMessage()));
	}

	/** RTP18a: the sequence id part of a SYNC's {@code sequence:cursor} channelSerial, or null without one. */
	private static @Nullable String syncSequenceOf(@Nullable String channelSerial) {
		if (channelSerial == null) {
			return null;
		}
		int colon = channelSerial.indexOf(':');
		return colon < 0 ? channelSerial : channelSerial.substring(0, colon);
	}

	/** RTP18a: the SYNC's channelSerial is {@code sequence:cursor}; an empty cursor ends the sync. */
	private static boolean syncCursorEnded(@Nullable String channelSerial) {
		if (channelSerial == null) {
			return true;
		}
		int colon = channelSerial.indexOf(':');
		return colon < 0 || colon == channelSerial.length() - 1;
	}

	/** TP3a, TP3c, TP3h: fields a presence message inherits from its ProtocolMessage. */
	private static PresenceMessage populate(PresenceMessage m, ProtocolMessage pm, int index) {
		if ((m.id() != null || pm.id() == null) && (m.connectionId() != null || pm.connectionId() == null)
				&& (m.timestamp() != null || pm.timestamp() == null)) {
			return m;
		}
		PresenceMessage.Builder b = m.toBuilder();
		if (m.id() == null && pm.id() != null) {
			b.id(pm.id() + ":" + index);
		}
		if (m.connectionId() == null) {
			b.connectionId(pm.connectionId());
		}
		if (m.timestamp() == null) {
			b.timestamp(pm.timestamp());
		}
		return b.build();
	}

	private static List<PresenceMessage> filter(List<PresenceMessage> all, @Nullable String clientId,
			@Nullable String connectionId) {
		if (clientId == null && connectionId == null) {
			return all;
		}
		return all.stream()
			.filter(m -> (clientId == null || clientId.equals(m.clientId()))
					&& (connectionId == null || connectionId.equals(m.connectionId())))
			.toList();
	}

	/** A listener's subscription, with the actions it still wants (RTP7b). */
	private final class Registration {

		final Consumer<PresenceMessage> listener;

		volatile Set<PresenceAction> actions;

		@Nullable Subscription subscription;

		Registration(Consumer<PresenceMessage> listener, Set<PresenceAction> actions) {
			this.listener = listener;
			this.actions = actions;
		}

		void remove() {
			registrations.remove(this);
			Subscription s = subscription;
			if (s != null) {
				s.unsubscribe();
			}
		}
	}

	/** The event loop's clock (a manual one in tests), as a {@link Clock}. */
	private static final class LoopClock extends Clock {

		private final EventLoop loop;

		LoopClock(EventLoop loop) {
			this.loop = loop;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(loop.now());
		}
	}
}
