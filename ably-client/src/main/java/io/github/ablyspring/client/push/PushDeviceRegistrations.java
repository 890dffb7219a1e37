package io.github.ablyspring.client.push;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.client.http.HttpCore;
import io.github.ablyspring.client.http.RestRequest;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.protocol.codec.PushWireTypes;
import io.github.ablyspring.protocol.push.DeviceDetails;

/**
 * The registered push devices of the app (RSH1b), under {@code /push/deviceRegistrations}. Needs the
 * {@code push-admin} capability. Thread-safe.
 */
public final class PushDeviceRegistrations {

	private static final String PATH = "/push/deviceRegistrations";

	private final PushRequests requests;

	PushDeviceRegistrations(PushRequests requests) {
		this.requests = requests;
	}

	/** RSH1b1: the device with this id; a 404 (40400) {@code AblyException} when there is none. */
	public DeviceDetails get(String deviceId) {
		String path = devicePath(deviceId);
		return requests.send(RestRequest.get(path)).decode(PushWireTypes.DEVICE_DETAILS);
	}

	public CompletableFuture<DeviceDetails> getAsync(String deviceId) {
		return requests.http().async(() -> get(deviceId));
	}

	/** RSH1b2: the devices matching {@code params} ({@code deviceId}, {@code clientId}, {@code limit}), paginated. */
	public PaginatedResult<DeviceDetails> list(@Nullable Map<String, String> params) {
		return requests.page(PATH, params, PushWireTypes.DEVICE_DETAILS);
	}

	public PaginatedResult<DeviceDetails> list() {
		return list(null);
	}

	public CompletableFuture<PaginatedResult<DeviceDetails>> listAsync(@Nullable Map<String, String> params) {
		return requests.http().async(() -> list(params));
	}

	/** RSH1b3: registers or updates the device (an upsert by id); returns the registration as Ably holds it. */
	public DeviceDetails save(DeviceDetails device) {
		String path = devicePath(device.id());
		byte[] body = requests.http().codec().encode(device, PushWireTypes.DEVICE_DETAILS);
		return requests.send(PushRequests.request("PUT", path, null, body)).decode(PushWireTypes.DEVICE_DETAILS);
	}

	public CompletableFuture<DeviceDetails> saveAsync(DeviceDetails device) {
		return requests.http().async(() -> save(device));
	}

	/** RSH1b4: removes the device and its channel subscriptions; succeeds when there is no such device. */
	public void remove(String deviceId) {
		requests.send(PushRequests.request("DELETE", devicePath(deviceId), null, null));
	}

	public CompletableFuture<Void> removeAsync(String deviceId) {
		return requests.async(() -> remove(deviceId));
	}

	/** RSH1b5: removes the devices matching {@code params} ({@code deviceId} and/or {@code clientId}). */
	public void removeWhere(Map<String, String> params) {
		requests.send(PushRequests.request("DELETE", PATH, params, null));
	}

	public CompletableFuture<Void> removeWhereAsync(Map<String, String> params) {
		return requests.async(() -> removeWhere(params));
	}

	private static String devicePath(String deviceId) {
		return PATH + "/" + HttpCore.encode(PushRequests.requireId(deviceId, "deviceId"));
	}
}
