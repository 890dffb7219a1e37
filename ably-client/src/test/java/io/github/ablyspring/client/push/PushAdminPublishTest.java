package io.github.ablyspring.client.push;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.codec.Json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** UTS rest/unit/push/push_admin_publish: RSH1, RSH1a against a scripted HTTP peer. */
class PushAdminPublishTest {

	private static JsonNode json(String text) {
		return Json.MAPPER.readTree(text);
	}

	@Test
	void RSH1_pushAdminIsExposed() throws Exception {
		try (PushPeer peer = PushPeer.answering(200, "{}")) {
			assertThat(peer.rest.push()).isInstanceOf(Push.class);
			assertThat(peer.rest.push().admin()).isInstanceOf(PushAdmin.class);
			assertThat(peer.admin().deviceRegistrations()).isInstanceOf(PushDeviceRegistrations.class);
			assertThat(peer.admin().channelSubscriptions()).isInstanceOf(PushChannelSubscriptions.class);
		}
	}

	@Test
	void RSH1a_publishPostsRecipientAndPayloadToPushPublish() throws Exception {
		try (PushPeer peer = PushPeer.answering(201, "{}")) {
			peer.admin().publish(Map.of("transportType", "apns", "deviceToken", "foo"),
					json("{\"notification\":{\"title\":\"Test\",\"body\":\"Hello\"}}"));
			Received request = peer.only();
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/push/publish");
			JsonNode body = PushPeer.body(request);
			assertThat(body.path("recipient").path("transportType").asString()).isEqualTo("apns");
			assertThat(body.path("recipient").path("deviceToken").asString()).isEqualTo("foo");
			assertThat(body.path("notification").path("title").asString()).isEqualTo("Test");
			assertThat(body.path("notification").path("body").asString()).isEqualTo("Hello");
		}
	}

	@Test
	void RSH1a_publishToAClientId() throws Exception {
		try (PushPeer peer = PushPeer.answering(201, "{}")) {
			peer.admin().publish(Map.of("clientId", "user-123"), json("{\"data\":{\"key\":\"value\"}}"));
			JsonNode body = PushPeer.body(peer.only());
			assertThat(body.path("recipient").path("clientId").asString()).isEqualTo("user-123");
			assertThat(body.path("data").path("key").asString()).isEqualTo("value");
		}
	}

	@Test
	void RSH1a_publishToADeviceId() throws Exception {
		try (PushPeer peer = PushPeer.answering(201, "{}")) {
			peer.admin().publish(Map.of("deviceId", "device-abc"),
					json("{\"notification\":{\"title\":\"Device Push\"}}"));
			JsonNode body = PushPeer.body(peer.only());
			assertThat(body.path("recipient").path("deviceId").asString()).isEqualTo("device-abc");
			assertThat(body.path("notification").path("title").asString()).isEqualTo("Device Push");
		}
	}

	@Test
	void RSH1a_emptyRecipientIsRefusedWithoutARequest() throws Exception {
		try (PushPeer peer = PushPeer.answering(201, "{}")) {
			AblyException error = catchThrowableOfType(AblyException.class,
					() -> peer.admin().publish(Map.of(), json("{\"notification\":{\"title\":\"Test\"}}")));
			assertThat(error.errorInfo().code()).isEqualTo(40000);
			assertThat(peer.requests()).isEmpty();
		}
	}

	@Test
	void RSH1a_emptyDataIsRefusedWithoutARequest() throws Exception {
		try (PushPeer peer = PushPeer.answering(201, "{}")) {
			AblyException error = catchThrowableOfType(AblyException.class,
					() -> peer.admin().publish(Map.of("clientId", "user-123"), json("{}")));
			assertThat(error.errorInfo().code()).isEqualTo(40000);
			assertThat(peer.requests()).isEmpty();
		}
	}

	@Test
	void RSH1a_nullRecipientIsRefusedWithoutARequest() throws Exception {
		try (PushPeer peer = PushPeer.answering(201, "{}")) {
			AblyException error = catchThrowableOfType(AblyException.class,
					() -> peer.admin().publish(null, json("{\"notification\":{\"title\":\"Test\"}}")));
			assertThat(error.errorInfo().code()).isEqualTo(40000);
			assertThat(peer.requests()).isEmpty();
		}
	}

	@Test
	void RSH1a_serverErrorIsPropagated() throws Exception {
		try (PushPeer peer = PushPeer.error(400, 40000, "Invalid recipient")) {
			AblyException error = catchThrowableOfType(AblyException.class, () -> peer.admin()
				.publish(Map.of("transportType", "invalid"), json("{\"notification\":{\"title\":\"Test\"}}")));
			assertThat(error.errorInfo().code()).isEqualTo(40000);
			assertThat(error.errorInfo().statusCode()).isEqualTo(400);
		}
	}

	@Test
	void RSH1a_asyncFormCompletesAndFailsTheFutureOnBadInput() throws Exception {
		try (PushPeer peer = PushPeer.answering(201, "{}")) {
			peer.admin().publishAsync(Map.of("clientId", "c"), json("{\"data\":{\"k\":\"v\"}}"))
				.get(10, TimeUnit.SECONDS);
			assertThat(peer.requests()).hasSize(1);
			CompletionException failed = catchThrowableOfType(CompletionException.class,
					() -> peer.admin().publishAsync(Map.of(), json("{\"data\":{}}")).join());
			assertThat(failed.getCause()).isInstanceOf(AblyException.class);
			assertThat(((AblyException) failed.getCause()).errorInfo().code()).isEqualTo(40000);
		}
	}
}
