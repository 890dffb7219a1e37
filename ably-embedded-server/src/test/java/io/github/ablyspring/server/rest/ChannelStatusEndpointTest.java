package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** {@code GET /channels/{ch}} (RSL8): ChannelDetails with occupancy metrics that follow real attachments. */
class ChannelStatusEndpointTest {

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder()
			.key("app.key:secret")
			.key("app.sub:secret", "{\"*\":[\"subscribe\"]}")
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void anUnusedChannelIsActiveWithZeroMetrics(WireFormat format) {
		JsonNode details = RestTestClient.of(server, format).get("/channels/quiet-" + format).assertStatus(200).json();
		assertThat(details.path("channelId").asString()).isEqualTo("quiet-" + format);
		assertThat(details.path("status").path("isActive").asBoolean()).isTrue();
		JsonNode metrics = details.path("status").path("occupancy").path("metrics");
		for (String name : List.of("connections", "presenceConnections", "presenceMembers", "presenceSubscribers",
				"publishers", "subscribers", "objectPublishers", "objectSubscribers")) {
			assertThat(metrics.path(name).isNumber()).as(name).isTrue();
			assertThat(metrics.path(name).asInt()).as(name).isZero();
		}
	}

	@Test
	void metricsCountAttachmentsByModeAndPresenceMembers() {
		String channel = "busy";
		try (RealtimeTestClient full = RealtimeTestClient.connect(server, "key=app.key:secret&clientId=amy");
				RealtimeTestClient reader = RealtimeTestClient.connect(server, "key=app.sub:secret")) {
			full.attach(channel);
			reader.attach(channel);
			full.send(ProtocolMessage.builder(ProtocolAction.PRESENCE)
				.channel(channel)
				.msgSerial(0L)
				.presence(List.of(PresenceMessage.of(PresenceAction.ENTER, null, "here")))
				.build());
			full.await(ProtocolAction.ACK);

			JsonNode metrics = RestTestClient.of(server, WireFormat.JSON).get("/channels/" + channel).json()
				.path("status").path("occupancy").path("metrics");
			assertThat(metrics.path("connections").asInt()).isEqualTo(2);
			assertThat(metrics.path("subscribers").asInt()).isEqualTo(2);
			assertThat(metrics.path("publishers").asInt()).isEqualTo(1);
			assertThat(metrics.path("presenceConnections").asInt()).isEqualTo(1);
			assertThat(metrics.path("presenceSubscribers").asInt()).isEqualTo(2);
			assertThat(metrics.path("presenceMembers").asInt()).isEqualTo(1);
		}
	}

	@Test
	void needsChannelMetadataCapability() {
		RestTestClient.of(server, WireFormat.JSON).withKey("app.sub:secret").get("/channels/busy")
			.assertError(401, 40160);
	}
}
