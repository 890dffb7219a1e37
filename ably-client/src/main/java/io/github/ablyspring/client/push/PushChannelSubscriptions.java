package io.github.ablyspring.client.push;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.client.http.RestRequest;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.protocol.codec.PushWireTypes;
import io.github.ablyspring.protocol.push.PushChannelSubscription;

/**
 * The push subscriptions of devices and clients to channels (RSH1c), under {@code /push/channelSubscriptions}.
 * Thread-safe.
 */
public final class PushChannelSubscriptions {

	private static final String PATH = "/push/channelSubscriptions";

	private final PushRequests requests;

	PushChannelSubscriptions(PushRequests requests) {
		this.requests = requests;
	}

	/**
	 * RSH1c1: the subscriptions matching {@code params} ({@code channel}, {@code deviceId}, {@code clientId},
	 * {@code limit}), paginated.
	 */
	public PaginatedResult<PushChannelSubscription> list(@Nullable Map<String, String> params) {
		return requests.page(PATH, params, PushWireTypes.CHANNEL_SUBSCRIPTION);
	}

	public CompletableFuture<PaginatedResult<PushChannelSubscription>> listAsync(
			@Nullable Map<String, String> params) {
		return requests.http().async(() -> list(params));
	}

	/** RSH1c2: the names of the channels with at least one push subscription, paginated ({@code limit}). */
	public PaginatedResult<String> listChannels(@Nullable Map<String, String> params) {
		return requests.page("/push/channels", params, PushWireTypes.CHANNEL_NAME);
	}

	public PaginatedResult<String> listChannels() {
		return listChannels(null);
	}

	public CompletableFuture<PaginatedResult<String>> listChannelsAsync(@Nullable Map<String, String> params) {
		return requests.http().async(() -> listChannels(params));
	}

	/** RSH1c3: subscribes (idempotently); returns the subscription as Ably holds it. */
	public PushChannelSubscription save(PushChannelSubscription subscription) {
		byte[] body = requests.http().codec().encode(subscription, PushWireTypes.CHANNEL_SUBSCRIPTION);
		return requests.send(RestRequest.post(PATH, body))
			.decodeOr(PushWireTypes.CHANNEL_SUBSCRIPTION, subscription);
	}

	public CompletableFuture<PushChannelSubscription> saveAsync(PushChannelSubscription subscription) {
		return requests.http().async(() -> save(subscription));
	}

	/** RSH1c4: removes this subscription, its attributes as the parameters; succeeds when there is none. */
	public void remove(PushChannelSubscription subscription) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("channel", subscription.channel());
		if (subscription.deviceId() != null) {
			params.put("deviceId", subscription.deviceId());
		}
		if (subscription.clientId() != null) {
			params.put("clientId", subscription.clientId());
		}
		removeWhere(params);
	}

	public CompletableFuture<Void> removeAsync(PushChannelSubscription subscription) {
		return requests.async(() -> remove(subscription));
	}

	/** RSH1c5: removes the subscriptions matching {@code params} ({@code channel}, {@code deviceId}, {@code clientId}). */
	public void removeWhere(Map<String, String> params) {
		requests.send(PushRequests.request("DELETE", PATH, params, null));
	}

	public CompletableFuture<Void> removeWhereAsync(Map<String, String> params) {
		return requests.async(() -> removeWhere(params));
	}
}
