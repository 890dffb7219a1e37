package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.http.Credentials;
import io.github.ablyspring.client.http.HttpCore;
import io.github.ablyspring.client.http.RestRequest;
import io.github.ablyspring.client.http.RestResponse;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.protocol.crypto.ChannelCipher;
import io.github.ablyspring.protocol.payload.DecodeResult;
import io.github.ablyspring.protocol.payload.PayloadDecoder;
import io.github.ablyspring.protocol.payload.PayloadEncoder;

/**
 * A channel seen over REST (RSL): publish, history, status, presence, message versions (RSL11-RSL15) and
 * annotations (RSAN), with the channel's cipher applied on the way out and back
 * (RSL5). Obtained from {@link RestChannels}; thread-safe. Every operation has a blocking form, run on the calling
 * thread, and an {@code Async} form run on the client's executor.
 */
public final class RestChannel {

	private static final Log logger = LogFactory.getLog(RestChannel.class);

	/** The publish and history options of a client that a channel needs. */
	public record Settings(boolean idempotentRestPublishing, int maxMessageSize) {
	}

	private final String name;

	private final ChannelOptions options;

	private final HttpCore http;

	private final Credentials credentials;

	private final Settings settings;

	private final PayloadEncoder encoder;

	private final PayloadDecoder decoder;

	private final String messagesPath;

	private final String channelPath;

	private final RestPresence presence;

	private final MessageVersions versions;

	private final RestAnnotations annotations;

	RestChannel(String name, ChannelOptions options, HttpCore http, Credentials credentials, Settings settings) {
		this.name = name;
		this.options = options;
		this.http = http;
		this.credentials = credentials;
		this.settings = settings;
		ChannelCipher cipher = options.cipher() != null ? ChannelCipher.of(options.cipher()) : null;
		this.encoder = PayloadEncoder.of(cipher);
		this.decoder = PayloadDecoder.of(cipher);
		this.channelPath = "/channels/" + HttpCore.encode(name);
		this.messagesPath = channelPath + "/messages";
		this.presence = new RestPresence(name, channelPath, http, credentials, decoder);
		this.versions = new MessageVersions(messagesPath, http, credentials, encoder, settings);
		this.annotations = new RestAnnotations(name, versions, http, credentials, encoder, decoder, settings);
	}

	public String name() {
		return name;
	}

	public ChannelOptions options() {
		return options;
	}

	/** RSL3: the channel's presence. */
	public RestPresence presence() {
		return presence;
	}

	/** RSL8: the channel's status and occupancy, {@code GET /channels/{name}}. */
	public ChannelDetails status() {
		JsonNode body = http.send(RestRequest.get(channelPath), credentials).decode(WireTypes.JSON);
		Map<String, Long> metrics = new LinkedHashMap<>();
		JsonNode status = body.path("status");
		status.path("occupancy").path("metrics").properties()
			.forEach(e -> metrics.put(e.getKey(), e.getValue().asLong()));
		return new ChannelDetails(body.path("channelId").asString(name), status.path("isActive").asBoolean(false),
				metrics);
	}

	public CompletableFuture<ChannelDetails> statusAsync() {
		return http.async(this::status);
	}

	/** RSL1a: publishes one message with a name and data. */
	public PublishResult publish(@Nullable String name, @Nullable Object data) {
		return publish(List.of(Message.of(name, data)));
	}

	public PublishResult publish(Message message) {
		return publish(List.of(message));
	}

	/**
	 * RSL1: publishes messages in one request, encoded (and encrypted) first (RSL4, RSL5); fails with 40009 before
	 * sending when they exceed {@code maxMessageSize} (RSL1i).
	 */
	public PublishResult publish(List<Message> messages) {
		RestRequest request = publishRequest(messages);
		RestResponse response = http.send(request, credentials);
		return response.decodeOr(WireTypes.PUBLISH_RESULT, new PublishResult(List.of()));
	}

