package io.github.ablyspring.client.push;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.push.PushChannelSubscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** UTS rest/unit/push/push_channel_subscriptions: RSH1c1 to RSH1c5 against a scripted HTTP peer. */
class PushChannelSubscriptionsTest {

	@Test
	void RSH1c1_listFiltersByChannel() throws Exception {
		try (PushPeer peer = PushPeer.answering(200, "[{\"channel\":\"my-channel\",\"deviceId\":\"device-001\"},"
				+ "{\"channel\":\"my-channel\",\"clientId\":\"client-abc\"}]")) {
			PaginatedResult<PushChannelSubscription> result = peer.admin().channelSubscriptions()
				.list(Map.of("channel", "my-channel"));
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo("/push/channelSubscriptions");
			assertThat(PushPeer.query(request)).containsEntry("channel", "my-channel");
			assertThat(result.items()).containsExactly(PushChannelSubscription.forDevice("my-channel", "device-001"),
					PushChannelSubscription.forClient("my-channel", "client-abc"));
		}
	}

	@Test
	void RSH1c1_listFiltersByDeviceIdAndClientId() throws Exception {
		try (PushPeer peer = PushPeer.answering(200, "[{\"channel\":\"notifications\",\"deviceId\":\"device-001\"}]")) {
			Map<String, String> params = new LinkedHashMap<>();
			params.put("deviceId", "device-001");
			params.put("clientId", "client-abc");
			PaginatedResult<PushChannelSubscription> result = peer.admin().channelSubscriptions().list(params);
			assertThat(PushPeer.query(peer.only())).containsEntry("deviceId", "device-001")
				.containsEntry("clientId", "client-abc");
			assertThat(result.items()).hasSize(1);
		}
	}

	@Test
	void RSH1c1_listForwardsLimit() throws Exception {
		try (PushPeer peer = PushPeer.answering(200, "[{\"channel\":\"ch-1\",\"deviceId\":\"device-001\"}]")) {
			peer.admin().channelSubscriptions().list(Map.of("limit", "5"));
			assertThat(PushPeer.query(peer.only())).containsEntry("limit", "5");
		}
	}

	@Test
	void RSH1c2_listChannelsReturnsTheChannelNames() throws Exception {
		try (PushPeer peer = PushPeer.answering(200, "[\"channel-1\",\"channel-2\",\"channel-3\"]")) {
			PaginatedResult<String> result = peer.admin().channelSubscriptions().listChannels(Map.of());
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo("/push/channels");
			assertThat(result.items()).containsExactly("channel-1", "channel-2", "channel-3");
		}
	}

	@Test
	void RSH1c2_listChannelsForwardsLimit() throws Exception {
		try (PushPeer peer = PushPeer.answering(200, "[\"channel-1\"]")) {
			PaginatedResult<String> result = peer.admin().channelSubscriptions().listChannels(Map.of("limit", "1"));
			assertThat(PushPeer.query(peer.only())).containsEntry("limit", "1");
			assertThat(result.items()).hasSize(1);
		}
	}

	@Test
	void RSH1c3_savePostsTheSubscription() throws Exception {
		try (PushPeer peer = PushPeer.answering(200, "{\"channel\":\"my-channel\",\"deviceId\":\"device-001\"}")) {
			PushChannelSubscription result = peer.admin().channelSubscriptions()
				.save(PushChannelSubscription.forDevice("my-channel", "device-001"));
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/push/channelSubscriptions");
			JsonNode body = PushPeer.body(request);
			assertThat(body.path("channel").asString()).isEqualTo("my-channel");
			assertThat(body.path("deviceId").asString()).isEqualTo("device-001");
			assertThat(body.has("clientId")).isFalse();
			assertThat(result).isEqualTo(PushChannelSubscription.forDevice("my-channel", "device-001"));
		}
	}

	@Test
	void RSH1c3_aSecondSaveUpdatesTheSubscription() throws Exception {
		try (PushPeer peer = PushPeer.answering(200, "{\"channel\":\"my-channel\",\"clientId\":\"client-abc\"}")) {
			PushChannelSubscription subscription = PushChannelSubscription.forClient("my-channel", "client-abc");
			PushChannelSubscription first = peer.admin().channelSubscriptions().save(subscription);
			PushChannelSubscription second = peer.admin().channelSubscriptions().save(subscription);
			assertThat(peer.requests()).hasSize(2);
			assertThat(first.channel()).isEqualTo("my-channel");
			assertThat(second.channel()).isEqualTo("my-channel");
		}
	}

