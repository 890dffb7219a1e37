package io.github.ablyspring.client.rest;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.ablyspring.client.http.Credentials;
import io.github.ablyspring.client.http.HttpCore;
import io.github.ablyspring.client.http.RestRequest;
import io.github.ablyspring.client.http.RestResponse;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.protocol.payload.DecodeResult;
import io.github.ablyspring.protocol.payload.PayloadDecoder;

/**
 * The presence of a channel over REST (RSP): the current members and the presence history, payloads decoded with the
 * channel's cipher (RSP5). Obtained from {@link RestChannel#presence()}; thread-safe.
 */
public final class RestPresence {

	private static final Log logger = LogFactory.getLog(RestPresence.class);

	private final String channel;

	private final HttpCore http;

	private final Credentials credentials;

	private final PayloadDecoder decoder;

	private final String presencePath;

	RestPresence(String channel, String channelPath, HttpCore http, Credentials credentials, PayloadDecoder decoder) {
		this.channel = channel;
		this.http = http;
		this.credentials = credentials;
		this.decoder = decoder;
		this.presencePath = channelPath + "/presence";
	}

	/** RSP3: the members present now, paginated. */
	public PaginatedResult<PresenceMessage> get(PresenceParams params) {
		return page(RestRequest.get(presencePath).withParams(params.toQuery()));
	}

	public PaginatedResult<PresenceMessage> get() {
		return get(PresenceParams.DEFAULTS);
	}

	public CompletableFuture<PaginatedResult<PresenceMessage>> getAsync(PresenceParams params) {
		return http.async(() -> get(params));
	}

	/** RSP4: the presence events of the channel, newest first unless asked otherwise. */
	public PaginatedResult<PresenceMessage> history(HistoryParams params) {
		return page(RestRequest.get(presencePath + "/history").withParams(params.toQuery()));
	}

	public PaginatedResult<PresenceMessage> history() {
		return history(HistoryParams.DEFAULTS);
	}

	public CompletableFuture<PaginatedResult<PresenceMessage>> historyAsync(HistoryParams params) {
		return http.async(() -> history(params));
	}

	private PaginatedResult<PresenceMessage> page(RestRequest request) {
		RestResponse response = http.send(request, credentials);
		List<PresenceMessage> items = response.decode(WireTypes.PRESENCE_MESSAGES).stream().map(this::decode).toList();
		return new PaginatedResult<>(items, response.links(), request.path(),
				path -> http.async(() -> page(RestRequest.get(path))));
	}

	/** RSP5, RSL6b: a payload that does not decode is delivered as it came, and the failure logged. */
	private PresenceMessage decode(PresenceMessage message) {
		DecodeResult<PresenceMessage> result = decoder.decode(message);
		if (!result.isComplete() && result.error() != null) {
			logger.warn("channel " + channel + ": presence message " + message.id() + " not fully decoded: "
					+ result.error());
		}
		return result.value();
	}

	@Override
	public String toString() {
		return "RestPresence[" + channel + "]";
	}
}
