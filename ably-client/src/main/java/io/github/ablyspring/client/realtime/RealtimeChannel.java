package io.github.ablyspring.client.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.ablyspring.client.rest.HistoryParams;
import io.github.ablyspring.client.rest.MessageSize;
import io.github.ablyspring.client.rest.IdempotentIds;
import io.github.ablyspring.client.rest.MessageOperation;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.rest.RestChannel;
import io.github.ablyspring.client.rest.UpdateDeleteResult;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ChannelMode;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.MessageVersion;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolFlag;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.crypto.ChannelCipher;
import io.github.ablyspring.protocol.payload.DecodeResult;
import io.github.ablyspring.protocol.payload.DeltaContext;
import io.github.ablyspring.protocol.payload.DeltaDecoder;
import io.github.ablyspring.protocol.payload.PayloadDecoder;
import io.github.ablyspring.protocol.payload.PayloadEncoder;

/**
 * A realtime channel (RTL): attach and detach, publish with ACKs, subscribe, presence and history. Thread-safe: calls
 * hand their work to the client's event loop and return futures; listeners run on the listener executor, one at a
 * time and in order for this channel.
 */
public final class RealtimeChannel {

	private static final Log logger = LogFactory.getLog(RealtimeChannel.class);

	private final String name;

	private final ConnectionManager connection;

	private final EventLoop loop;

	private final RestChannel rest;

	private final Listeners<ChannelStateChange> stateListeners;

	private final Listeners<Message> messageListeners;

	private final RealtimePresence presence;

	private final RealtimeAnnotations annotations;

	private final Runnable onRelease;

	private volatile ChannelOptions options;

	private volatile PayloadEncoder encoder;

	private volatile PayloadDecoder decoder;

	private volatile ChannelState state = ChannelState.INITIALIZED;

	private volatile @Nullable ErrorInfo errorReason;

	/** RTL15a: the serial of the last ATTACHED. */
	private volatile @Nullable String attachSerial;

	/** RTL15b: the serial of the last message, presence or ATTACHED received; sent on re-ATTACH (RTL4c1). */
	private volatile @Nullable String channelSerial;

	private volatile Set<ChannelMode> modes = Set.of();

	private volatile Map<String, String> params = Map.of();

	private final List<CompletableFuture<Void>> attachWaiters = new ArrayList<>();

	private final List<CompletableFuture<Void>> detachWaiters = new ArrayList<>();

	private RealtimeScheduler.Timer requestTimer = RealtimeScheduler.Timer.NONE;

	private RealtimeScheduler.Timer retryTimer = RealtimeScheduler.Timer.NONE;

	private int retryCount;

	/** RTL4j: set by ATTACHED, cleared on DETACHING and FAILED; a re-attach then asks to resume. */
	private boolean attachResume;

	/** RTL5i: a detach() made while ATTACHING, done once the attach settles. */
	private boolean detachAfterAttach;

	/** RTL4h: an attach() made while DETACHING, done once the detach settles. */
	private boolean attachAfterDetach;

	/** RTL18: recovering from a delta that would not decode; later messages are dropped until ATTACHED. */
	private boolean decodeFailureRecovery;

	private DeltaContext deltaContext = DeltaContext.none();

	/** PC3: the vcdiff plugin; null means none, and a delta then fails the channel with 40019. */
	private volatile @Nullable DeltaDecoder deltaDecoder = VcdiffDeltaDecoder.INSTANCE;

	RealtimeChannel(String name, ChannelOptions options, ConnectionManager connection, RestChannel rest,
			SerialExecutor listenerExecutor, Runnable onRelease, @Nullable String channelSerial) {
		this.name = name;
		this.connection = connection;
		this.loop = connection.loop();
		this.rest = rest;
		this.onRelease = onRelease;
		this.stateListeners = new Listeners<>(listenerExecutor);
		this.messageListeners = new Listeners<>(listenerExecutor);
		this.channelSerial = channelSerial;
		this.options = options;
		this.encoder = PayloadEncoder.plain();
		this.decoder = PayloadDecoder.plain();
		applyOptions(options);
		this.presence = new RealtimePresence(this, connection, rest.presence(), listenerExecutor);
		this.annotations = new RealtimeAnnotations(this, connection, rest.annotations(), listenerExecutor);
	}

	public String name() {
		return name;
	}

	public ChannelState state() {
		return state;
	}

	/** RTL24: the error of the last failure, or null. */
	public @Nullable ErrorInfo errorReason() {
		return errorReason;
	}

	public ChannelOptions options() {
		return options;
	}

	/** RTL15: the serials of the channel; the channel serial is what a re-attach resumes from. */
	public ChannelProperties properties() {
		return new ChannelProperties(attachSerial, channelSerial);
	}

	/** RTL4m: the modes the server granted in the last ATTACHED. */
	public Set<ChannelMode> modes() {
		return modes;
	}