	@Test
	void RSH1c3_aFailedSaveIsPropagated() throws Exception {
		try (PushPeer peer = PushPeer.error(400, 40000, "Invalid subscription")) {
			AblyException error = catchThrowableOfType(AblyException.class, () -> peer.admin().channelSubscriptions()
				.save(PushChannelSubscription.forDevice("my-channel", "device-001")));
			assertThat(error.errorInfo().code()).isEqualTo(40000);
			assertThat(error.errorInfo().statusCode()).isEqualTo(400);
		}
	}

	@Test
	void RSH1c4_removeByClientIdSendsTheAttributesAsParams() throws Exception {
		try (PushPeer peer = PushPeer.noContent()) {
			peer.admin().channelSubscriptions().remove(PushChannelSubscription.forClient("my-channel", "client-abc"));
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("DELETE");
			assertThat(request.path()).isEqualTo("/push/channelSubscriptions");
			assertThat(PushPeer.query(request)).containsEntry("channel", "my-channel")
				.containsEntry("clientId", "client-abc")
				.doesNotContainKey("deviceId");
		}
	}

	@Test
	void RSH1c4_removeByDeviceIdSendsTheAttributesAsParams() throws Exception {
		try (PushPeer peer = PushPeer.noContent()) {
			peer.admin().channelSubscriptions().remove(PushChannelSubscription.forDevice("my-channel", "device-001"));
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("DELETE");
			assertThat(request.path()).isEqualTo("/push/channelSubscriptions");
			assertThat(PushPeer.query(request)).containsEntry("channel", "my-channel")
				.containsEntry("deviceId", "device-001");
		}
	}

	@Test
	void RSH1c4_removingAnUnknownSubscriptionSucceeds() throws Exception {
		try (PushPeer peer = PushPeer.noContent()) {
			peer.admin().channelSubscriptions()
				.remove(PushChannelSubscription.forClient("nonexistent-channel", "nonexistent-client"));
			assertThat(peer.requests()).hasSize(1);
		}
	}

	@Test
	void RSH1c5_removeWhereByClientId() throws Exception {
		try (PushPeer peer = PushPeer.noContent()) {
			peer.admin().channelSubscriptions().removeWhere(Map.of("clientId", "client-abc"));
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("DELETE");
			assertThat(request.path()).isEqualTo("/push/channelSubscriptions");
			assertThat(PushPeer.query(request)).containsEntry("clientId", "client-abc");
		}
	}

	@Test
	void RSH1c5_removeWhereByDeviceId() throws Exception {
		try (PushPeer peer = PushPeer.noContent()) {
			peer.admin().channelSubscriptions().removeWhere(Map.of("deviceId", "device-001"));
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("DELETE");
			assertThat(request.path()).isEqualTo("/push/channelSubscriptions");
			assertThat(PushPeer.query(request)).containsEntry("deviceId", "device-001");
		}
	}

	@Test
	void RSH1c5_removeWhereMatchingNothingSucceeds() throws Exception {
		try (PushPeer peer = PushPeer.noContent()) {
			peer.admin().channelSubscriptions().removeWhere(Map.of("clientId", "nonexistent-client"));
			assertThat(peer.requests()).hasSize(1);
		}
	}

	@Test
	void RSH1c_asyncFormsComplete() throws Exception {
		try (PushPeer peer = PushPeer.answering(r -> switch (r.method()) {
			case "DELETE" -> Reply.of(204);
			case "POST" -> Reply.json(201, "{\"channel\":\"c\",\"clientId\":\"me\"}");
			default -> Reply.json(200, r.path().endsWith("channels") ? "[\"c\"]" : "[{\"channel\":\"c\",\"clientId\":\"me\"}]");
		})) {
			PushChannelSubscriptions subscriptions = peer.admin().channelSubscriptions();
			PushChannelSubscription mine = PushChannelSubscription.forClient("c", "me");
			assertThat(subscriptions.saveAsync(mine).get(10, TimeUnit.SECONDS)).isEqualTo(mine);
			assertThat(subscriptions.listAsync(null).get(10, TimeUnit.SECONDS).items()).containsExactly(mine);
			assertThat(subscriptions.listChannelsAsync(null).get(10, TimeUnit.SECONDS).items()).containsExactly("c");
			subscriptions.removeAsync(mine).get(10, TimeUnit.SECONDS);
			subscriptions.removeWhereAsync(Map.of("clientId", "me")).get(10, TimeUnit.SECONDS);
			assertThat(peer.requests()).extracting(Received::method)
				.containsExactly("POST", "GET", "GET", "DELETE", "DELETE");
		}
	}
}
