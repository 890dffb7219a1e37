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
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.protocol.crypto.ChannelCipher;
import io.github.ablyspring.protocol.payload.DecodeResult;
import io.github.ablyspring.protocol.payload.PayloadDecoder;
import io.github.ablyspring.protocol.payload.PayloadEncoder;

/**
 * A channel seen over REST (RSL): publish, history, status and presence, with the channel's cipher applied on the way out and back
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

	@Override
	public String toString() {
		return "RestChannel[" + name + (options.isEncrypted() ? ", encrypted" : "") + "]";
	}
}
