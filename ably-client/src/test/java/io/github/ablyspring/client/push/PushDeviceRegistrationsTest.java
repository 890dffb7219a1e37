package io.github.ablyspring.client.push;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.push.DeviceDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** UTS rest/unit/push/push_device_registrations: RSH1b1 to RSH1b5 against a scripted HTTP peer. */
class PushDeviceRegistrationsTest {

	private static final String DEVICE_001 = """
			{"id":"device-001","clientId":"client-abc","formFactor":"phone","platform":"ios",
			 "metadata":{"model":"iPhone 14"},
			 "push":{"recipient":{"transportType":"apns","deviceToken":"token-123"},"state":"Active"}}""";

	private static DeviceDetails apns(String token) {
		return DeviceDetails.builder("device-001").platform("ios").formFactor("phone")
			.recipient(Map.of("transportType", "apns", "deviceToken", token)).build();
	}

	private static String apnsReply(String token) {
		return "{\"id\":\"device-001\",\"platform\":\"ios\",\"formFactor\":\"phone\",\"push\":{\"recipient\":"
				+ "{\"transportType\":\"apns\",\"deviceToken\":\"" + token + "\"},\"state\":\"Active\"}}";
	}

	@Test
	void RSH1b1_getReturnsTheDeviceDetails() throws Exception {
		try (PushPeer peer = PushPeer.answering(200, DEVICE_001)) {
			DeviceDetails device = peer.admin().deviceRegistrations().get("device-001");
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo("/push/deviceRegistrations/" + PushPeer.encodeUriComponent("device-001"));
			assertThat(device.id()).isEqualTo("device-001");
			assertThat(device.clientId()).isEqualTo("client-abc");
			assertThat(device.formFactor()).isEqualTo("phone");
			assertThat(device.platform()).isEqualTo("ios");
			assertThat(device.metadata()).containsEntry("model", "iPhone 14");
			assertThat(device.push().recipient()).containsEntry("transportType", "apns");
			assertThat(device.push().state()).isEqualTo("Active");
		}
	}

	@Test
	void RSH1b1_getOfAnUnknownDeviceFailsWithNotFound() throws Exception {
		try (PushPeer peer = PushPeer.error(404, 40400, "Device not found")) {
			AblyException error = catchThrowableOfType(AblyException.class,
					() -> peer.admin().deviceRegistrations().get("nonexistent-device"));
			assertThat(error.errorInfo().code()).isEqualTo(40400);
			assertThat(error.errorInfo().statusCode()).isEqualTo(404);
		}
	}

	@Test
	void RSH1b1_getUrlEncodesTheDeviceId() throws Exception {
		String id = "device/with special:chars";
		try (PushPeer peer = PushPeer.answering(200, "{\"id\":\"" + id
				+ "\",\"platform\":\"ios\",\"formFactor\":\"phone\",\"push\":{\"recipient\":{},\"state\":\"Active\"}}")) {
			peer.admin().deviceRegistrations().get(id);
			assertThat(peer.only().path())
				.isEqualTo("/push/deviceRegistrations/" + PushPeer.encodeUriComponent(id))
				.isEqualTo("/push/deviceRegistrations/device%2Fwith%20special%3Achars");
		}
	}

	@Test
	void RSH1b2_listFiltersByDeviceId() throws Exception {
		try (PushPeer peer = PushPeer.answering(200, "[" + DEVICE_001 + "]")) {
			PaginatedResult<DeviceDetails> result = peer.admin().deviceRegistrations()
				.list(Map.of("deviceId", "device-001"));
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo("/push/deviceRegistrations");
			assertThat(PushPeer.query(request)).containsEntry("deviceId", "device-001");
			assertThat(result.items()).extracting(DeviceDetails::id).containsExactly("device-001");
		}
	}

	@Test
	void RSH1b2_listFiltersByClientId() throws Exception {
		String two = "[" + DEVICE_001 + ",{\"id\":\"device-002\",\"clientId\":\"client-abc\",\"platform\":\"android\","
				+ "\"formFactor\":\"tablet\",\"push\":{\"recipient\":{},\"state\":\"Active\"}}]";
		try (PushPeer peer = PushPeer.answering(200, two)) {
			PaginatedResult<DeviceDetails> result = peer.admin().deviceRegistrations()
				.list(Map.of("clientId", "client-abc"));
			assertThat(PushPeer.query(peer.only())).containsEntry("clientId", "client-abc");
			assertThat(result.items()).hasSize(2).extracting(DeviceDetails::clientId).containsOnly("client-abc");
		}
	}

