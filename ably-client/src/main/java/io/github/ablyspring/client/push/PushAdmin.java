package io.github.ablyspring.client.push;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.ablyspring.client.http.RestRequest;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireTypes;

/**
 * Push administration (RSH1): direct publishes, device registrations and channel subscriptions. Needs the
 * {@code push-admin} capability. Thread-safe.
 */
public final class PushAdmin {

	private final PushRequests requests;

	private final PushDeviceRegistrations deviceRegistrations;

	private final PushChannelSubscriptions channelSubscriptions;

	PushAdmin(PushRequests requests) {
		this.requests = requests;
		this.deviceRegistrations = new PushDeviceRegistrations(requests);
		this.channelSubscriptions = new PushChannelSubscriptions(requests);
	}

	/**
	 * RSH1a: sends a push notification straight to a recipient, e.g. {@code clientId}, {@code deviceId} or a
	 * {@code transportType} with its address. {@code payload} is a JSON object such as
	 * {@code {"notification": {"title": ..., "body": ...}, "data": {...}}}. An empty recipient or payload is refused
	 * with 40000 before any request.
	 */
	public void publish(@Nullable Map<String, String> recipient, @Nullable JsonNode payload) {
		if (recipient == null || recipient.isEmpty()) {
			throw PushRequests.badRequest("push publish needs a recipient");
		}
		if (payload == null || !payload.isObject() || payload.isEmpty()) {
			throw PushRequests.badRequest("push publish needs a payload: a non-empty JSON object");
		}
		ObjectNode body = Json.NODES.objectNode();
		ObjectNode to = body.putObject("recipient");
		recipient.forEach(to::put);
		payload.properties().forEach(field -> {
			if (!field.getKey().equals("recipient")) {
				body.set(field.getKey(), field.getValue());
			}
		});
		requests.send(RestRequest.post("/push/publish", requests.http().codec().encode(body, WireTypes.JSON)));
	}

	public CompletableFuture<Void> publishAsync(@Nullable Map<String, String> recipient, @Nullable JsonNode payload) {
		return requests.async(() -> publish(recipient, payload));
	}

	/** RSH1b. */
	public PushDeviceRegistrations deviceRegistrations() {
		return deviceRegistrations;
	}

	/** RSH1c. */
	public PushChannelSubscriptions channelSubscriptions() {
		return channelSubscriptions;
	}
}