	/** RTL4k1: the params the server granted in the last ATTACHED. */
	public Map<String, String> params() {
		return params;
	}

	public RealtimePresence presence() {
		return presence;
	}

	/** RTL26: the annotations of this channel's messages. */
	public RealtimeAnnotations annotations() {
		return annotations;
	}

	// ---------------------------------------------------------------- state

	/** RTL4: attaches; completes when ATTACHED. */
	public CompletableFuture<Void> attach() {
		return onLoop(() -> {
			CompletableFuture<Void> done = new CompletableFuture<>();
			attachOnLoop(done);
			return done;
		});
	}

	/** RTL5: detaches; completes when DETACHED. */
	public CompletableFuture<Void> detach() {
		return onLoop(() -> {
			CompletableFuture<Void> done = new CompletableFuture<>();
			detachOnLoop(done);
			return done;
		});
	}

	/** RTL2: every state change and UPDATE. */
	public Subscription on(Consumer<ChannelStateChange> listener) {
		return stateListeners.add(e -> true, listener);
	}

	/** RTL2: changes with {@code event} only. */
	public Subscription on(ChannelEvent event, Consumer<ChannelStateChange> listener) {
		return stateListeners.add(e -> e.event() == event, listener);
	}

	public Subscription once(ChannelEvent event, Consumer<ChannelStateChange> listener) {
		return stateListeners.once(e -> e.event() == event, listener);
	}

	/**
	 * RTL25: completes with null when the channel is already in {@code target} (RTL25a), else with the change that
	 * next enters it (RTL25b); never fails, so combine it with a timeout.
	 */
	public CompletableFuture<@Nullable ChannelStateChange> whenState(ChannelState target) {
		Objects.requireNonNull(target, "target");
		return onLoop(() -> {
			CompletableFuture<@Nullable ChannelStateChange> result = new CompletableFuture<>();
			if (state == target) {
				result.complete(null);
			}
			else {
				stateListeners.once(e -> e.current() == target && e.event() != ChannelEvent.UPDATE, result::complete);
			}
			return result;
		});
	}

	/** RTL16: new options; with new params or modes an attached channel re-attaches, completing when done. */
	public CompletableFuture<Void> setOptions(ChannelOptions newOptions) {
		Objects.requireNonNull(newOptions, "options");
		return onLoop(() -> {
			boolean reattach = (!newOptions.params().equals(options.params())
					|| !newOptions.modes().equals(options.modes()))
					&& (state == ChannelState.ATTACHED || state == ChannelState.ATTACHING);
			applyOptions(newOptions);
			if (!reattach) {
				return CompletableFuture.<Void>completedFuture(null);
			}
			CompletableFuture<Void> done = new CompletableFuture<>();
			attachWaiters.add(done);
			if (state != ChannelState.ATTACHING) {
				setState(ChannelState.ATTACHING, null, false);                          // RTL16a; RTL2g: no repeat
			}
			sendAttach();
			return done;
		});
	}

	// ---------------------------------------------------------------- publish

	/** RTL6i1: publishes one message; completes with its serial when the server ACKs it. */
	public CompletableFuture<PublishResult> publish(@Nullable String name, @Nullable Object data) {
		return publish(List.of(Message.of(name, data)));
	}

	public CompletableFuture<PublishResult> publish(Message message) {
		return publish(List.of(message));
	}

	/**
	 * RTL6i2: publishes messages in one ProtocolMessage. Encoding (and encryption, RSL5) happens on the calling
	 * thread; a message over {@code maxMessageSize} fails at once with 40009 (RSL1i), as does a client id that is not
	 * this client's (RTL6g).
	 */
	public CompletableFuture<PublishResult> publish(List<Message> messages) {
		CompletableFuture<PublishResult> result = new CompletableFuture<>();
		try {
			PendingPublish pending = prepare(messages, result);
			connection.publishPosted();
			enqueue(result, () -> {
				boolean moreBehind = connection.publishTaken();
				ErrorInfo refused = publishRefusal();
				if (refused != null) {
					result.completeExceptionally(new AblyException(refused));
					return;
				}
				connection.publish(pending, moreBehind);
			});
		}
		catch (AblyException ex) {
			result.completeExceptionally(ex);
		}
		return result;
	}

