package io.github.ablyspring.client.rest;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.ablyspring.client.http.Credentials;
import io.github.ablyspring.client.http.HttpCore;
import io.github.ablyspring.client.http.RestRequest;
import io.github.ablyspring.client.http.RestResponse;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.protocol.payload.DecodeResult;
import io.github.ablyspring.protocol.payload.PayloadDecoder;
import io.github.ablyspring.protocol.payload.PayloadEncoder;

/**
 * The annotations of a channel's messages over REST (RSAN): {@code publish}, {@code delete} and {@code get}, with
 * the channel's payload encoding (and cipher) applied to annotation data (TAN2f1). Obtained from
 * {@link RestChannel#annotations()} (RSL10); thread-safe.
 */
public final class RestAnnotations {

	private static final Log logger = LogFactory.getLog(RestAnnotations.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String channelName;

	private final MessageVersions versions;

	private final HttpCore http;

	private final Credentials credentials;

	private final PayloadEncoder encoder;

	private final PayloadDecoder decoder;

	private final RestChannel.Settings settings;

	RestAnnotations(String channelName, MessageVersions versions, HttpCore http, Credentials credentials,
			PayloadEncoder encoder, PayloadDecoder decoder, RestChannel.Settings settings) {
		this.channelName = channelName;
		this.versions = versions;
		this.http = http;
		this.credentials = credentials;
		this.encoder = encoder;
		this.decoder = decoder;
		this.settings = settings;
	}

	/** RSAN1: publishes {@code annotation} (ANNOTATION_CREATE) on the message with {@code messageSerial}. */
	public void publish(String messageSerial, Annotation annotation) {
		send(MessageVersions.checkSerial(messageSerial), annotation, AnnotationAction.ANNOTATION_CREATE);
	}

	/** RSAN1a1: the same, naming the message by a {@code Message} with a serial. */
	public void publish(Message message, Annotation annotation) {
		publish(MessageVersions.serialOf(message), annotation);
	}

	public CompletableFuture<Void> publishAsync(String messageSerial, Annotation annotation) {
		return http.async(() -> {
			publish(messageSerial, annotation);
			return null;
		});
	}

	/** RSAN2: as {@link #publish(String, Annotation)} with action ANNOTATION_DELETE. */
	public void delete(String messageSerial, Annotation annotation) {
		send(MessageVersions.checkSerial(messageSerial), annotation, AnnotationAction.ANNOTATION_DELETE);
	}

	public void delete(Message message, Annotation annotation) {
		delete(MessageVersions.serialOf(message), annotation);
	}

	public CompletableFuture<Void> deleteAsync(String messageSerial, Annotation annotation) {
		return http.async(() -> {
			delete(messageSerial, annotation);
			return null;
		});
	}

	/** RSAN3: the first page of the message's annotations, decoded (TAN3); {@code params} go in the query. */
	public PaginatedResult<Annotation> get(String messageSerial, @Nullable Map<String, String> params) {
		RestRequest request = RestRequest.get(versions.path(MessageVersions.checkSerial(messageSerial)) + "/annotations")
			.withParams(params == null ? Map.of() : params);
		return page(request);
	}

	public PaginatedResult<Annotation> get(String messageSerial) {
		return get(messageSerial, null);
	}

	public PaginatedResult<Annotation> get(Message message) {
		return get(MessageVersions.serialOf(message), null);
	}

	public CompletableFuture<PaginatedResult<Annotation>> getAsync(String messageSerial,
			@Nullable Map<String, String> params) {
		return http.async(() -> get(messageSerial, params));
	}

	private void send(String messageSerial, @Nullable Annotation annotation, AnnotationAction action) {
		if (annotation == null || annotation.type() == null || annotation.type().isEmpty()) {
			// RSAN1a3
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400,
					"an annotation needs a type (RSAN1a3)"));
		}
		Annotation encoded = encoder.encode(new Annotation(annotation.id(), action, annotation.clientId(),
				annotation.name(), annotation.count(), annotation.data(), annotation.encoding(), annotation.timestamp(),
				annotation.serial(), messageSerial, annotation.type(), annotation.extras()));
		long size = MessageSize.of(Message.builder().name(encoded.name()).clientId(encoded.clientId())
			.data(encoded.data()).extras(encoded.extras()).build());
		if (size > settings.maxMessageSize()) {
			// RSAN1a4
			throw new AblyException(ErrorInfo.of(ErrorCodes.MAX_MESSAGE_SIZE_EXCEEDED, 400, "annotation of " + size
					+ " bytes exceeds maxMessageSize " + settings.maxMessageSize()));
		}
		if (settings.idempotentRestPublishing() && (encoded.id() == null || encoded.id().isEmpty())) {
			// RSAN1c4: as RSL1k1, in URL-safe base64
			byte[] bytes = new byte[9];
			RANDOM.nextBytes(bytes);
			encoded = new Annotation(Base64.getUrlEncoder().encodeToString(bytes) + ":0", encoded.action(),
					encoded.clientId(), encoded.name(), encoded.count(), encoded.data(), encoded.encoding(),
					encoded.timestamp(), encoded.serial(), encoded.messageSerial(), encoded.type(), encoded.extras());
		}
		byte[] body = http.codec().encode(List.of(encoded), WireTypes.ANNOTATIONS);
		http.send(RestRequest.post(versions.path(messageSerial) + "/annotations", body), credentials);
	}

	private PaginatedResult<Annotation> page(RestRequest request) {
		RestResponse response = http.send(request, credentials);
		List<Annotation> items = response.decode(WireTypes.ANNOTATIONS).stream().map(this::decode).toList();
		return new PaginatedResult<>(items, response.links(), request.path(),
				path -> http.async(() -> page(RestRequest.get(path))));
	}

	private Annotation decode(Annotation annotation) {
		DecodeResult<Annotation> result = decoder.decode(annotation);
		if (!result.isComplete() && result.error() != null) {
			logger.warn("channel " + channelName + ": annotation " + annotation.id() + " not fully decoded: "
					+ result.error());
		}
		return result.value();
	}

	@Override
	public String toString() {
		return "RestAnnotations[" + channelName + "]";
	}
}
