package io.github.ablyspring.server.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.PushWireTypes;
import io.github.ablyspring.protocol.codec.WireType;
import io.github.ablyspring.protocol.push.DeviceDetails;
import io.github.ablyspring.protocol.push.DevicePushDetails;
import io.github.ablyspring.protocol.push.PushChannelSubscription;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;
import io.github.ablyspring.server.realtime.RealtimeCore;

import io.netty.handler.codec.http.HttpMethod;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The push admin REST API (RSH1), in memory in a {@link PushStore}: {@code /push/publish},
 * {@code /push/deviceRegistrations}, {@code /push/channelSubscriptions} and {@code /push/channels}. Nothing reaches a
 * real push service; a publish is recorded, and one to an {@code ablyChannel} recipient is delivered as a
 * {@code __ably_push__} message on that channel, as Ably does for end-to-end tests. Administration needs
 * {@code push-admin}; subscribing oneself (by clientId, or a device of one's own) also works with
 * {@code push-subscribe} on the channel.
 */
final class PushEndpoints {

	private static final List<String> CURSOR = List.of("cursor");

	/** Transports and the address field each needs (PCP3). */
	private static final Map<String, String> TRANSPORTS = Map.of("apns", "deviceToken", "gcm", "registrationToken",
			"fcm", "registrationToken", "web", "targetUrl", "ablyChannel", "channel");

	private final RealtimeCore core;

	private final RequestAuth auth;

	private final PushStore store = new PushStore();

	PushEndpoints(RealtimeCore core, RequestAuth auth) {
		this.core = core;
		this.auth = auth;
	}

	PushStore store() {
		return store;
	}

	void register(Router router) {
		router.add(HttpMethod.POST, "/push/publish", this::publish)
			.add(HttpMethod.GET, "/push/deviceRegistrations", this::listDevices)
			.add(HttpMethod.DELETE, "/push/deviceRegistrations", this::removeDevices)
			.add(HttpMethod.GET, "/push/deviceRegistrations/*", this::getDevice)
			.add(HttpMethod.PUT, "/push/deviceRegistrations/*", this::saveDevice)
			.add(HttpMethod.DELETE, "/push/deviceRegistrations/*", this::removeDevice)
			.add(HttpMethod.GET, "/push/channelSubscriptions", this::listSubscriptions)
			.add(HttpMethod.POST, "/push/channelSubscriptions", this::subscribe)
			.add(HttpMethod.DELETE, "/push/channelSubscriptions", this::unsubscribe)
			.add(HttpMethod.GET, "/push/channels", this::listChannels);
	}

	/** RSH1a: {@code {recipient: {...}, notification: {...}, data: {...}}}. */
	RestResponse publish(RestExchange x, List<String> params) {
		AuthContext context = admin(x);
		JsonNode body = Responses.body(x);
		if (!body.isObject()) {
			throw invalid("a push publish body must be an object");
		}
		JsonNode recipientNode = body.path("recipient");
		if (!recipientNode.isObject() || recipientNode.isEmpty()) {
			throw invalid("a push publish needs a non-empty recipient");
		}
		Map<String, String> recipient = new LinkedHashMap<>();
		recipientNode.properties().forEach(e -> recipient.put(e.getKey(), e.getValue().asString("")));
		checkPublishRecipient(recipient);
		ObjectNode payload = ((ObjectNode) body).deepCopy();
		payload.remove("recipient");
		if (payload.isEmpty()) {
			throw invalid("a push publish needs a payload, such as notification or data");
		}
		store.recordPublish(new PushStore.PublishedPush(appId(context), recipient, payload));
		if ("ablyChannel".equals(recipient.get("transportType"))) {
			Message message = Message.builder().name("__ably_push__").data(payload.toString()).build();
			core.call(() -> core.channels().publish(recipient.get("channel"), List.of(message), context, null, null));
		}
		return new RestResponse(201, new LinkedHashMap<>(), null, null);
	}

	/** RSH1b2: filtered by {@code deviceId} and {@code clientId}, paged by device id. */
	RestResponse listDevices(RestExchange x, List<String> params) {
		AuthContext context = admin(x);
		List<DeviceDetails> devices = store.devices(appId(context), deviceFilter(x));
		return page(x, devices, DeviceDetails::id, PushWireTypes.DEVICE_DETAILS);
	}

	/** RSH1b5: at least one of {@code deviceId} and {@code clientId}, so that no typo empties the app. */
	RestResponse removeDevices(RestExchange x, List<String> params) {
		AuthContext context = admin(x);
		if (x.query("deviceId") == null && x.query("clientId") == null) {
			throw Params.invalid("removing devices needs a deviceId or clientId parameter");
		}
		store.removeDevices(appId(context), deviceFilter(x));
		return RestResponse.noContent();
	}

	/** RSH1b1: 404 (40400) for an unknown device. */
	RestResponse getDevice(RestExchange x, List<String> params) {
		AuthContext context = admin(x);
		DeviceDetails device = store.device(appId(context), params.get(0));
		if (device == null) {
			throw new AblyException(ErrorInfo.of(Router.NOT_FOUND, 404, "no device registered with that id"));
		}
		return Responses.of(200, x, device, PushWireTypes.DEVICE_DETAILS);
	}

	/** RSH1b3: an upsert by id; the state starts Active. */
	RestResponse saveDevice(RestExchange x, List<String> params) {
		AuthContext context = admin(x);
		String id = params.get(0);
		DeviceDetails device = x.requestCodec().decode(x.body(), PushWireTypes.DEVICE_DETAILS);
		if (!device.id().equals(id)) {
			throw invalid("the device id in the body differs from the one in the path");
		}
		check(device.platform(), DeviceDetails.PLATFORMS, "platform");
		check(device.formFactor(), DeviceDetails.FORM_FACTORS, "formFactor");
		checkTransport(device.push().recipient());
		DevicePushDetails push = device.push().state() == null ? device.push().withState(DevicePushDetails.ACTIVE)
				: device.push();
		DeviceDetails saved = store.saveDevice(appId(context), device.toBuilder().push(push).build());
		return Responses.of(200, x, saved, PushWireTypes.DEVICE_DETAILS);
	}

	/** RSH1b4: succeeds whether or not the device exists. */
	RestResponse removeDevice(RestExchange x, List<String> params) {
		AuthContext context = admin(x);
		String id = params.get(0);
		store.removeDevices(appId(context), d -> d.id().equals(id));
		return RestResponse.noContent();
	}

	/** RSH1c1: filtered by {@code channel}, {@code deviceId} and {@code clientId}. */
	RestResponse listSubscriptions(RestExchange x, List<String> params) {
		AuthContext context = admin(x);
		List<PushChannelSubscription> subscriptions = store.subscriptions(appId(context), subscriptionFilter(x));
		return page(x, subscriptions, PushStore::key, PushWireTypes.CHANNEL_SUBSCRIPTION);
	}

	/** RSH1c3: idempotent; a device subscription needs the device registered. */
	RestResponse subscribe(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		PushChannelSubscription subscription = x.requestCodec().decode(x.body(), PushWireTypes.CHANNEL_SUBSCRIPTION);
		String appId = appId(context);
		DeviceDetails device = subscription.deviceId() == null ? null : store.device(appId, subscription.deviceId());
		if (subscription.deviceId() != null && device == null) {
			throw invalid("no device registered with id " + subscription.deviceId());
		}
		String owner = device == null ? subscription.clientId() : device.clientId();
		requireOnChannel(context, subscription.channel(), owner);
		return Responses.of(201, x, store.subscribe(appId, subscription), PushWireTypes.CHANNEL_SUBSCRIPTION);
	}

	/** RSH1c4, RSH1c5: removes the matching subscriptions; succeeds when there are none. */
	RestResponse unsubscribe(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		String channel = x.query("channel");
		String clientId = x.query("clientId");
		if (channel == null && clientId == null && x.query("deviceId") == null) {
			throw Params.invalid("removing subscriptions needs a channel, deviceId or clientId parameter");
		}
		// One's own clientId subscription on a channel is push-subscribe's; anything wider is push-admin's.
		if (channel != null && clientId != null && x.query("deviceId") == null) {
			requireOnChannel(context, channel, clientId);
		}
		else {
			requireAdmin(context);
		}
		store.unsubscribe(appId(context), subscriptionFilter(x));
		return RestResponse.noContent();
	}

	/** RSH1c2: the channels with subscriptions, paged by name. */
	RestResponse listChannels(RestExchange x, List<String> params) {
		AuthContext context = admin(x);
		return page(x, store.channels(appId(context)), Function.identity(), PushWireTypes.CHANNEL_NAME);
	}

	private static Predicate<DeviceDetails> deviceFilter(RestExchange x) {
		String deviceId = x.query("deviceId");
		String clientId = x.query("clientId");
		return d -> (deviceId == null || deviceId.equals(d.id()))
				&& (clientId == null || clientId.equals(d.clientId()));
	}

	private static Predicate<PushChannelSubscription> subscriptionFilter(RestExchange x) {
		String channel = x.query("channel");
		String deviceId = x.query("deviceId");
		String clientId = x.query("clientId");
		return s -> (channel == null || channel.equals(s.channel()))
				&& (deviceId == null || deviceId.equals(s.deviceId()))
				&& (clientId == null || clientId.equals(s.clientId()));
	}

	/** One page of {@code sorted} after the {@code cursor} key, with the Link headers of the others. */
	private static <T> RestResponse page(RestExchange x, List<T> sorted, Function<T, String> key,
			WireType<T> type) {
		int limit = Params.limit(x);
		String after = x.query(CURSOR.get(0));
		List<T> rest = sorted.stream()
			.filter(item -> after == null || key.apply(item).compareTo(after) > 0)
			.limit(limit + 1L)
			.toList();
		boolean more = rest.size() > limit;
		List<T> items = more ? rest.subList(0, limit) : rest;
		return Paging.withLinks(Responses.of(200, x, items, type.list()), x, CURSOR,
				more ? key.apply(items.get(limit - 1)) : null);
	}

	private AuthContext admin(RestExchange x) {
		AuthContext context = auth.authenticate(x);
		requireAdmin(context);
		return context;
	}

	/** {@code push-admin} on any resource: device registrations and publishes belong to no channel. */
	private static void requireAdmin(AuthContext context) {
		boolean admin = context.capability().resources().values().stream()
			.anyMatch(ops -> ops.contains("*") || ops.contains("push-admin"));
		if (!admin) {
			throw denied("permission denied: no push-admin capability");
		}
	}

	private static void requireOnChannel(AuthContext context, String channel, @Nullable String owner) {
		if (context.capability().allows(channel, "push-admin")) {
			return;
		}
		boolean own = owner != null && Objects.equals(owner, context.impliedClientId());
		if (own && context.capability().allows(channel, "push-subscribe")) {
			return;
		}
		throw denied("permission denied: no push-admin" + (own ? " or push-subscribe" : "")
				+ " capability on channel " + channel);
	}

	private static void checkPublishRecipient(Map<String, String> recipient) {
		int targets = (recipient.containsKey("clientId") ? 1 : 0) + (recipient.containsKey("deviceId") ? 1 : 0)
				+ (recipient.containsKey("transportType") ? 1 : 0);
		if (targets != 1) {
			throw invalid("a push recipient needs exactly one of clientId, deviceId and transportType");
		}
		if (recipient.containsKey("transportType")) {
			checkTransport(recipient);
		}
	}

	private static void checkTransport(Map<String, String> recipient) {
		String transport = recipient.get("transportType");
		if (transport == null || !TRANSPORTS.containsKey(transport)) {
			throw invalid("unsupported push transportType " + (transport == null ? "(none)" : "'" + transport + "'")
					+ "; use one of " + TRANSPORTS.keySet());
		}
		String address = TRANSPORTS.get(transport);
		String value = recipient.get(address);
		if (value == null || value.isEmpty()) {
			throw invalid("a " + transport + " recipient needs " + address);
		}
	}

	private static void check(@Nullable String value, Set<String> allowed, String name) {
		if (value == null || !allowed.contains(value)) {
			throw invalid(name + " must be one of " + allowed + ", not " + value);
		}
	}

	private static String appId(AuthContext context) {
		String keyName = context.keyName();
		int dot = keyName.indexOf('.');
		return dot < 0 ? keyName : keyName.substring(0, dot);
	}

	private static AblyException invalid(String message) {
		return new AblyException(ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400, message));
	}

	private static AblyException denied(String message) {
		return new AblyException(ErrorInfo.of(ErrorCodes.CAPABILITY_DENIED, 401, message));
	}
}
