package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.ablyspring.protocol.PageLinks;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.PushWireTypes;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.push.DeviceDetails;
import io.github.ablyspring.protocol.push.DevicePushDetails;
import io.github.ablyspring.protocol.push.PushChannelSubscription;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** The push admin endpoints (RSH1): publish, device registrations, channel subscriptions and their capabilities. */
class PushEndpointsTest {

	private static final String SUBSCRIBER_KEY = "app.subscriber:secret";

	private static final String OTHER_APP_KEY = "other.key:secret";

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder()
			.key("app.key:secret")
			.key(SUBSCRIBER_KEY, "{\"push:*\":[\"push-subscribe\",\"subscribe\"]}")
			.key(OTHER_APP_KEY)
			.faultInjection(true)
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	private static DeviceDetails device(String id, String clientId) {
		return DeviceDetails.builder(id)
			.clientId(clientId)
			.platform("ios")
			.formFactor("phone")
			.metadata(Map.of("model", "test"))
			.recipient(Map.of("transportType", "apns", "deviceToken", "token-" + id))
			.build();
	}

	private static RestTestClient.Reply put(RestTestClient client, DeviceDetails device) {
		return client.send("PUT", "/push/deviceRegistrations/" + Paging.encode(device.id()),
				client.codec().encode(device, PushWireTypes.DEVICE_DETAILS));
	}

	private static JsonNode json(String text) {
		return Json.MAPPER.readTree(text);
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void RSH1b_deviceLifecycle(WireFormat format) {
		RestTestClient client = RestTestClient.of(server, format);
		String id = unique("dev/ice:" + format);
		DeviceDetails saved = put(client, device(id, "alice")).assertStatus(200).as(PushWireTypes.DEVICE_DETAILS);
		assertThat(saved.push().state()).isEqualTo(DevicePushDetails.ACTIVE);
		assertThat(saved.metadata()).containsEntry("model", "test");

		DeviceDetails got = client.get("/push/deviceRegistrations/" + Paging.encode(id)).assertStatus(200)
			.as(PushWireTypes.DEVICE_DETAILS);
		assertThat(got).isEqualTo(saved);

		DeviceDetails updated = device(id, "alice").toBuilder()
			.recipient(Map.of("transportType", "fcm", "registrationToken", "new"))
			.build();
		assertThat(put(client, updated).assertStatus(200).as(PushWireTypes.DEVICE_DETAILS).push().recipient())
			.containsEntry("registrationToken", "new");

		client.delete("/push/deviceRegistrations/" + Paging.encode(id)).assertStatus(204);
		client.get("/push/deviceRegistrations/" + Paging.encode(id)).assertError(404, 40400);
		client.delete("/push/deviceRegistrations/" + Paging.encode(id)).assertStatus(204);
	}

	@Test
	void RSH1b3_invalidDevicesAreRefused() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		String id = unique("bad");
		put(client, device(id, "c").toBuilder().platform("symbian").build()).assertError(400, 40000);
		put(client, device(id, "c").toBuilder().formFactor(null).build()).assertError(400, 40000);
		put(client, device(id, "c").toBuilder().recipient(Map.of()).build()).assertError(400, 40000);
		put(client, device(id, "c").toBuilder().recipient(Map.of("transportType", "apns")).build())
			.assertError(400, 40000);
		client.send("PUT", "/push/deviceRegistrations/elsewhere",
				client.codec().encode(device(id, "c"), PushWireTypes.DEVICE_DETAILS)).assertError(400, 40000);
		client.send("PUT", "/push/deviceRegistrations/x", "{\"platform\":".getBytes(StandardCharsets.UTF_8))
			.assertError(400, 40001);
	}

	@Test
	void RSH1b2_RSH1b5_listFiltersPagesAndRemoveWhere() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		String clientId = unique("owner");
		for (int i = 0; i < 5; i++) {
			put(client, device(clientId + "-d" + i, clientId)).assertStatus(200);
		}
		put(client, device(unique("stranger"), "someone-else")).assertStatus(200);

		List<String> ids = new ArrayList<>();
		RestTestClient.Reply page = client.get("/push/deviceRegistrations?clientId=" + clientId + "&limit=2")
			.assertStatus(200);
		int pages = 0;
		while (page != null) {
			pages++;
			List<DeviceDetails> items = page.as(PushWireTypes.DEVICE_DETAILS.list());
			assertThat(items).hasSizeLessThanOrEqualTo(2).allMatch(d -> d.clientId().equals(clientId));
			items.forEach(d -> ids.add(d.id()));
			PageLinks links = page.links();
			page = links.hasNext() ? client.follow(page, links.next()).assertStatus(200) : null;
		}
		assertThat(pages).isEqualTo(3);
		assertThat(ids).hasSize(5).doesNotHaveDuplicates().isSorted();
		assertThat(client.get("/push/deviceRegistrations?deviceId=" + clientId + "-d3")
			.as(PushWireTypes.DEVICE_DETAILS.list())).extracting(DeviceDetails::id).containsExactly(clientId + "-d3");

