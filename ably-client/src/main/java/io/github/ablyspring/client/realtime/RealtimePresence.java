package io.github.ablyspring.client.realtime;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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

	private final PresenceMap members = new PresenceMap(Clock.systemUTC());

	/** RTP17: the members this connection entered, re-entered after a non-resumed attach. */
	private final LocalPresenceMap own = new LocalPresenceMap();

	/** RTP16b: presence messages waiting for the channel to attach. */
	private final List<PendingPublish> waitingForAttach = new ArrayList<>();

	/** RTP11c1: get() calls waiting for the SYNC to end. */
	private final List<CompletableFuture<List<PresenceMessage>>> waitingForSync = new ArrayList<>();

	private volatile boolean syncComplete;

	RealtimePresence(RealtimeChannel channel, ConnectionManager connection, RestPresence rest,
			SerialExecutor listenerExecutor) {
		this.channel = channel;
		this.connection = connection;
		this.loop = connection.loop();
		this.rest = rest;
		this.listeners = new Listeners<>(listenerExecutor);
	}

	/** RTP19: whether the member list is complete. */
	public boolean isSyncComplete() {
		return syncComplete;
	}

	// ---------------------------------------------------------------- enter, update, leave

	/** RTP8: enters this client (which needs a client id, 91000 otherwise); completes on the server's ACK. */
	public CompletableFuture<Void> enter(@Nullable Object data) {
		return send(PresenceAction.ENTER, null, data);
	}

	/** RTP9: updates this client's data, entering it if needed. */
	public CompletableFuture<Void> update(@Nullable Object data) {
		return send(PresenceAction.UPDATE, null, data);
	}

	/** RTP10: leaves. */
	public CompletableFuture<Void> leave(@Nullable Object data) {
		return send(PresenceAction.LEAVE, null, data);
	}

	/** RTP14, RTP15: enters {@code clientId} on behalf of a client whose token has the wildcard client id. */
	public CompletableFuture<Void> enterClient(String clientId, @Nullable Object data) {
		return send(PresenceAction.ENTER, Objects.requireNonNull(clientId, "clientId"), data);
	}

	public CompletableFuture<Void> updateClient(String clientId, @Nullable Object data) {
		return send(PresenceAction.UPDATE, Objects.requireNonNull(clientId, "clientId"), data);
	}

	public CompletableFuture<Void> leaveClient(String clientId, @Nullable Object data) {
		return send(PresenceAction.LEAVE, Objects.requireNonNull(clientId, "clientId"), data);
	}

	private CompletableFuture<Void> send(PresenceAction action, @Nullable String explicitClientId,
			@Nullable Object data) {
		CompletableFuture<PublishResult> acked = new CompletableFuture<>();
		try {
			String own = connection.clientId();
			String clientId = explicitClientId != null ? explicitClientId : own;
			if (clientId == null || (explicitClientId == null && "*".equals(clientId))) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.CANNOT_ENTER_PRESENCE_WITHOUT_A_CLIENT_ID, 400,
						"presence needs a client id: set clientId in the options or use a token with one (RTP8j)"));
			}
			if (explicitClientId != null && own != null && !"*".equals(own) && !own.equals(explicitClientId)) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CLIENT_ID, 400, "client id '"
						+ explicitClientId + "' is not this connection's '" + own + "' (RTP15f)"));
			}
			PresenceMessage message = PresenceMessage.builder().action(action).clientId(clientId).data(data).build();
			PresenceMessage encoded = encoder().encode(message);
			ProtocolMessage pm = ProtocolMessage.builder(ProtocolAction.PRESENCE).channel(channel.name())
				.presence(List.of(encoded)).build();
			PendingPublish pending = new PendingPublish(pm, acked, 0, false);
			loop.execute(() -> sendOnLoop(pending));
		}
		catch (AblyException ex) {
			acked.completeExceptionally(ex);
		}
		return acked.thenApply(r -> null);
	}

	/** RTP16: sent when attached, held while attaching, refused otherwise. */
	private void sendOnLoop(PendingPublish pending) {
		switch (channel.state()) {
			case ATTACHED -> connection.publish(pending);                               // RTP16a
			case INITIALIZED, DETACHED -> {
				waitingForAttach.add(pending);                                           // RTP8d: implicit attach
				channel.attach().exceptionally(ex -> null);
			}
			case ATTACHING -> waitingForAttach.add(pending);                            // RTP16b
			default -> pending.fail(ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED_INVALID_CHANNEL_STATE, 400,
					"cannot send presence on channel '" + channel.name() + "' in state " + channel.state())); // RTP16c
		}
	}

	// ---------------------------------------------------------------- get, subscribe, history

	/** RTP11: the present members, after the SYNC completes; attaches the channel if needed. */
	public CompletableFuture<List<PresenceMessage>> get() {
		return get(true, null, null);
	}

	/**
	 * RTP11: the present members, filtered by client id and connection id (RTP11c2, RTP11c3) when given; with
	 * {@code waitForSync} false, what is known now (RTP11c1).
	 */
	public CompletableFuture<List<PresenceMessage>> get(boolean waitForSync, @Nullable String clientId,
			@Nullable String connectionId) {
		return loop.call(() -> {
			CompletableFuture<List<PresenceMessage>> all = new CompletableFuture<>();
			switch (channel.state()) {
				case FAILED -> all.completeExceptionally(new AblyException(invalidState()));     // RTP11d
				case SUSPENDED -> {
					if (waitForSync) {
						all.completeExceptionally(new AblyException(ErrorInfo.of(
								ErrorCodes.PRESENCE_STATE_OUT_OF_SYNC, 400,
								"presence state is out of sync: the channel is SUSPENDED")));    // RTP11d
					}
					else {
						all.complete(members.values());
					}
				}
				default -> {
					if (channel.state() != ChannelState.ATTACHED) {
						channel.attach().exceptionally(ex -> null);                      // RTP11b
					}
					if (!waitForSync || (syncComplete && channel.state() == ChannelState.ATTACHED)) {
						all.complete(members.values());
					}
					else {
						waitingForSync.add(all);
					}
				}
			}
			return all;
		}).thenCompose(f -> f).thenApply(list -> filter(list, clientId, connectionId));
	}

	/** RTP6a: every presence event; attaches the channel (RTP6c). */
	public Subscription subscribe(Consumer<PresenceMessage> listener) {
		Subscription s = listeners.add(m -> true, listener);
		channel.attach().exceptionally(ex -> null);
		return s;
	}

	/** RTP6b: presence events with this action. */
	public Subscription subscribe(PresenceAction action, Consumer<PresenceMessage> listener) {
		Subscription s = listeners.add(m -> m.action() == action, listener);
		channel.attach().exceptionally(ex -> null);
		return s;
	}

	public void unsubscribeAll() {
		listeners.clear();
	}

	/** RTP12: presence history, over REST. */
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
		if (sync) {
			if (!members.isSyncInProgress()) {
				members.startSync();
				syncComplete = false;
			}
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
			endSync();                                                                   // RTP18b
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

	/** RTP1, RTP19a: after ATTACHED: a SYNC follows when the server has members, else there are none. */
	void onAttached(boolean hasPresence, boolean resumed) {
		if (hasPresence) {
			members.startSync();
			syncComplete = false;
		}
		else if (!resumed || !syncComplete) {
			members.startSync();
			endSync();                                                                   // RTP19a
		}
		flushWaiting();
		if (!resumed) {
			reenterOwnMembers();                                                         // RTP17i
		}
	}

	void onDetached(@Nullable ErrorInfo reason) {
		ErrorInfo error = reason != null ? reason : ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED, 400,
				"channel '" + channel.name() + "' detached");
		members.clear();                                                                 // RTP5a
		own.clear();
		syncComplete = false;
		failWaiting(error);
	}

	void onFailed(ErrorInfo reason) {
		onDetached(reason);
	}

	/** RTP5f: the map stays; what waits fails. */
	void onSuspended(ErrorInfo reason) {
		failWaiting(reason);
	}

	private void endSync() {
		for (PresenceMessage leave : members.endSync()) {
			listeners.emit(leave);
		}
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

	/** RTP17g: ENTER again, with the same id and data, each member this connection had entered. */
	private void reenterOwnMembers() {
		for (PresenceMessage member : own.values()) {
			PresenceMessage enter = PresenceMessage.builder().action(PresenceAction.ENTER).id(member.id())
				.clientId(member.clientId()).data(member.data()).encoding(member.encoding()).extras(member.extras())
				.build();
			CompletableFuture<PublishResult> acked = new CompletableFuture<>();
			acked.whenComplete((r, ex) -> {
				if (ex != null) {
					// RTP17e: tell the application its member could not be re-entered.
					ErrorInfo cause = ex instanceof AblyException a ? a.errorInfo() : null;
					logger.warn("could not re-enter presence member '" + member.clientId() + "' on '"
							+ channel.name() + "'");
					channel.emitUpdate(ErrorInfo.of(ErrorCodes.UNABLE_TO_AUTOMATICALLY_RE_ENTER_PRESENCE, 400,
							"could not re-enter presence member '" + member.clientId() + "'").withCause(cause));
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
}