	/**
	 * RSL1l: as {@link #publish(List)}, with {@code params} sent in the query string, each value as its
	 * {@code String.valueOf} (strings, numbers, booleans: RTC1f).
	 */
	public PublishResult publish(List<Message> messages, Map<String, ?> params) {
		Map<String, String> query = new LinkedHashMap<>();
		params.forEach((k, v) -> query.put(k, String.valueOf(v)));
		RestResponse response = http.send(publishRequest(messages).withParams(query), credentials);
		return response.decodeOr(WireTypes.PUBLISH_RESULT, new PublishResult(List.of()));
	}

	public PublishResult publish(Message message, Map<String, ?> params) {
		return publish(List.of(message), params);
	}

	public CompletableFuture<PublishResult> publishAsync(List<Message> messages, Map<String, ?> params) {
		return http.async(() -> publish(messages, params));
	}

	public CompletableFuture<PublishResult> publishAsync(@Nullable String name, @Nullable Object data) {
		return publishAsync(List.of(Message.of(name, data)));
	}

	public CompletableFuture<PublishResult> publishAsync(List<Message> messages) {
		return http.async(() -> publish(messages));
	}

	private RestRequest publishRequest(List<Message> messages) {
		if (messages.isEmpty()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400, "nothing to publish"));
		}
		List<Message> encoded = new ArrayList<>(messages.size());
		for (Message m : messages) {
			encoded.add(encoder.encode(m));
		}
		long size = MessageSize.of(encoded);
		if (size > settings.maxMessageSize()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.MAX_MESSAGE_SIZE_EXCEEDED, 400, "messages of " + size
					+ " bytes exceed maxMessageSize " + settings.maxMessageSize() + " (RSL1i)"));
		}
		if (settings.idempotentRestPublishing()) {
			encoded = IdempotentIds.assign(encoded);
		}
		byte[] body = encoded.size() == 1 ? http.codec().encode(encoded.get(0), WireTypes.MESSAGE)
				: http.codec().encode(encoded, WireTypes.MESSAGES);
		return RestRequest.post(messagesPath, body);
	}

	/** RSL2: the channel's messages, newest first unless asked otherwise; payloads decoded (RSL6). */
	public PaginatedResult<Message> history(HistoryParams params) {
		return page(RestRequest.get(messagesPath).withParams(params.toQuery()));
	}

	/** History with extra query parameters, e.g. the realtime channel's {@code fromSerial} bound (RTL10b). */
	public PaginatedResult<Message> history(HistoryParams params, Map<String, String> extraQuery) {
		Map<String, String> query = new java.util.LinkedHashMap<>(params.toQuery());
		query.putAll(extraQuery);
		return page(RestRequest.get(messagesPath).withParams(query));
	}

	public PaginatedResult<Message> history() {
		return history(HistoryParams.DEFAULTS);
	}

	public CompletableFuture<PaginatedResult<Message>> historyAsync(HistoryParams params) {
		return http.async(() -> history(params));
	}

	private PaginatedResult<Message> page(RestRequest request) {
		RestResponse response = http.send(request, credentials);
		List<Message> items = response.decode(WireTypes.MESSAGES).stream().map(this::decode).toList();
		return new PaginatedResult<>(items, response.links(), request.path(),
				path -> http.async(() -> page(RestRequest.get(path))));
	}

	/** RSL6b: a payload that does not decode is delivered as it came, and the failure logged. */
	private Message decode(Message message) {
		DecodeResult<Message> result = decoder.decode(message);
		if (!result.isComplete() && result.error() != null) {
			logger.warn("channel " + name + ": message " + message.id() + " not fully decoded: " + result.error());
		}
		return result.value();
	}

	// ---- message versions (RSL11, RSL14, RSL15) and annotations (RSL10, RSAN) ----

	/** RSL10: the annotations of this channel's messages. */
	public RestAnnotations annotations() {
		return annotations;
	}

	/** RSL11: the latest version of the message with {@code serial}, {@code GET /channels/{name}/messages/{serial}}. */
	public Message getMessage(String serial) {
		RestRequest request = RestRequest.get(versions.path(MessageVersions.checkSerial(serial)));
		Message message = http.send(request, credentials).decode(WireTypes.MESSAGE);
		return MessageVersions.complete(decode(message));
	}

	/** RSL11a1: the same for a {@code Message} with a serial. */
	public Message getMessage(Message message) {
		return getMessage(MessageVersions.serialOf(message));
	}

	public CompletableFuture<Message> getMessageAsync(String serial) {
		return http.async(() -> getMessage(serial));
	}

	/**
	 * RSL14: every version of the message with {@code serial}, {@code GET /channels/{name}/messages/{serial}/versions};
	 * {@code params} (such as {@code limit}, {@code direction}) go in the query.
	 */
	public PaginatedResult<Message> getMessageVersions(String serial, @Nullable Map<String, String> params) {
		RestRequest request = RestRequest.get(versions.path(MessageVersions.checkSerial(serial)) + "/versions")
			.withParams(params == null ? Map.of() : params);
		return versionsPage(request);
	}

	public PaginatedResult<Message> getMessageVersions(String serial) {
		return getMessageVersions(serial, null);
	}

	public PaginatedResult<Message> getMessageVersions(Message message, @Nullable Map<String, String> params) {
		return getMessageVersions(MessageVersions.serialOf(message), params);
	}

	public CompletableFuture<PaginatedResult<Message>> getMessageVersionsAsync(String serial,
			@Nullable Map<String, String> params) {
		return http.async(() -> getMessageVersions(serial, params));
	}

	private PaginatedResult<Message> versionsPage(RestRequest request) {
		RestResponse response = http.send(request, credentials);
		List<Message> items = response.decode(WireTypes.MESSAGES).stream().map(this::decode)
			.map(MessageVersions::complete).toList();
		return new PaginatedResult<>(items, response.links(), request.path(),
				path -> http.async(() -> versionsPage(RestRequest.get(path))));
	}

	/**
	 * RSL15: a new version of {@code message} (which must have its serial) replacing its name, data and extras
	 * where set; {@code PATCH /channels/{name}/messages/{serial}} with action MESSAGE_UPDATE. The message is not
	 * changed (RSL15c); {@code params} go in the query (RSL15f).
	 */
	public UpdateDeleteResult updateMessage(Message message, @Nullable MessageOperation operation,
			@Nullable Map<String, String> params) {
		return versions.send(message, MessageAction.MESSAGE_UPDATE, operation, params);
	}

	public UpdateDeleteResult updateMessage(Message message, @Nullable MessageOperation operation) {
		return updateMessage(message, operation, null);
	}

	public UpdateDeleteResult updateMessage(Message message) {
		return updateMessage(message, null, null);
	}

	public CompletableFuture<UpdateDeleteResult> updateMessageAsync(Message message,
			@Nullable MessageOperation operation) {
		return http.async(() -> updateMessage(message, operation, null));
	}

	/** RSL15: marks the message deleted (action MESSAGE_DELETE). */
	public UpdateDeleteResult deleteMessage(Message message, @Nullable MessageOperation operation,
			@Nullable Map<String, String> params) {
		return versions.send(message, MessageAction.MESSAGE_DELETE, operation, params);
	}

	public UpdateDeleteResult deleteMessage(Message message, @Nullable MessageOperation operation) {
		return deleteMessage(message, operation, null);
	}

	public UpdateDeleteResult deleteMessage(Message message) {
		return deleteMessage(message, null, null);
	}

	public CompletableFuture<UpdateDeleteResult> deleteMessageAsync(Message message,
			@Nullable MessageOperation operation) {
		return http.async(() -> deleteMessage(message, operation, null));
	}

	/** RSL15: appends the message's data to the latest version's (action MESSAGE_APPEND). */
	public UpdateDeleteResult appendMessage(Message message, @Nullable MessageOperation operation,
			@Nullable Map<String, String> params) {
		return versions.send(message, MessageAction.MESSAGE_APPEND, operation, params);
	}

	public UpdateDeleteResult appendMessage(Message message, @Nullable MessageOperation operation) {
		return appendMessage(message, operation, null);
	}

	public UpdateDeleteResult appendMessage(Message message) {
		return appendMessage(message, null, null);
	}

	public CompletableFuture<UpdateDeleteResult> appendMessageAsync(Message message,
			@Nullable MessageOperation operation) {
		return http.async(() -> appendMessage(message, operation, null));
	}

	@Override
	public String toString() {
		return "RestChannel[" + name + (options.isEncrypted() ? ", encrypted" : "") + "]";
	}
}
