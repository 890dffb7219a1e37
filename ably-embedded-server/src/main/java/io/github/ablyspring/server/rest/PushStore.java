package io.github.ablyspring.server.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.github.ablyspring.protocol.push.DeviceDetails;
import io.github.ablyspring.protocol.push.PushChannelSubscription;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The push state of the server, in memory and per app: device registrations, channel subscriptions and every push
 * published, which tests read through {@link #published()} since nothing is delivered to a real push service.
 * Thread-safe.
 */
public final class PushStore {

	/** One accepted {@code POST /push/publish}: its recipient and its payload (the body without the recipient). */
	public record PublishedPush(String appId, Map<String, String> recipient, JsonNode payload) {

		public PublishedPush {
			recipient = Map.copyOf(recipient);
		}
	}

	/** Subscriptions in a stable order, which is also their paging cursor. */
	static final Comparator<PushChannelSubscription> ORDER = Comparator.comparing(PushStore::key);

	private final Map<String, App> apps = new HashMap<>();

	private final List<PublishedPush> published = new ArrayList<>();

	/** Every push published so far, oldest first, across apps. */
	public synchronized List<PublishedPush> published() {
		return List.copyOf(published);
	}

	/** The registered devices of an app, by id. */
	public synchronized List<DeviceDetails> devices(String appId) {
		return List.copyOf(app(appId).devices.values());
	}

	/** Forgets every device, subscription and publish. */
	public synchronized void clear() {
		apps.clear();
		published.clear();
	}

	synchronized void recordPublish(PublishedPush push) {
		published.add(push);
	}

	synchronized @Nullable DeviceDetails device(String appId, String deviceId) {
		return app(appId).devices.get(deviceId);
	}

	synchronized List<DeviceDetails> devices(String appId, Predicate<DeviceDetails> filter) {
		return app(appId).devices.values().stream().filter(filter).toList();
	}

	synchronized DeviceDetails saveDevice(String appId, DeviceDetails device) {
		app(appId).devices.put(device.id(), device);
		return device;
	}

	/** Removes the matching devices and, as Ably does, their channel subscriptions. */
	synchronized void removeDevices(String appId, Predicate<DeviceDetails> filter) {
		App app = app(appId);
		List<String> removed = app.devices.values().stream().filter(filter).map(DeviceDetails::id).toList();
		removed.forEach(app.devices::remove);
		app.subscriptions.removeIf(s -> s.deviceId() != null && removed.contains(s.deviceId()));
	}

	synchronized PushChannelSubscription subscribe(String appId, PushChannelSubscription subscription) {
		app(appId).subscriptions.add(subscription);
		return subscription;
	}

	synchronized List<PushChannelSubscription> subscriptions(String appId,
			Predicate<PushChannelSubscription> filter) {
		return app(appId).subscriptions.stream().filter(filter).toList();
	}

	synchronized void unsubscribe(String appId, Predicate<PushChannelSubscription> filter) {
		app(appId).subscriptions.removeIf(filter);
	}

	/** The channels with at least one subscription, sorted. */
	synchronized List<String> channels(String appId) {
		return app(appId).subscriptions.stream().map(PushChannelSubscription::channel).distinct().toList();
	}

	static String key(PushChannelSubscription s) {
		return s.channel() + '\u0000' + (s.deviceId() != null ? "d:" + s.deviceId() : "c:" + s.clientId());
	}

	private App app(String appId) {
		return apps.computeIfAbsent(appId, id -> new App());
	}

	private static final class App {

		final Map<String, DeviceDetails> devices = new TreeMap<>();

		final TreeSet<PushChannelSubscription> subscriptions = new TreeSet<>(ORDER);
	}
}