	private PendingPublish prepare(List<Message> messages, CompletableFuture<PublishResult> result) {
		if (messages.isEmpty()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400, "nothing to publish"));
		}
		String ownClientId = connection.clientId();
		List<Message> encoded = new ArrayList<>(messages.size());
		boolean userIds = false;
		for (Message m : messages) {
			if (m.clientId() != null && !"*".equals(ownClientId) && ownClientId != null
					&& !m.clientId().equals(ownClientId)) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CLIENT_ID, 400, "message clientId '"
						+ m.clientId() + "' does not match the connection's '" + ownClientId + "' (RTL6g3)"));
			}
			userIds |= m.id() != null;
			encoded.add(encoder.encode(m));
		}
		long size = MessageSize.of(encoded);
		long max = connection.maxMessageSize();
		if (size > max) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.MAX_MESSAGE_SIZE_EXCEEDED, 400,
					"messages of " + size + " bytes exceed maxMessageSize " + max + " (RSL1i)"));
		}
		// Ids make a re-send after a failed resume idempotent (RSL1k, RTN19a2): the server drops the duplicate.
		List<Message> identified = IdempotentIds.assign(encoded);
		ProtocolMessage pm = ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(name).messages(identified).build();
		return new PendingPublish(pm, result, size, !userIds);
	}

	// ---------------------------------------------------------------- update, delete, append (RTL32)

	/** RTL32: publishes a new version of the message with {@code message.serial()}; completes on its ACK. */
	public CompletableFuture<UpdateDeleteResult> updateMessage(Message message) {
		return updateMessage(message, null, null);
	}

	public CompletableFuture<UpdateDeleteResult> updateMessage(Message message, @Nullable MessageOperation operation,
			@Nullable Map<String, String> params) {
		return operate(MessageAction.MESSAGE_UPDATE, message, operation, params);
	}

	/** RTL32: deletes the message with {@code message.serial()}. */
	public CompletableFuture<UpdateDeleteResult> deleteMessage(Message message) {
		return deleteMessage(message, null, null);
	}

	public CompletableFuture<UpdateDeleteResult> deleteMessage(Message message, @Nullable MessageOperation operation,
			@Nullable Map<String, String> params) {
		return operate(MessageAction.MESSAGE_DELETE, message, operation, params);
	}

	/** RTL32: appends to the data of the message with {@code message.serial()}. */
	public CompletableFuture<UpdateDeleteResult> appendMessage(Message message) {
		return appendMessage(message, null, null);
	}

	public CompletableFuture<UpdateDeleteResult> appendMessage(Message message, @Nullable MessageOperation operation,
			@Nullable Map<String, String> params) {
		return operate(MessageAction.MESSAGE_APPEND, message, operation, params);
	}

	/**
	 * RTL32b: one MESSAGE with the action set (RTL32b1), the operation as its version (RTL32b2) and {@code params}
	 * on the ProtocolMessage (RTL32e); the caller's message is left as it was (RTL32c, it is immutable). The result
	 * is the first serial of the ACK (RTL32d). Same state rules as publish (RTL6c).
	 */
	private CompletableFuture<UpdateDeleteResult> operate(MessageAction action, Message message,
			@Nullable MessageOperation operation, @Nullable Map<String, String> params) {
		Objects.requireNonNull(message, "message");
		CompletableFuture<PublishResult> acked = new CompletableFuture<>();
		try {
			if (message.serial() == null || message.serial().isEmpty()) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400,
						"the message to " + action + " needs its serial (RTL32a)"));
			}
			MessageVersion version = operation == null ? null
					: new MessageVersion(null, null, operation.clientId(), operation.description(),
							operation.metadata());
			Message encoded = encoder.encode(message.toBuilder().action(action).version(version).build());
			long size = MessageSize.of(List.of(encoded));
			long max = connection.maxMessageSize();
			if (size > max) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.MAX_MESSAGE_SIZE_EXCEEDED, 400,
						"message of " + size + " bytes exceeds maxMessageSize " + max + " (RSL1i)"));
			}
			ProtocolMessage.Builder pm = ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(name)
				.messages(List.of(encoded));
			if (params != null && !params.isEmpty()) {
				pm.params(params);
			}
			PendingPublish pending = new PendingPublish(pm.build(), acked, size, false);
			enqueue(acked, () -> {
				ErrorInfo refused = publishRefusal();
				if (refused != null) {
					acked.completeExceptionally(new AblyException(refused));
					return;
				}
				connection.publish(pending);
			});
		}
		catch (AblyException ex) {
			acked.completeExceptionally(ex);
		}
		return acked.thenApply(r -> new UpdateDeleteResult(r.serials().isEmpty() ? null : r.serials().get(0)));
	}

	/** Runs {@code task} on the loop; once the client is closed, fails {@code result} instead of dropping it. */
	void enqueue(CompletableFuture<?> result, Runnable task) {
		if (!loop.tryExecute(task)) {
			result.completeExceptionally(closedClient(new java.util.concurrent.RejectedExecutionException(
					"the realtime client is closed")));
		}
	}

	/** Work on the loop whose future settles later; a closed client fails it with an AblyException. */
	private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> work) {
		CompletableFuture<T> result = new CompletableFuture<>();
		loop.call(work::get).whenComplete((inner, ex) -> {
			if (ex != null) {
				result.completeExceptionally(closedClient(ex));
			}
			else {
				inner.whenComplete((v, e) -> {
					if (e != null) {
						result.completeExceptionally(e);
					}
					else {
						result.complete(v);
					}
				});
			}
		});
		return result;
	}

	private Throwable closedClient(Throwable ex) {
		Throwable cause = ex instanceof CompletionException && ex.getCause() != null
				? ex.getCause() : ex;
		if (cause instanceof RejectedExecutionException) {
			return new AblyException(ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED_INVALID_CHANNEL_STATE, 400,
					"the realtime client of channel '" + name + "' is closed"));
		}
		return cause;
	}

	/** RTL6c4: publishing on a SUSPENDED or FAILED channel fails at once. */
	@Nullable ErrorInfo publishRefusal() {
		if (state == ChannelState.SUSPENDED || state == ChannelState.FAILED) {
			return ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED_INVALID_CHANNEL_STATE, 400,
					"cannot publish to channel '" + name + "' in state " + state).withCause(errorReason);
		}
		return null;
	}

	// ---------------------------------------------------------------- subscribe

	/** RTL7a: every message; attaches the channel unless {@code attachOnSubscribe} is off (RTL7g, RTL7h). */
	public Subscription subscribe(Consumer<Message> listener) {
		return subscribe(m -> true, listener, null);
	}

	/** RTL7b: messages with this name. */
	public Subscription subscribe(String messageName, Consumer<Message> listener) {
		Objects.requireNonNull(messageName, "messageName");
		return subscribe(m -> messageName.equals(m.name()), listener, messageName);
	}

	/** RTL22: messages matching {@code filter}, e.g. a {@link MessageFilter}. */
	public Subscription subscribe(Predicate<Message> filter, Consumer<Message> listener) {
		return subscribe(filter, listener, filter);
	}

	/** RTL8a: removes every subscription of {@code listener}; an unknown listener is a no-op. */
	public void unsubscribe(Consumer<Message> listener) {
		messageListeners.remove(listener);
	}

	/** RTL8b: removes {@code listener}'s subscription to {@code messageName} only. */
	public void unsubscribe(String messageName, Consumer<Message> listener) {
		messageListeners.remove(messageName, listener);
	}

	private Subscription subscribe(Predicate<Message> filter, Consumer<Message> listener, @Nullable Object tag) {
		Objects.requireNonNull(listener, "listener");
		Subscription subscription = messageListeners.add(filter, listener, tag);
		ChannelState current = state;
		if (options.attachOnSubscribe() && (current == ChannelState.INITIALIZED || current == ChannelState.DETACHING
				|| current == ChannelState.DETACHED)) {
			attach().exceptionally(ex -> {
				logger.debug("implicit attach of '" + name + "' failed: " + ex.getMessage());
				return null;
			});
		}
		return subscription;
	}

	/** RTL8c: removes every message listener. */
	public void unsubscribeAll() {
		messageListeners.clear();
	}

	// ---------------------------------------------------------------- history

	/** RTL10: the channel's history, over REST (decrypted with the channel's cipher). */
	public PaginatedResult<Message> history(HistoryParams params) {
		return rest.history(params);
	}

	public CompletableFuture<PaginatedResult<Message>> historyAsync(HistoryParams params) {
		return rest.historyAsync(params);
	}

	/**
	 * RTL10b: with {@code untilAttach}, only the messages up to the moment the channel attached (or last lost
	 * continuity), by sending its {@code attachSerial} as {@code fromSerial}; fails with 40000 unless ATTACHED.
	 */
	public PaginatedResult<Message> history(HistoryParams params, boolean untilAttach) {
		if (!untilAttach) {
			return rest.history(params);
		}
		String serial = attachSerial;
		if (state != ChannelState.ATTACHED || serial == null) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400,
					"history with untilAttach needs the channel attached; '" + name + "' is " + state));
		}
		return rest.history(params, Map.of("fromSerial", serial));
	}

	public CompletableFuture<PaginatedResult<Message>> historyAsync(HistoryParams params, boolean untilAttach) {
		try {
			return CompletableFuture.completedFuture(null).thenApplyAsync(v -> history(params, untilAttach),
					connection.blocking());
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			return CompletableFuture.failedFuture(new AblyException(ErrorInfo.of(ErrorCodes.CONNECTION_CLOSED, 400,
					"the client is closed")));
		}
	}

	/** RTL28, RSL11: a message by serial, over REST. */
	public Message getMessage(String serial) {
		return rest.getMessage(serial);
	}

	public CompletableFuture<Message> getMessageAsync(String serial) {
		return rest.getMessageAsync(serial);
	}

	/** RTL31, RSL14: the versions of a message, over REST. */
	public PaginatedResult<Message> getMessageVersions(String serial, @Nullable Map<String, String> params) {
		return rest.getMessageVersions(serial, params);
	}

	/** RTS4: removes this channel from the client (detaching it first when attached). */
	public CompletableFuture<Void> release() {
		return detach().handle((v, ex) -> {
			onRelease.run();
			return null;
		});
	}

	@Override
	public String toString() {
		return "RealtimeChannel[" + name + ", " + state + "]";
	}

	// ---------------------------------------------------------------- on the loop

	private void attachOnLoop(CompletableFuture<Void> done) {
		switch (state) {
			case ATTACHED -> done.complete(null);                                       // RTL4a
			case ATTACHING -> {
				attachWaiters.add(done);                                                 // RTL4h
				if (detachAfterAttach) {
					detachAfterAttach = false;                                           // the later call wins
					failWaiters(detachWaiters, ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED, 400,
							"detach() superseded by attach() on channel '" + name + "'"));
				}
			}
			case DETACHING -> {
				attachWaiters.add(done);                                                 // RTL4h: after the detach
				attachAfterDetach = true;
			}
			default -> {
				ConnectionState cs = connection.state();
				if (cs == ConnectionState.CLOSING || cs == ConnectionState.CLOSED || cs == ConnectionState.SUSPENDED
						|| cs == ConnectionState.FAILED) {
					done.completeExceptionally(new AblyException(ErrorInfo.of(
							ErrorCodes.CHANNEL_OPERATION_FAILED_INVALID_CHANNEL_STATE, 400,
							"cannot attach while the connection is " + cs).withCause(connection.errorReason())));  // RTL4b
					return;
				}
				attachWaiters.add(done);
				startAttach(null);
			}
		}
	}

	private void startAttach(@Nullable ErrorInfo reason) {
		retryTimer.cancel();
		setState(ChannelState.ATTACHING, reason, false);
		if (connection.state() == ConnectionState.INITIALIZED) {
			connection.connect();                                                        // an attach needs a connection
		}
		sendAttach();
	}

	/** RTL4c, RTL4c1, RTL4j: sends ATTACH now if connected, else on CONNECTED (RTL4i). */
	private void sendAttach() {
		ProtocolMessage.Builder attach = ProtocolMessage.builder(ProtocolAction.ATTACH).channel(name)
			.channelSerial(channelSerial);
		ChannelOptions current = options;
		if (!current.params().isEmpty()) {
			attach.params(current.params());                                             // RTL4k
		}
		long flags = ChannelMode.toFlags(current.modes());                               // RTL4l
		if (attachResume) {
			flags |= ProtocolFlag.ATTACH_RESUME.mask();                                  // RTL4j
		}
		if (flags != 0) {
			attach.flags(flags);
		}
		if (connection.sendIfConnected(attach.build())) {
			armRequestTimer(() -> attachTimedOut());
		}
	}

	/** RTL4f: no ATTACHED in time: SUSPENDED, and a retry later (RTL13b). */
	private void attachTimedOut() {
		if (state != ChannelState.ATTACHING) {
			return;
		}
		ErrorInfo error = ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_TIMED_OUT, 408,
				"no ATTACHED for '" + name + "' within " + connection.realtimeRequestTimeout());
		suspend(error);
	}

	private void detachOnLoop(CompletableFuture<Void> done) {
		switch (state) {
			case INITIALIZED, DETACHED -> done.complete(null);                          // RTL5a
			case DETACHING -> {
				detachWaiters.add(done);                                                 // RTL5i
				if (attachAfterDetach) {
					attachAfterDetach = false;                                           // the later call wins
					failWaiters(attachWaiters, ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED, 400,
							"attach() superseded by detach() on channel '" + name + "'"));
				}
			}
			case FAILED -> done.completeExceptionally(new AblyException(ErrorInfo.of(
					ErrorCodes.CHANNEL_OPERATION_FAILED_INVALID_CHANNEL_STATE, 400,
					"cannot detach channel '" + name + "': it has FAILED").withCause(errorReason)));  // RTL5b
			case SUSPENDED -> {
				retryTimer.cancel();
				setState(ChannelState.DETACHED, null, false);                            // RTL5j
				done.complete(null);
			}
			default -> {
				ConnectionState cs = connection.state();
				if (cs == ConnectionState.CLOSING || cs == ConnectionState.FAILED) {
					done.completeExceptionally(new AblyException(ErrorInfo.of(
							ErrorCodes.CHANNEL_OPERATION_FAILED_INVALID_CHANNEL_STATE, 400,
							"cannot detach while the connection is " + cs)));            // RTL5g
					return;
				}
				detachWaiters.add(done);
				if (cs != ConnectionState.CONNECTED) {
					// RTL5l: nothing to tell a server we are not talking to.
					requestTimer.cancel();
					failWaiters(attachWaiters, ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED, 400,
							"detach() called while attaching channel '" + name + "'"));
					detached(null);
				}
				else if (state == ChannelState.ATTACHING) {
					detachAfterAttach = true;                                            // RTL5i: after the attach
				}
				else {
					startDetach();
				}
			}
		}
	}

	/** RTL5d: DETACHING, a DETACH, and back to the previous state if no DETACHED comes in time (RTL5f). */
	private void startDetach() {
		ChannelState previous = state;
		attachResume = false;                                                            // RTL4j1
		setState(ChannelState.DETACHING, null, false);
		sendDetach(previous);
	}

	private void sendDetach(ChannelState previous) {
		if (!connection.sendIfConnected(ProtocolMessage.builder(ProtocolAction.DETACH).channel(name).build())) {
			return;                                                                      // RTN19b: sent on CONNECTED
		}
		armRequestTimer(() -> {
			if (state != ChannelState.DETACHING) {
				return;
			}
			ErrorInfo error = ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_TIMED_OUT, 408,
					"no DETACHED for '" + name + "' within " + connection.realtimeRequestTimeout());
			setState(previous, error, false);                                            // RTL5f
			failWaiters(detachWaiters, error);
			runQueuedAttach();
		});
	}

	/** From the connection: a protocol message for this channel. */
	void onMessage(ProtocolMessage message) {
		switch (message.action()) {
			case ATTACHED -> onAttached(message);
			case DETACHED -> onDetached(message);
			case MESSAGE -> onMessages(message);
			case PRESENCE -> {
				if (state == ChannelState.ATTACHED) {
					updateSerial(message);
					presence.onPresence(message, false);
				}
			}
			case SYNC -> {
				if (state == ChannelState.ATTACHED) {
					updateSerial(message);
					presence.onPresence(message, true);
				}
			}
			case ANNOTATION -> {
				if (state == ChannelState.ATTACHED) {
					updateSerial(message);                                               // RTL15b
					annotations.onAnnotations(message, decoder);                         // RTAN4b
				}
			}
			case ERROR -> {
				ErrorInfo error = message.error() != null ? message.error()
						: ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED, 400, "channel error");
				fail(error);                                                             // RTL14
			}
			default -> logger.debug("ignored " + message.action() + " on channel '" + name + "'");
		}
	}

	private void onAttached(ProtocolMessage message) {
		boolean resumed = message.hasFlag(ProtocolFlag.RESUMED);
		boolean hasBacklog = message.hasFlag(ProtocolFlag.HAS_BACKLOG);
		switch (state) {
			case DETACHING -> {
				// RTL5k: the server still thinks we are attached: ask again.
				sendDetach(ChannelState.ATTACHED);
				return;
			}
			case DETACHED -> {
				connection.sendIfConnected(ProtocolMessage.builder(ProtocolAction.DETACH).channel(name).build()); // RTL5k
				return;
			}
			case ATTACHING, ATTACHED -> {
			}
			default -> {
				logger.debug("ignored ATTACHED on '" + name + "' in state " + state);
				return;
			}
		}
		Long flags = message.flags();
		if (flags != null) {
			modes = ChannelMode.fromFlags(flags);                                        // RTL4m
		}
		params = message.params() != null ? message.params() : Map.of();                 // RTL4k1
		if (!resumed) {
			attachSerial = message.channelSerial();                                      // RTL15c
		}
		if (message.channelSerial() != null) {
			channelSerial = message.channelSerial();                                     // RTL15b
		}
		attachResume = true;                                                             // RTL4j
		if (state == ChannelState.ATTACHING) {
			requestTimer.cancel();
			retryCount = 0;
			decodeFailureRecovery = false;
			errorReason = null;                                                          // RTL4c
			setState(ChannelState.ATTACHED, message.error(), resumed, hasBacklog);
			presence.onAttached(message.hasFlag(ProtocolFlag.HAS_PRESENCE), resumed);
			settleWaiters(attachWaiters, null);
			if (detachAfterAttach) {
				detachAfterAttach = false;
				startDetach();                                                           // RTL5i
			}
		}
		else if (!resumed) {
			// RTL12: an unsolicited ATTACHED without RESUMED means continuity may have been lost.
			emit(new ChannelStateChange(state, state, ChannelEvent.UPDATE, message.error(), false, hasBacklog));
			presence.onAttached(message.hasFlag(ProtocolFlag.HAS_PRESENCE), false, true);  // RTP17i
		}
	}

	private void onDetached(ProtocolMessage message) {
		ErrorInfo error = message.error();
		switch (state) {
			case DETACHING -> detached(error);                                           // RTL5d
			case ATTACHED, SUSPENDED -> {
				// RTL13a: the server detached us: re-attach at once.
				requestTimer.cancel();
				startAttach(error);
			}
			case ATTACHING -> suspend(error != null ? error
					: ErrorInfo.of(ErrorCodes.CHANNEL_OPERATION_FAILED, 400, "the server detached the channel")); // RTL13b
			default -> logger.debug("ignored DETACHED on '" + name + "' in state " + state);
		}
	}

	private void detached(@Nullable ErrorInfo error) {
		requestTimer.cancel();
		retryTimer.cancel();
		setState(ChannelState.DETACHED, error, false);
		presence.onDetached(error);
		settleWaiters(detachWaiters, null);
		runQueuedAttach();
	}

	/** RTL4h: the attach() made while DETACHING, now the detach has settled. */
	private void runQueuedAttach() {
		if (!attachAfterDetach) {
			return;
		}
		attachAfterDetach = false;
		if (attachWaiters.isEmpty()) {
			return;
		}
		if (state == ChannelState.ATTACHED) {
			settleWaiters(attachWaiters, null);
			return;
		}
		List<CompletableFuture<Void>> waiters = new ArrayList<>(attachWaiters);
		attachWaiters.clear();
		for (CompletableFuture<Void> w : waiters) {
			attachOnLoop(w);
		}
	}

	/** RTL5i: a detach() waiting on an attach that did not succeed: the channel is not attached, so DETACHED. */
	private void runQueuedDetachAfterFailedAttach() {
		if (detachAfterAttach) {
			detachAfterAttach = false;
			retryTimer.cancel();
			detached(null);
		}
	}

	/** RTL13b: SUSPENDED, then another attach after channelRetryTimeout while the connection is CONNECTED. */
	private void suspend(ErrorInfo error) {
		requestTimer.cancel();
		setState(ChannelState.SUSPENDED, error, false);
		presence.onSuspended(error);
		failWaiters(attachWaiters, error);
		if (detachAfterAttach) {
			runQueuedDetachAfterFailedAttach();
			return;
		}
		retryCount++;
		retryTimer = loop.schedule(() -> {
			if (state == ChannelState.SUSPENDED && connection.state() == ConnectionState.CONNECTED) {
				startAttach(null);
			}
		}, Backoff.delay(connection.channelRetryTimeout(), retryCount));
	}

	private void fail(ErrorInfo error) {
		requestTimer.cancel();
		retryTimer.cancel();
		attachResume = false;                                                            // RTL4j1
		detachAfterAttach = false;
		attachAfterDetach = false;
		setState(ChannelState.FAILED, error, false);
		presence.onFailed(error);
		failWaiters(attachWaiters, error);
		failWaiters(detachWaiters, error);
	}

	private void onMessages(ProtocolMessage message) {
		if (state != ChannelState.ATTACHED) {
			logger.debug("dropped a MESSAGE on '" + name + "' in state " + state + " (RTL17)");
			return;
		}
		if (decodeFailureRecovery) {
			return;                                                                      // RTL18: until re-attached
		}
		List<Message> messages = message.messages();
		if (messages == null) {
			return;
		}
		if (messageListeners.isEmpty() && !options.params().containsKey("delta") && !anyDelta(messages)) {
			// Nobody to deliver to and no delta base to keep (a publisher hearing its own echo): skip the decoding.
			updateSerial(message);
			return;
		}
		List<Message> decoded = new ArrayList<>(messages.size());
		for (int i = 0; i < messages.size(); i++) {
			Message populated = populate(messages.get(i), message, i);
			DecodeResult<Message> result = decoder.decode(populated, deltaContext);
			ErrorInfo missingPlugin = missingPlugin(result.error());
			if (missingPlugin != null) {
				// PC3: without a vcdiff decoder no later message can be decoded either.
				logger.warn("a vcdiff delta arrived on '" + name + "' but no vcdiff decoder is configured");
				fail(missingPlugin);
				return;
			}
			if (!result.isComplete() && result.error() != null
					&& result.error().code() == ErrorCodes.DELTA_DECODING_FAILED) {
				// RTL18: a delta that cannot be applied: re-attach from the last good serial.
				logger.warn("delta decoding failed on '" + name + "': " + result.error().message());
				decodeFailureRecovery = true;
				deltaContext = DeltaContext.none();
				startAttach(result.error());
				return;
			}
			if (!result.isComplete()) {
				logger.warn("message on '" + name + "' left partly encoded: " + result.error());
			}
			deltaContext = result.deltaContext();
			decoded.add(result.value());
		}
		updateSerial(message);
		for (Message m : decoded) {
			messageListeners.emit(m);
		}
	}

	private static boolean anyDelta(List<Message> messages) {
		for (Message m : messages) {
			if (m.encoding() != null && m.encoding().contains("vcdiff")) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable ErrorInfo missingPlugin(@Nullable ErrorInfo error) {
		for (ErrorInfo e = error; e != null; e = e.cause()) {
			if (e.code() == ErrorCodes.MISSING_PLUGIN) {
				return e;
			}
		}
		return null;
	}

	/** TM2a, TM2c, TM2f: fields a message inherits from its ProtocolMessage. */
	private static Message populate(Message m, ProtocolMessage pm, int index) {
		if ((m.id() != null || pm.id() == null) && (m.connectionId() != null || pm.connectionId() == null)
				&& (m.timestamp() != null || pm.timestamp() == null)) {
			return m;
		}
		Message.Builder b = m.toBuilder();
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

	private void updateSerial(ProtocolMessage message) {
		if (message.channelSerial() != null) {
			channelSerial = message.channelSerial();                                     // RTL15b
		}
	}

	/** From the connection (RTL3). */
	void onConnectionConnected(boolean resumed) {
		switch (state) {
			case ATTACHING, ATTACHED, SUSPENDED -> {
				if (state != ChannelState.ATTACHING) {
					startAttach(null);                                                   // RTL3d
				}
				else {
					sendAttach();                                                        // RTN19b
				}
			}
			case DETACHING -> {
				if (connection.sendIfConnected(ProtocolMessage.builder(ProtocolAction.DETACH).channel(name).build())) {
					armRequestTimer(() -> {
						if (state == ChannelState.DETACHING) {
							detached(null);
						}
					});                                                                  // RTN19b
				}
			}
			default -> {
			}
		}
	}

	void onConnectionSuspended(ErrorInfo reason) {
		if (state == ChannelState.ATTACHING || state == ChannelState.ATTACHED) {
			requestTimer.cancel();
			setState(ChannelState.SUSPENDED, reason, false);                             // RTL3c
			presence.onSuspended(reason);
			failWaiters(attachWaiters, reason);
			runQueuedDetachAfterFailedAttach();
		}
		else if (state == ChannelState.DETACHING) {
			detached(null);
		}
	}

	void onConnectionClosed() {
		if (state == ChannelState.ATTACHING || state == ChannelState.ATTACHED || state == ChannelState.SUSPENDED
				|| state == ChannelState.DETACHING) {
			retryTimer.cancel();
			ErrorInfo closed = ErrorInfo.of(ErrorCodes.CONNECTION_CLOSED, 400, "connection closed");
			detachAfterAttach = false;
			attachAfterDetach = false;
			failWaiters(attachWaiters, closed);
			detached(null);                                                              // RTL3b
		}
	}

	void onConnectionFailed(ErrorInfo reason) {
		if (state == ChannelState.ATTACHING || state == ChannelState.ATTACHED || state == ChannelState.SUSPENDED
				|| state == ChannelState.DETACHING) {
			fail(reason);                                                                // RTL3a
		}
	}

	private void armRequestTimer(Runnable onTimeout) {
		requestTimer.cancel();
		requestTimer = loop.schedule(onTimeout, connection.realtimeRequestTimeout());
	}

	private void setState(ChannelState next, @Nullable ErrorInfo reason, boolean resumed) {
		setState(next, reason, resumed, false);
	}

	private void setState(ChannelState next, @Nullable ErrorInfo reason, boolean resumed, boolean hasBacklog) {
		ChannelState previous = state;
		state = next;
		if (reason != null) {
			errorReason = reason;                                                        // RTL24
		}
		if (next == ChannelState.DETACHED || next == ChannelState.SUSPENDED || next == ChannelState.FAILED) {
			channelSerial = null;                                                        // RTL15b1
		}
		if (next == ChannelState.ATTACHED && previous != ChannelState.ATTACHED) {
			logger.debug("channel '" + name + "' attached" + (resumed ? " (resumed)" : ""));
		}
		emit(new ChannelStateChange(previous, next, next.event(), reason, resumed, hasBacklog));
	}

	/** RTL2g, RTP17e: an UPDATE event carrying {@code reason}, the state unchanged and continuity kept (resumed). */
	void emitUpdate(ErrorInfo reason) {
		errorReason = reason;
		emit(new ChannelStateChange(state, state, ChannelEvent.UPDATE, reason, true, false));
	}

	PayloadEncoder encoder() {
		return encoder;
	}

	private void emit(ChannelStateChange change) {
		stateListeners.emit(change);
	}

	private void applyOptions(ChannelOptions newOptions) {
		this.options = newOptions;
		ChannelCipher cipher = newOptions.cipher() != null ? ChannelCipher.of(newOptions.cipher()) : null;
		this.encoder = PayloadEncoder.of(cipher);
		this.decoder = PayloadDecoder.of(cipher, deltaDecoder);
	}

	/** PC3: replaces the vcdiff decoder (tests plug in the UTS mock; null removes it). */
	void deltaDecoder(@Nullable DeltaDecoder deltaDecoder) {
		this.deltaDecoder = deltaDecoder;
		applyOptions(options);
	}

	private static void settleWaiters(List<CompletableFuture<Void>> waiters, @Nullable ErrorInfo error) {
		List<CompletableFuture<Void>> copy = new ArrayList<>(waiters);
		waiters.clear();
		for (CompletableFuture<Void> w : copy) {
			if (error == null) {
				w.complete(null);
			}
			else {
				w.completeExceptionally(new AblyException(error));
			}
		}
	}

	private static void failWaiters(List<CompletableFuture<Void>> waiters, ErrorInfo error) {
		settleWaiters(waiters, error);
	}
}
