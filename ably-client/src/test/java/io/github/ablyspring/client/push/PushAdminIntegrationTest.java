package io.github.ablyspring.client.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.push.DeviceDetails;
import io.github.ablyspring.protocol.push.PushChannelSubscription;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** UTS rest/integration/push_admin (RSH1a, RSH1b1-5, RSH1c1-5) against the embedded server, JSON and msgpack. */
class PushAdminIntegrationTest {

	private static final String SUBSCRIBE_ONLY_KEY = "app.subscriber:secret";

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key(EmbeddedServer.KEY)
			.key(SUBSCRIBE_ONLY_KEY, "{\"*\":[\"subscribe\",\"push-subscribe\"]}")
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static AblyRest client(boolean binary) {
		return new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).useBinaryProtocol(binary).build());
	}

	private static String randomId() {
		return UUID.randomUUID().toString();
	}

	private static DeviceDetails apns(String id, String token) {
		return DeviceDetails.builder(id).platform("ios").formFactor("phone")
			.recipient(Map.of("transportType", "apns", "deviceToken", token)).build();
	}

	private static JsonNode json(String text) {
		return Json.MAPPER.readTree(text);
	}

	@Test
	void RSH1a_publishToAClientIdIsAcceptedAndRecorded() {
		String clientId = "test-client-push-" + randomId();
		try (AblyRest rest = client(false)) {
			rest.push().admin().publish(Map.of("clientId", clientId),
					json("{\"notification\":{\"title\":\"Integration Test\",\"body\":\"Hello from push admin\"}}"));
		}
		assertThat(server.push().published()).anySatisfy(push -> {
			assertThat(push.recipient()).containsEntry("clientId", clientId);
			assertThat(push.payload().path("notification").path("body").asString())
				.isEqualTo("Hello from push admin");
		});
	}

	@Test
	void RSH1a_anInvalidRecipientIsRejectedByTheServer() {
		try (AblyRest rest = client(false)) {
			AblyException error = catchThrowableOfType(AblyException.class, () -> rest.push().admin()
				.publish(Map.of("transportType", "invalid"), json("{\"notification\":{\"title\":\"Test\"}}")));
			assertThat(error.errorInfo().code()).isEqualTo(40000);
			assertThat(error.errorInfo().statusCode()).isEqualTo(400);
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { false, true })
	void RSH1b3_RSH1b1_saveThenGet(boolean binary) {
		String deviceId = "test-device-" + randomId();
		try (AblyRest rest = client(binary)) {
			PushDeviceRegistrations devices = rest.push().admin().deviceRegistrations();
			DeviceDetails saved = devices.save(apns(deviceId, "test-token-" + randomId()));
			assertThat(saved.id()).isEqualTo(deviceId);
			assertThat(saved.platform()).isEqualTo("ios");
			assertThat(saved.formFactor()).isEqualTo("phone");
			assertThat(saved.push().recipient()).containsEntry("transportType", "apns");
			DeviceDetails retrieved = devices.get(deviceId);
			assertThat(retrieved.id()).isEqualTo(deviceId);
			assertThat(retrieved.platform()).isEqualTo("ios");
			devices.remove(deviceId);
		}
	}

	@Test
	void RSH1b3_saveUpsertsTheDevice() {
		String deviceId = "test-device-update-" + randomId();
		try (AblyRest rest = client(false)) {
			PushDeviceRegistrations devices = rest.push().admin().deviceRegistrations();
			devices.save(apns(deviceId, "token-v1"));
			DeviceDetails updated = devices.save(apns(deviceId, "token-v2"));
			assertThat(updated.id()).isEqualTo(deviceId);
			assertThat(updated.push().recipient()).containsEntry("deviceToken", "token-v2");
			assertThat(devices.get(deviceId).push().recipient()).containsEntry("deviceToken", "token-v2");
			devices.remove(deviceId);
		}
	}

	@Test
	void RSH1b1_getOfAnUnknownDeviceIsNotFound() {
		try (AblyRest rest = client(false)) {
			AblyException error = catchThrowableOfType(AblyException.class,
					() -> rest.push().admin().deviceRegistrations().get("nonexistent-device-" + randomId()));
			assertThat(error.errorInfo().statusCode()).isEqualTo(404);
		}
	}

	@Test
	void RSH1b2_listFiltersByDeviceId() {
		String deviceId = "test-device-list-" + randomId();
		try (AblyRest rest = client(false)) {
			PushDeviceRegistrations devices = rest.push().admin().deviceRegistrations();
			devices.save(DeviceDetails.builder(deviceId).platform("android").formFactor("tablet")
				.recipient(Map.of("transportType", "gcm", "registrationToken", "test-token")).build());
			PaginatedResult<DeviceDetails> result = devices.list(Map.of("deviceId", deviceId));
			assertThat(result.items()).hasSize(1);
			assertThat(result.items().get(0).id()).isEqualTo(deviceId);
			assertThat(result.items().get(0).platform()).isEqualTo("android");
			devices.remove(deviceId);
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { false, true })
	void RSH1b2_listPagesWithLimit(boolean binary) {
		String clientId = "test-client-list-" + randomId();
		try (AblyRest rest = client(binary)) {
			PushDeviceRegistrations devices = rest.push().admin().deviceRegistrations();
			for (int i = 1; i <= 3; i++) {
				devices.save(apns("test-device-limit-" + i + "-" + randomId(), "token-" + i).toBuilder()
					.clientId(clientId).build());
			}
			PaginatedResult<DeviceDetails> page = devices.list(Map.of("clientId", clientId, "limit", "2"));
			assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
			assertThat(page.hasNext()).isTrue();
			List<String> ids = new ArrayList<>();
			while (page != null) {
				page.items().forEach(d -> ids.add(d.id()));
				page = page.next();
			}
			assertThat(ids).hasSize(3).doesNotHaveDuplicates();
			devices.removeWhere(Map.of("clientId", clientId));
		}
	}

	@Test
	void RSH1b4_removeDeletesTheDevice() {
		String deviceId = "test-device-remove-" + randomId();
		try (AblyRest rest = client(false)) {
			PushDeviceRegistrations devices = rest.push().admin().deviceRegistrations();
			devices.save(apns(deviceId, "test-token"));
			devices.remove(deviceId);
			AblyException error = catchThrowableOfType(AblyException.class, () -> devices.get(deviceId));
			assertThat(error.errorInfo().statusCode()).isEqualTo(404);
		}
	}

	@Test
	void RSH1b4_removingAnUnknownDeviceSucceeds() {
		try (AblyRest rest = client(false)) {
			rest.push().admin().deviceRegistrations().remove("nonexistent-device-" + randomId());
		}
	}

	@Test
	void RSH1b5_removeWhereByClientId() {
		String clientId = "test-client-removeWhere-" + randomId();
		try (AblyRest rest = client(false)) {
			PushDeviceRegistrations devices = rest.push().admin().deviceRegistrations();
			for (int i = 1; i <= 2; i++) {
				devices.save(apns("test-device-rw-" + i + "-" + randomId(), "token-" + i).toBuilder()
					.clientId(clientId).build());
			}
			devices.removeWhere(Map.of("clientId", clientId));
			assertThat(devices.list(Map.of("clientId", clientId)).items()).isEmpty();
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { false, true })
	void RSH1c3_RSH1c1_saveThenList(boolean binary) {
		String deviceId = "test-device-sub-" + randomId();
		String channel = "pushenabled:test-sub-" + randomId();
		try (AblyRest rest = client(binary)) {
			PushAdmin admin = rest.push().admin();
			admin.deviceRegistrations().save(apns(deviceId, "test-token"));
			PushChannelSubscription subscription = PushChannelSubscription.forDevice(channel, deviceId);
			PushChannelSubscription saved = admin.channelSubscriptions().save(subscription);
			assertThat(saved.channel()).isEqualTo(channel);
			assertThat(saved.deviceId()).isEqualTo(deviceId);
			assertThat(admin.channelSubscriptions().list(Map.of("channel", channel)).items())
				.contains(subscription);
			admin.channelSubscriptions().remove(subscription);
			admin.deviceRegistrations().remove(deviceId);
		}
	}

	@Test
	void RSH1c3_saveAClientIdSubscription() {
		String clientId = "test-client-sub-" + randomId();
		String channel = "pushenabled:test-clientsub-" + randomId();
		try (AblyRest rest = client(false)) {
			PushChannelSubscriptions subscriptions = rest.push().admin().channelSubscriptions();
			PushChannelSubscription saved = subscriptions.save(PushChannelSubscription.forClient(channel, clientId));
			assertThat(saved.channel()).isEqualTo(channel);
			assertThat(saved.clientId()).isEqualTo(clientId);
			subscriptions.remove(saved);
		}
	}

	@Test
	void RSH1c2_listChannelsIncludesASubscribedChannel() {
		String clientId = "test-client-lc-" + randomId();
		String channel = "pushenabled:test-listchannels-" + randomId();
		try (AblyRest rest = client(false)) {
			PushChannelSubscriptions subscriptions = rest.push().admin().channelSubscriptions();
			subscriptions.save(PushChannelSubscription.forClient(channel, clientId));
			List<String> names = new ArrayList<>();
			for (PaginatedResult<String> page = subscriptions.listChannels(Map.of("limit", "1")); page != null;
					page = page.next()) {
				assertThat(page.items()).hasSizeLessThanOrEqualTo(1);
				names.addAll(page.items());
			}
			assertThat(names).contains(channel).doesNotHaveDuplicates();
			subscriptions.remove(PushChannelSubscription.forClient(channel, clientId));
		}
	}

	@Test
	void RSH1c4_removeDeletesTheSubscription() {
		String clientId = "test-client-rm-" + randomId();
		String channel = "pushenabled:test-remove-" + randomId();
		try (AblyRest rest = client(false)) {
			PushChannelSubscriptions subscriptions = rest.push().admin().channelSubscriptions();
			subscriptions.save(PushChannelSubscription.forClient(channel, clientId));
			subscriptions.remove(PushChannelSubscription.forClient(channel, clientId));
			assertThat(subscriptions.list(Map.of("channel", channel, "clientId", clientId)).items()).isEmpty();
		}
	}

	@Test
	void RSH1c4_removingAnUnknownSubscriptionSucceeds() {
		try (AblyRest rest = client(false)) {
			rest.push().admin().channelSubscriptions()
				.remove(PushChannelSubscription.forClient("pushenabled:nonexistent-" + randomId(), "nonexistent-client"));
		}
	}

	@Test
	void RSH1c5_removeWhereByClientId() {
		String clientId = "test-client-rwsub-" + randomId();
		try (AblyRest rest = client(false)) {
			PushChannelSubscriptions subscriptions = rest.push().admin().channelSubscriptions();
			for (int i = 1; i <= 2; i++) {
				subscriptions.save(PushChannelSubscription.forClient("pushenabled:test-rwsub-" + i + "-" + randomId(),
						clientId));
			}
			subscriptions.removeWhere(Map.of("clientId", clientId));
			assertThat(subscriptions.list(Map.of("clientId", clientId)).items()).isEmpty();
		}
	}

	@Test
	void RSH1_asyncRoundTrip() throws Exception {
		String deviceId = "test-device-async-" + randomId();
		try (AblyRest rest = client(true)) {
			PushAdmin admin = rest.push().admin();
			admin.deviceRegistrations().saveAsync(apns(deviceId, "t"))
				.thenCompose(d -> admin.channelSubscriptions()
					.saveAsync(PushChannelSubscription.forDevice("pushenabled:async", d.id())))
				.get(10, TimeUnit.SECONDS);
			assertThat(admin.channelSubscriptions().listAsync(Map.of("deviceId", deviceId)).get(10, TimeUnit.SECONDS)
				.items()).hasSize(1);
			admin.deviceRegistrations().removeAsync(deviceId).get(10, TimeUnit.SECONDS);
			// Removing the device took its subscriptions with it, as on Ably.
			assertThat(admin.channelSubscriptions().list(Map.of("deviceId", deviceId)).items()).isEmpty();
		}
	}

	@Test
	void RSH1_withoutPushAdminTheServerRefuses() {
		try (AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(SUBSCRIBE_ONLY_KEY).build())) {
			AblyException error = catchThrowableOfType(AblyException.class,
					() -> rest.push().admin().deviceRegistrations().list(null));
			assertThat(error.errorInfo().code()).isEqualTo(40160);
			assertThat(error.errorInfo().statusCode()).isEqualTo(401);
		}
	}
}
