package io.github.ablyspring.client.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.ablyspring.client.rest.MessageSize;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.rest.RestAnnotations;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;
import io.github.ablyspring.protocol.ChannelMode;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.payload.DecodeResult;
import io.github.ablyspring.protocol.payload.PayloadDecoder;

/**
 * RTL26, RTAN: the annotations of a realtime channel's messages: publish and delete over the realtime connection
 * (RTAN1, RTAN2), get over REST (RTAN3), and subscribe to the annotations the server sends (RTAN4, RTAN5).
 */
public final class RealtimeAnnotations {

	private static final Log logger = LogFactory.getLog(RealtimeAnnotations.class);

	private final RealtimeChannel channel;

	private final ConnectionManager connection;

	private final RestAnnotations rest;

	private final Listeners<Annotation> listeners;

	/** RTAN4e: where the missing-mode warning goes; a seam for tests. */
	volatile Consumer<String> warnings = logger::warn;

	RealtimeAnnotations(RealtimeChannel channel, ConnectionManager connection, RestAnnotations rest,
			SerialExecutor listenerExecutor) {
		this.channel = channel;
		this.connection = connection;
		this.rest = rest;
		this.listeners = new Listeners<>(listenerExecutor);
	}

	/** RTAN1: annotates the message with {@code messageSerial}; completes when the server ACKs it (RTAN1d). */
	public CompletableFuture<Void> publish(String messageSerial, Annotation annotation) {
		return send(messageSerial, annotation, AnnotationAction.ANNOTATION_CREATE);
	}

	public CompletableFuture<Void> publish(Message message, Annotation annotation) {
		return publish(Objects.requireNonNull(message, "message").serial(), annotation);
	}

	/** RTAN2: removes an annotation; the same as publish but with ANNOTATION_DELETE (RTAN2a). */
	public CompletableFuture<Void> delete(String messageSerial, Annotation annotation) {
		return send(messageSerial, annotation, AnnotationAction.ANNOTATION_DELETE);
	}

	public CompletableFuture<Void> delete(Message message, Annotation annotation) {
		return delete(Objects.requireNonNull(message, "message").serial(), annotation);
	}

	/** RTAN3: the annotations of a message, over REST (RTAN3a). */
	public PaginatedResult<Annotation> get(String messageSerial, @Nullable Map<String, String> params) {
		return rest.get(messageSerial, params);
	}

	public CompletableFuture<PaginatedResult<Annotation>> getAsync(String messageSerial,
			@Nullable Map<String, String> params) {
		return rest.getAsync(messageSerial, params);
	}

	/** RTAN4a: every annotation; attaches the channel like subscribe does (RTAN4d). */
	public Subscription subscribe(Consumer<Annotation> listener) {
		return subscribe(a -> true, listener, null);
	}

	/** RTAN4c: annotations whose type is exactly {@code type}. */
	public Subscription subscribe(String type, Consumer<Annotation> listener) {
		Objects.requireNonNull(type, "type");
		return subscribe(a -> type.equals(a.type()), listener, type);
	}

	/** RTAN5a: removes every subscription of {@code listener}. */
	public void unsubscribe(Consumer<Annotation> listener) {
		listeners.remove(listener);
	}

	/** RTAN5a: removes {@code listener}'s subscription to {@code type} only. */
	public void unsubscribe(String type, Consumer<Annotation> listener) {
		listeners.remove(type, listener);
	}

	public void unsubscribeAll() {
		listeners.clear();
	}

	private Subscription subscribe(java.util.function.Predicate<Annotation> filter, Consumer<Annotation> listener,
			@Nullable String type) {
		Objects.requireNonNull(listener, "listener");
		Subscription subscription = listeners.add(filter, listener, type);
		ChannelOptions options = channel.options();
		ChannelState state = channel.state();
		if (options.attachOnSubscribe() && (state == ChannelState.INITIALIZED || state == ChannelState.DETACHING
				|| state == ChannelState.DETACHED)) {
			channel.attach().whenComplete((v, ex) -> {
				if (ex == null) {
					checkMode();
				}
			});
		}
		else if (state == ChannelState.ATTACHED) {
			checkMode();                                                                 // RTAN4e, not RTAN4e1
		}
		return subscription;
	}

	/** RTAN4e: without ANNOTATION_SUBSCRIBE granted, no annotation will ever arrive. */
	private void checkMode() {
		if (!channel.modes().contains(ChannelMode.ANNOTATION_SUBSCRIBE)) {
			warnings.accept("channel '" + channel.name() + "' is attached without the ANNOTATION_SUBSCRIBE mode; "
					+ "no annotations will be delivered (request it in the channel modes)");
		}
	}

	private CompletableFuture<Void> send(@Nullable String messageSerial, @Nullable Annotation annotation,
			AnnotationAction action) {
		CompletableFuture<PublishResult> acked = new CompletableFuture<>();
		try {
			if (messageSerial == null || messageSerial.isEmpty()) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400,
						"an annotation needs the serial of the message it annotates"));
			}
			if (annotation == null || annotation.type() == null || annotation.type().isEmpty()) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400,
						"an annotation needs a type (RSAN1a3)"));
			}
			Annotation encoded = channel.encoder().encode(new Annotation(annotation.id(), action,
					annotation.clientId(), annotation.name(), annotation.count(), annotation.data(),
					annotation.encoding(), annotation.timestamp(), annotation.serial(), messageSerial, annotation.type(),
					annotation.extras()));                                               // RTAN1a: RSL4 encoding
			long size = MessageSize.of(Message.builder().name(encoded.name()).clientId(encoded.clientId())
				.data(encoded.data()).extras(encoded.extras()).build());
			if (size > connection.maxMessageSize()) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.MAX_MESSAGE_SIZE_EXCEEDED, 400,
						"annotation of " + size + " bytes exceeds maxMessageSize " + connection.maxMessageSize()));
			}
			ProtocolMessage pm = ProtocolMessage.builder(ProtocolAction.ANNOTATION).channel(channel.name())
				.annotations(List.of(encoded)).build();                                  // RTAN1c
			PendingPublish pending = new PendingPublish(pm, acked, size, false);
			channel.enqueue(acked, () -> {
				ErrorInfo refused = channel.publishRefusal();                            // RTAN1b: as RTL6c
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
		return acked.thenApply(r -> null);
	}

	/** RTAN4b: on the loop, from the channel: an ANNOTATION ProtocolMessage while ATTACHED. */
	void onAnnotations(ProtocolMessage message, PayloadDecoder decoder) {
		List<Annotation> annotations = message.annotations();
		if (annotations == null) {
			return;
		}
		List<Annotation> decoded = new ArrayList<>(annotations.size());
		for (Annotation a : annotations) {
			DecodeResult<Annotation> result = decoder.decode(a);
			if (!result.isComplete() && result.error() != null) {
				logger.warn("annotation " + a.id() + " on '" + channel.name() + "' not fully decoded: "
						+ result.error());
			}
			decoded.add(result.value());
		}
		for (Annotation a : decoded) {
			listeners.emit(a);
		}
	}
}