		client.delete("/push/deviceRegistrations").assertError(400, 40003);
		client.delete("/push/deviceRegistrations?clientId=" + clientId).assertStatus(204);
		client.delete("/push/deviceRegistrations?clientId=nobody-at-all").assertStatus(204);
		assertThat(client.get("/push/deviceRegistrations?clientId=" + clientId)
			.as(PushWireTypes.DEVICE_DETAILS.list())).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void RSH1c_subscriptionsAndChannels(WireFormat format) {
		RestTestClient client = RestTestClient.of(server, format);
		String channel = unique("push:ch");
		String deviceId = unique("sub-device");
		put(client, device(deviceId, null)).assertStatus(200);
		PushChannelSubscription byDevice = PushChannelSubscription.forDevice(channel, deviceId);
		PushChannelSubscription byClient = PushChannelSubscription.forClient(channel, "bob");
		for (PushChannelSubscription sub : List.of(byDevice, byClient, byClient)) {
			assertThat(client.post("/push/channelSubscriptions", sub, PushWireTypes.CHANNEL_SUBSCRIPTION)
				.assertStatus(201)
				.as(PushWireTypes.CHANNEL_SUBSCRIPTION)).isEqualTo(sub);
		}
		assertThat(client.get("/push/channelSubscriptions?channel=" + channel)
			.as(PushWireTypes.CHANNEL_SUBSCRIPTION.list())).containsExactlyInAnyOrder(byDevice, byClient);
		assertThat(client.get("/push/channelSubscriptions?channel=" + channel + "&clientId=bob")
			.as(PushWireTypes.CHANNEL_SUBSCRIPTION.list())).containsExactly(byClient);
		assertThat(client.get("/push/channels?limit=1000").as(PushWireTypes.CHANNEL_NAME.list())).contains(channel);

		// Removing the device takes its subscriptions with it.
		client.delete("/push/deviceRegistrations/" + Paging.encode(deviceId)).assertStatus(204);
		assertThat(client.get("/push/channelSubscriptions?channel=" + channel)
			.as(PushWireTypes.CHANNEL_SUBSCRIPTION.list())).containsExactly(byClient);
		client.delete("/push/channelSubscriptions?channel=" + channel + "&clientId=bob").assertStatus(204);
		client.delete("/push/channelSubscriptions?channel=" + channel + "&clientId=bob").assertStatus(204);
		assertThat(client.get("/push/channels?limit=1000").as(PushWireTypes.CHANNEL_NAME.list()))
			.doesNotContain(channel);
	}

