package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.github.ablyspring.protocol.Vectors;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.auth.Capability;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** {@code POST /apps} and {@code DELETE /apps/{id}} with ably-common's test app spec, as SDK test suites use them. */
class AppsEndpointTest {

	static final String FIXTURES = "persisted:presence_fixtures";

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	/** Provisions the test app of {@code test-app-setup.json}; returns the response body. */
	static JsonNode createTestApp(EmbeddedAblyServer server, WireFormat format) {
		JsonNode spec = Vectors.json("test-app-setup.json").path("post_apps");
		return RestTestClient.anonymous(server, format).post("/apps", spec).assertStatus(201).json();
	}

	static String keyStr(JsonNode app, int index) {
		return app.path("keys").get(index).path("keyStr").asString();
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void createsAnAppWithTheSpecsKeysAndNamespaces(WireFormat format) {
		JsonNode spec = Vectors.json("test-app-setup.json").path("post_apps");
		JsonNode app = createTestApp(server, format);

		String appId = app.path("appId").asString();
		assertThat(appId).isNotBlank().isEqualTo(app.path("id").asString());
		assertThat(app.path("keys")).hasSize(spec.path("keys").size());
		assertThat(app.path("namespaces")).hasSize(spec.path("namespaces").size());
		for (JsonNode key : app.path("keys")) {
			assertThat(key.path("keyName").asString()).startsWith(appId + ".");
			assertThat(key.path("keyStr").asString())
				.isEqualTo(key.path("keyName").asString() + ":" + key.path("keySecret").asString())
				.isEqualTo(key.path("value").asString());
		}
		// Capabilities come back canonical: the spec's own text, parsed and sorted.
		assertThat(app.path("keys").get(0).path("capability").asString()).isEqualTo(Capability.ALL.toJson());
		assertThat(app.path("keys").get(1).path("capability").asString())
			.isEqualTo(Capability.parse(spec.path("keys").get(1).path("capability").asString()).toJson());
		assertThat(app.path("keys").get(4).path("revocableTokens").asBoolean()).isTrue();

		RestTestClient client = RestTestClient.of(server, format).withKey(keyStr(app, 0));
		client.post("/channels/app-check/messages", Message.of("works", "yes"), WireTypes.MESSAGE).assertStatus(201);
		RestTestClient.of(server, format).withKey(keyStr(app, 3))
			.post("/channels/app-check/messages", Message.of("denied", "no"), WireTypes.MESSAGE)
			.assertError(401, 40160);
	}

	@Test
	void presenceFixturesAreEnteredOnce() {
		createTestApp(server, WireFormat.JSON);
		JsonNode app = createTestApp(server, WireFormat.JSON);
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON).withKey(keyStr(app, 0));

		List<PresenceMessage> members = client.get("/channels/" + FIXTURES + "/presence").assertStatus(200)
			.as(WireTypes.PRESENCE_MESSAGES);
		assertThat(members).extracting(PresenceMessage::clientId)
			.containsExactlyInAnyOrder("client_bool", "client_int", "client_string", "client_json", "client_decoded",
					"client_encoded");
		PresenceMessage decoded = members.stream().filter(m -> m.clientId().equals("client_decoded")).findFirst()
			.orElseThrow();
		assertThat(decoded.data()).isEqualTo("{\"example\":{\"json\":\"Object\"}}");
		assertThat(decoded.encoding()).isEqualTo("json");
		PresenceMessage encrypted = members.stream().filter(m -> m.clientId().equals("client_encoded")).findFirst()
			.orElseThrow();
		assertThat(encrypted.encoding()).isEqualTo("json/utf-8/cipher+aes-128-cbc/base64");
		assertThat(encrypted.data()).isEqualTo("HO4cYSP8LybPYBPZPHQOtuD53yrD3YV3NBoTEYBh4U0N1QXHbtkfsDfTspKeLQFt");
		assertThat(members).allSatisfy(m -> assertThat(m.connectionId()).isNotBlank());
	}

	@Test
	void deletesAnAppWithItsOwnKey() {
		JsonNode app = createTestApp(server, WireFormat.JSON);
		JsonNode other = createTestApp(server, WireFormat.JSON);
		String appId = app.path("appId").asString();

		RestTestClient.of(server, WireFormat.JSON).withKey(keyStr(other, 0)).delete("/apps/" + appId)
			.assertError(401, 40160);
		RestTestClient.anonymous(server, WireFormat.JSON).delete("/apps/" + appId).assertError(401, 40106);
		RestTestClient.of(server, WireFormat.JSON).withKey(keyStr(app, 0)).delete("/apps/" + appId)
			.assertStatus(204);

		RestTestClient.of(server, WireFormat.JSON).withKey(keyStr(app, 1)).get("/channels/x/messages")
			.assertError(401, 40101);
		RestTestClient.of(server, WireFormat.JSON).withKey(keyStr(other, 0)).get("/channels/x/messages")
			.assertStatus(200);
	}

	@Test
	void theServersOwnAppCannotBeDeleted() {
		RestTestClient.of(server, WireFormat.JSON).delete("/apps/app").assertError(403, 40300);
		RestTestClient.of(server, WireFormat.JSON).get("/channels/x/messages").assertStatus(200);
	}

	@Test
	void anEmptySpecGivesOneKeyWithEveryCapability() {
		JsonNode app = RestTestClient.anonymous(server, WireFormat.JSON).postJsonText("/apps", "{}").assertStatus(201)
			.json();
		assertThat(app.path("keys")).hasSize(1);
		assertThat(app.path("keys").get(0).path("capability").asString()).isEqualTo("{\"*\":[\"*\"]}");
		RestTestClient.anonymous(server, WireFormat.JSON).postJsonText("/apps", "[1]").assertError(400, 40001);
		RestTestClient.anonymous(server, WireFormat.JSON)
			.postJsonText("/apps", "{\"keys\":[{\"capability\":\"{not json\"}]}")
			.assertError(400, 40000);
		assertThat(app.path("appId").asString()).isNotEqualTo("app");
	}
}