	@Test
	void RSH1b2_listForwardsLimitAndFollowsTheNextLink() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		try (PushPeer peer = PushPeer.answering(r -> calls.incrementAndGet() == 1
				? new Reply(200, Map.of("Content-Type", "application/json", "Link",
						"<./deviceRegistrations?limit=2&cursor=device-001>; rel=\"next\""),
						("[" + DEVICE_001 + "]").getBytes(java.nio.charset.StandardCharsets.UTF_8))
				: Reply.json(200, "[]"))) {
			PaginatedResult<DeviceDetails> result = peer.admin().deviceRegistrations().list(Map.of("limit", "2"));
			assertThat(PushPeer.query(peer.requests().get(0))).containsEntry("limit", "2");
			assertThat(result.hasNext()).isTrue();
			PaginatedResult<DeviceDetails> next = result.next();
			assertThat(next.items()).isEmpty();
			assertThat(peer.requests().get(1).path()).isEqualTo("/push/deviceRegistrations");
			assertThat(PushPeer.query(peer.requests().get(1))).containsEntry("cursor", "device-001");
		}
	}

	@Test
	void RSH1b3_savePutsTheDeviceDetails() throws Exception {
		try (PushPeer peer = PushPeer.answering(200, apnsReply("token-123"))) {
			DeviceDetails device = apns("token-123").toBuilder().clientId("client-abc").build();
			DeviceDetails result = peer.admin().deviceRegistrations().save(device);
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("PUT");
			assertThat(request.path()).isEqualTo("/push/deviceRegistrations/" + PushPeer.encodeUriComponent("device-001"));
			JsonNode body = PushPeer.body(request);
			assertThat(body.path("id").asString()).isEqualTo("device-001");
			assertThat(body.path("clientId").asString()).isEqualTo("client-abc");
			assertThat(body.path("platform").asString()).isEqualTo("ios");
			assertThat(body.path("formFactor").asString()).isEqualTo("phone");
			assertThat(body.path("push").path("recipient").path("transportType").asString()).isEqualTo("apns");
			assertThat(result.id()).isEqualTo("device-001");
			assertThat(result.push().state()).isEqualTo("Active");
		}
	}

	@Test
	void RSH1b3_aSecondSaveUpdatesTheDevice() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		try (PushPeer peer = PushPeer.answering(
				r -> Reply.json(200, apnsReply(calls.incrementAndGet() == 1 ? "token-old" : "token-new")))) {
			DeviceDetails first = peer.admin().deviceRegistrations().save(apns("token-old"));
			DeviceDetails second = peer.admin().deviceRegistrations().save(apns("token-new"));
			assertThat(first.push().recipient()).containsEntry("deviceToken", "token-old");
			assertThat(second.push().recipient()).containsEntry("deviceToken", "token-new");
			assertThat(peer.requests()).hasSize(2);
		}
	}

	@Test
	void RSH1b3_aFailedSaveIsPropagated() throws Exception {
		try (PushPeer peer = PushPeer.error(400, 40000, "Invalid device details")) {
			DeviceDetails device = DeviceDetails.builder("device-001").platform("ios").formFactor("phone").build();
			AblyException error = catchThrowableOfType(AblyException.class,
					() -> peer.admin().deviceRegistrations().save(device));
			assertThat(error.errorInfo().code()).isEqualTo(40000);
			assertThat(error.errorInfo().statusCode()).isEqualTo(400);
		}
	}

	@Test
	void RSH1b4_removeDeletesTheDevice() throws Exception {
		try (PushPeer peer = PushPeer.noContent()) {
			peer.admin().deviceRegistrations().remove("device-001");
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("DELETE");
			assertThat(request.path()).isEqualTo("/push/deviceRegistrations/" + PushPeer.encodeUriComponent("device-001"));
		}
	}

	@Test
	void RSH1b4_removingAnUnknownDeviceSucceeds() throws Exception {
		try (PushPeer peer = PushPeer.noContent()) {
			peer.admin().deviceRegistrations().remove("nonexistent-device");
			assertThat(peer.requests()).hasSize(1);
		}
	}

	@Test
	void RSH1b5_removeWhereByClientId() throws Exception {
		try (PushPeer peer = PushPeer.noContent()) {
			peer.admin().deviceRegistrations().removeWhere(Map.of("clientId", "client-abc"));
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("DELETE");
			assertThat(request.path()).isEqualTo("/push/deviceRegistrations");
			assertThat(PushPeer.query(request)).containsEntry("clientId", "client-abc");
		}
	}

	@Test
	void RSH1b5_removeWhereByDeviceId() throws Exception {
		try (PushPeer peer = PushPeer.noContent()) {
			peer.admin().deviceRegistrations().removeWhere(Map.of("deviceId", "device-001"));
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("DELETE");
			assertThat(request.path()).isEqualTo("/push/deviceRegistrations");
			assertThat(PushPeer.query(request)).containsEntry("deviceId", "device-001");
		}
	}

	@Test
	void RSH1b5_removeWhereMatchingNothingSucceeds() throws Exception {
		try (PushPeer peer = PushPeer.noContent()) {
			peer.admin().deviceRegistrations().removeWhere(Map.of("clientId", "nonexistent-client"));
			assertThat(peer.requests()).hasSize(1);
		}
	}

	@Test
	void RSH1b_asyncFormsComplete() throws Exception {
		try (PushPeer peer = PushPeer.answering(r -> r.method().equals("DELETE") ? Reply.of(204)
				: r.method().equals("GET") && r.path().endsWith("Registrations") ? Reply.json(200, "[" + DEVICE_001 + "]")
						: Reply.json(200, DEVICE_001))) {
			PushDeviceRegistrations devices = peer.admin().deviceRegistrations();
			assertThat(devices.getAsync("device-001").get(10, TimeUnit.SECONDS).id()).isEqualTo("device-001");
			assertThat(devices.saveAsync(apns("t")).get(10, TimeUnit.SECONDS).clientId()).isEqualTo("client-abc");
			assertThat(devices.listAsync(null).get(10, TimeUnit.SECONDS).items()).hasSize(1);
			devices.removeAsync("device-001").get(10, TimeUnit.SECONDS);
			devices.removeWhereAsync(Map.of("clientId", "c")).get(10, TimeUnit.SECONDS);
			assertThat(peer.requests()).extracting(Received::method)
				.containsExactly("GET", "PUT", "GET", "DELETE", "DELETE");
		}
	}
}
