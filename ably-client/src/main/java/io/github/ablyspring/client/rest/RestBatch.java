package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.List;

import io.github.ablyspring.client.http.Credentials;
import io.github.ablyspring.client.http.HttpCore;
import io.github.ablyspring.client.http.RestRequest;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.payload.PayloadEncoder;

/**
 * The batch operations of a REST client: publish to many channels (RSC22) and the members of many channels (RSC24),
 * each in one request. Thread-safe.
 */
public final class RestBatch {

	private final HttpCore http;

	private final Credentials credentials;

	private final boolean idempotentRestPublishing;

	private final PayloadEncoder encoder = PayloadEncoder.plain();

	public RestBatch(HttpCore http, Credentials credentials, boolean idempotentRestPublishing) {
		this.http = http;
		this.credentials = credentials;
		this.idempotentRestPublishing = idempotentRestPublishing;
	}

	/**
	 * RSC22: publishes each spec's messages to each of its channels; one {@link BatchResult} per spec, in order.
	 * Messages are encoded (RSC22c) and given idempotent ids (RSC22d) when the options ask for them.
	 */
	public List<BatchResult<BatchPublishResult>> publish(List<BatchPublishSpec> specs) {
		if (specs.isEmpty()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400, "nothing to publish"));
		}
		List<BatchPublishSpec> encoded = new ArrayList<>(specs.size());
		for (BatchPublishSpec spec : specs) {
			List<Message> messages = spec.messages().stream().map(encoder::encode).toList();
			encoded.add(new BatchPublishSpec(spec.channels(),
					idempotentRestPublishing ? IdempotentIds.assign(messages) : messages));
		}
		byte[] body = http.codec().encode(encoded, BatchWire.PUBLISH_SPEC.list());
		return http.send(RestRequest.post("/messages", body), credentials).decode(BatchWire.PUBLISH_RESULT.list());
	}

	/** RSC22: one spec. */
	public BatchResult<BatchPublishResult> publish(BatchPublishSpec spec) {
		return publish(List.of(spec)).get(0);
	}

	/** RSC24: the members present on each of {@code channels}. */
	public BatchResult<BatchPresenceResult> presence(List<String> channels) {
		if (channels.isEmpty()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400, "no channels given"));
		}
		RestRequest request = RestRequest.get("/presence")
			.withParams(java.util.Map.of("channels", String.join(",", channels)));
		return http.send(request, credentials).decode(BatchWire.PRESENCE_RESULT);
	}
}
