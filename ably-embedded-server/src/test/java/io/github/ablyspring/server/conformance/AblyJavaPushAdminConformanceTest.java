package io.github.ablyspring.server.conformance;

import static io.github.ablyspring.server.conformance.ConformanceSupport.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.google.gson.JsonObject;

import io.ably.lib.push.PushBase.ChannelSubscription;
import io.ably.lib.rest.AblyRest;
import io.ably.lib.rest.DeviceDetails;
import io.ably.lib.types.AblyException;
import io.ably.lib.types.PaginatedResult;
import io.ably.lib.types.Param;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ably-java 1.5.0, unmodified, against the embedded server's push admin API (RSH1): publish, device registrations
 * with paging, channel subscriptions and channels. Each scenario runs with JSON and with msgpack.
 */
@ExtendWith(ConformanceSupport.DumpTraceOnFailure.class)
class AblyJavaPushAdminConformanceTest {

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void resetTrace() {
		ConformanceSupport.resetTrace();
	}

	private static AblyRest rest(boolean binary) throws Exception {
		return new AblyRest(options(server, binary));
	}

	private static DeviceDetails device(String id, String clientId, String token) {
		DeviceDetails device = new DeviceDetails();
		device.id = id;
		device.clientId = clientId;
		device.platform = "android";
		device.formFactor = "phone";
		device.metadata = new JsonObject();
		device.push = new DeviceDetails.Push();
		device.push.recipient = new JsonObject();
		device.push.recipient.addProperty("transportType", "fcm");
		device.push.recipient.addProperty("registrationToken", token);
		return device;
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void RSH1a_publishIsRecordedAndBadRecipientsRefused(boolean binary) throws Exception {
		String clientId = "java-push-" + UUID.randomUUID();
		try (AblyRest rest = rest(binary)) {
			JsonObject payload = new JsonObject();
			JsonObject notification = new JsonObject();
			notification.addProperty("title", "from ably-java");
			payload.add("notification", notification);
			rest.push.admin.publish(new Param[] { new Param("clientId", clientId) }, payload);
			assertThat(server.push().published()).anySatisfy(p -> {
				assertThat(p.recipient()).containsEntry("clientId", clientId);
				assertThat(p.payload().path("notification").path("title").asString()).isEqualTo("from ably-java");
			});
			AblyException error = catchThrowableOfType(AblyException.class, () -> rest.push.admin
				.publish(new Param[] { new Param("transportType", "invalid") }, payload));
			assertThat(error.errorInfo.code).isEqualTo(40000);
			assertThat(error.errorInfo.statusCode).isEqualTo(400);
		}
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void RSH1b_deviceRegistrations(boolean binary) throws Exception {
		String clientId = "java-owner-" + UUID.randomUUID();
		try (AblyRest rest = rest(binary)) {
			var devices = rest.push.admin.deviceRegistrations;
			for (int i = 0; i < 3; i++) {
				DeviceDetails saved = devices.save(device(clientId + "-" + i, clientId, "token-" + i));
				assertThat(saved.id).isEqualTo(clientId + "-" + i);
				assertThat(saved.push.state).isEqualTo(DeviceDetails.Push.State.ACTIVE);
			}
			DeviceDetails got = devices.get(clientId + "-1");
			assertThat(got.clientId).isEqualTo(clientId);
			assertThat(got.push.recipient.get("registrationToken").getAsString()).isEqualTo("token-1");

			List<String> ids = new ArrayList<>();
			PaginatedResult<DeviceDetails> page = devices
				.list(new Param[] { new Param("clientId", clientId), new Param("limit", "2") });
			assertThat(page.items()).hasSize(2);
			assertThat(page.hasNext()).isTrue();
			while (page != null) {
				for (DeviceDetails d : page.items()) {
					ids.add(d.id);
				}
				page = page.hasNext() ? page.next() : null;
			}
			assertThat(ids).containsExactly(clientId + "-0", clientId + "-1", clientId + "-2");

			devices.remove(clientId + "-0");
			AblyException notFound = catchThrowableOfType(AblyException.class, () -> devices.get(clientId + "-0"));
			assertThat(notFound.errorInfo.statusCode).isEqualTo(404);
			devices.removeWhere(new Param[] { new Param("clientId", clientId) });
			assertThat(devices.list(new Param[] { new Param("clientId", clientId) }).items()).isEmpty();
		}
	}

	@ParameterizedTest(name = "useBinaryProtocol={0}")
	@ValueSource(booleans = { false, true })
	void RSH1c_channelSubscriptions(boolean binary) throws Exception {
		String channel = "pushenabled:java-" + UUID.randomUUID();
		String deviceId = "java-device-" + UUID.randomUUID();
		try (AblyRest rest = rest(binary)) {
			var admin = rest.push.admin;
			admin.deviceRegistrations.save(device(deviceId, null, "t"));
			ChannelSubscription byDevice = admin.channelSubscriptions.save(ChannelSubscription.forDevice(channel, deviceId));
			assertThat(byDevice.deviceId).isEqualTo(deviceId);
			ChannelSubscription byClient = admin.channelSubscriptions
				.save(ChannelSubscription.forClientId(channel, "java-client"));
			assertThat(byClient.clientId).isEqualTo("java-client");

			ChannelSubscription[] listed = admin.channelSubscriptions
				.list(new Param[] { new Param("channel", channel) }).items();
			assertThat(listed).hasSize(2);
			assertThat(admin.channelSubscriptions.listChannels(new Param[] { new Param("limit", "1000") }).items())
				.contains(channel);

			admin.channelSubscriptions.remove(ChannelSubscription.forClientId(channel, "java-client"));
			admin.channelSubscriptions.removeWhere(new Param[] { new Param("deviceId", deviceId) });
			assertThat(admin.channelSubscriptions.list(new Param[] { new Param("channel", channel) }).items())
				.isEmpty();
			admin.deviceRegistrations.remove(deviceId);
		}
	}
}