	@Test
	void RSH1c_invalidSubscriptionsAreRefused() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		client.postJsonText("/push/channelSubscriptions", "{\"channel\":\"c\"}").assertError(400, 40001);
		client.postJsonText("/push/channelSubscriptions", "{\"channel\":\"c\",\"deviceId\":\"unregistered\"}")
			.assertError(400, 40000);
		client.delete("/push/channelSubscriptions").assertError(400, 40003);
	}

	@Test
	void RSH1c2_channelsArePaged() {
		RestTestClient client = RestTestClient.of(server, WireFormat.MSGPACK);
		String prefix = unique("paged");
		for (int i = 0; i < 3; i++) {
			client.post("/push/channelSubscriptions", PushChannelSubscription.forClient(prefix + i, "c"),
					PushWireTypes.CHANNEL_SUBSCRIPTION).assertStatus(201);
		}
		List<String> seen = new ArrayList<>();
		RestTestClient.Reply page = client.get("/push/channels?limit=1").assertStatus(200);
		while (page != null) {
			seen.addAll(page.as(PushWireTypes.CHANNEL_NAME.list()));
			page = page.links().hasNext() ? client.follow(page, page.links().next()).assertStatus(200) : null;
		}
		assertThat(seen).doesNotHaveDuplicates().isSorted().contains(prefix + 0, prefix + 1, prefix + 2);
	}

	@Test
	void RSH1a_publishIsValidatedAndRecorded() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		String clientId = unique("push-target");
		client.post("/push/publish", json("{\"recipient\":{\"clientId\":\"" + clientId
				+ "\"},\"notification\":{\"title\":\"Hi\"},\"data\":{\"k\":\"v\"}}")).assertStatus(201);
		assertThat(server.push().published()).anySatisfy(p -> {
			assertThat(p.appId()).isEqualTo("app");
			assertThat(p.recipient()).isEqualTo(Map.of("clientId", clientId));
			assertThat(p.payload().path("notification").path("title").asString()).isEqualTo("Hi");
			assertThat(p.payload().has("recipient")).isFalse();
		});
		JsonNode published = RestTestClient.anonymous(server, WireFormat.JSON).get("/_emulator/push/published")
			.assertStatus(200)
			.json();
		assertThat(published.findValuesAsString("clientId")).contains(clientId);

		String note = ",\"notification\":{\"title\":\"x\"}}";
		client.post("/push/publish", json("{\"recipient\":{}" + note)).assertError(400, 40000);
		client.post("/push/publish", json("{\"notification\":{\"title\":\"x\"}}")).assertError(400, 40000);
		client.post("/push/publish", json("{\"recipient\":{\"clientId\":\"c\"}}")).assertError(400, 40000);
		client.post("/push/publish", json("{\"recipient\":{\"transportType\":\"invalid\"}" + note))
			.assertError(400, 40000);
		client.post("/push/publish", json("{\"recipient\":{\"clientId\":\"c\",\"deviceId\":\"d\"}" + note))
			.assertError(400, 40000);
	}

	@Test
	void RSH1a_ablyChannelRecipientIsDeliveredAsAMessage() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		String channel = unique("push-e2e");
		client.post("/push/publish", json("{\"recipient\":{\"transportType\":\"ablyChannel\",\"channel\":\""
				+ channel + "\"},\"data\":{\"k\":\"v\"}}")).assertStatus(201);
		JsonNode history = client.get("/channels/" + channel + "/messages").assertStatus(200).json();
		assertThat(history).hasSize(1);
		assertThat(history.get(0).path("name").asString()).isEqualTo("__ably_push__");
		assertThat(json(history.get(0).path("data").asString()).path("data").path("k").asString()).isEqualTo("v");
	}

	@Test
	void capabilities_pushAdminOrOwnPushSubscribe() {
		RestTestClient subscriber = RestTestClient.of(server, WireFormat.JSON).withKey(SUBSCRIBER_KEY);
		subscriber.get("/push/deviceRegistrations").assertError(401, 40160);
		put(subscriber, device(unique("d"), "x")).assertError(401, 40160);
		subscriber.post("/push/publish", json("{\"recipient\":{\"clientId\":\"c\"},\"data\":{}}"))
			.assertError(401, 40160);
		subscriber.get("/push/channels").assertError(401, 40160);
		subscriber.get("/push/channelSubscriptions").assertError(401, 40160);

		// push-subscribe: only oneself, and only where the capability says.
		String me = unique("me");
		RestTestClient identified = subscriber.withHeader("X-Ably-ClientId",
				java.util.Base64.getEncoder().encodeToString(me.getBytes(StandardCharsets.UTF_8)));
		PushChannelSubscription mine = PushChannelSubscription.forClient("push:news", me);
		identified.post("/push/channelSubscriptions", mine, PushWireTypes.CHANNEL_SUBSCRIPTION).assertStatus(201);
		identified.post("/push/channelSubscriptions", PushChannelSubscription.forClient("push:news", "someone"),
				PushWireTypes.CHANNEL_SUBSCRIPTION).assertError(401, 40160);
		identified.post("/push/channelSubscriptions", PushChannelSubscription.forClient("elsewhere", me),
				PushWireTypes.CHANNEL_SUBSCRIPTION).assertError(401, 40160);
		identified.delete("/push/channelSubscriptions?channel=push:news&clientId=" + me).assertStatus(204);
		identified.delete("/push/channelSubscriptions?clientId=" + me).assertError(401, 40160);
	}

	@Test
	void appsDoNotSeeEachOthersDevices() {
		String id = unique("private");
		put(RestTestClient.of(server, WireFormat.JSON), device(id, "c")).assertStatus(200);
		RestTestClient other = RestTestClient.of(server, WireFormat.JSON).withKey(OTHER_APP_KEY);
		other.get("/push/deviceRegistrations/" + id).assertError(404, 40400);
		assertThat(server.push().devices("other")).isEmpty();
		assertThat(server.push().devices("app")).extracting(DeviceDetails::id).contains(id);
	}
}
