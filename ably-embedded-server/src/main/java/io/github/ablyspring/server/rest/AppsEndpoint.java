package io.github.ablyspring.server.rest;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.auth.Capability;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.auth.AppKey;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.auth.Authenticator;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;
import io.github.ablyspring.server.realtime.RealtimeCore;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test app provisioning as Ably's sandbox offers it to SDK test suites: {@code POST /apps} takes the
 * {@code post_apps} body of ably-common's {@code test-app-setup.json} (keys with capability JSON text and
 * {@code revocableTokens}, namespaces, channels with presence fixtures) and answers the new app with its keys
 * ({@code keyName}, {@code keySecret}, {@code keyStr}, canonical {@code capability}); {@code DELETE /apps/{id}}, with
 * Basic auth by one of its keys, removes it. Channels are shared by all apps on this server, so fixtures are entered
 * under one synthetic connection and re-provisioning replaces rather than duplicates them.
 */
final class AppsEndpoint {

	static final int FORBIDDEN = 40300;

	/** The synthetic connection that holds presence fixtures. */
	static final String FIXTURE_CONNECTION = "fixtures";

	private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final RealtimeCore core;

	private final RequestAuth auth;

	/** Apps made here; only these can be deleted, so the server's own configured keys stay. */
	private final Set<String> provisioned = ConcurrentHashMap.newKeySet();

	AppsEndpoint(RealtimeCore core, RequestAuth auth) {
		this.core = core;
		this.auth = auth;
	}

	RestResponse create(RestExchange x, List<String> params) {
		JsonNode spec = Responses.body(x);
		if (!spec.isObject()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_REQUEST_BODY, 400, "an app spec must be an object"));
		}
		String appId = randomId(6);
		List<AppKey> keys = keys(appId, spec.path("keys"));
		List<Fixture> fixtures = fixtures(spec.path("channels"));
		Authenticator authenticator = auth.authenticator();
		keys.forEach(authenticator::addKey);
		provisioned.add(appId);
		if (!fixtures.isEmpty()) {
			core.call(() -> {
				fixtures.forEach(f -> core.channels().enterFixtures(f.channel(), FIXTURE_CONNECTION, f.members()));
				return null;
			});
		}
		return Responses.json(201, x, describe(appId, keys, spec));
	}

	RestResponse delete(RestExchange x, List<String> params) {
		String appId = params.get(0);
		AuthContext caller = auth.authenticate(x);
		if (!caller.basic() || !caller.keyName().startsWith(appId + ".")) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.CAPABILITY_DENIED, 401,
					"an app can only be deleted with Basic auth by one of its own keys"));
		}
		if (!provisioned.remove(appId)) {
			throw new AblyException(ErrorInfo.of(FORBIDDEN, 403, "app " + appId + " is configured on this server and "
					+ "cannot be deleted; only apps created with POST /apps can"));
		}
		auth.authenticator().removeApp(appId);
		return RestResponse.noContent();
	}

	private static List<AppKey> keys(String appId, JsonNode specs) {
		List<AppKey> keys = new ArrayList<>();
		if (!specs.isArray() || specs.isEmpty()) {
			keys.add(new AppKey(appId, randomId(6), randomId(32), Capability.ALL, false));
			return keys;
		}
		for (JsonNode spec : specs) {
			JsonNode capability = spec.get("capability");
			Capability parsed = capability == null || capability.isNull() ? Capability.ALL
					: Capability.parse(capability.isString() ? capability.stringValue() : capability.toString());
			keys.add(new AppKey(appId, randomId(6), randomId(32), parsed,
					spec.path("revocableTokens").asBoolean(false)));
		}
		return keys;
	}

	private static List<Fixture> fixtures(JsonNode channels) {
		List<Fixture> fixtures = new ArrayList<>();
		for (JsonNode channel : channels) {
			String name = channel.path("name").asString("");
			JsonNode presence = channel.path("presence");
			if (name.isEmpty() || !presence.isArray() || presence.isEmpty()) {
				continue;
			}
			List<PresenceMessage> members = new ArrayList<>();
			for (JsonNode member : presence) {
				JsonNode data = member.get("data");
				JsonNode encoding = member.get("encoding");
				members.add(PresenceMessage.builder()
					.clientId(member.path("clientId").asString(null))
					.data(data == null || data.isNull() ? null : data.isString() ? data.stringValue() : data)
					.encoding(encoding == null || encoding.isNull() ? null : encoding.asString())
					.build());
			}
			if (members.stream().anyMatch(m -> m.clientId() == null || m.clientId().isEmpty())) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_REQUEST_BODY, 400,
						"every presence fixture of channel " + name + " needs a clientId"));
			}
			fixtures.add(new Fixture(name, members));
		}
		return fixtures;
	}

	/** The app as the sandbox describes it; SDK test set-ups read appId, keys[].keyStr and the namespace count. */
	private static ObjectNode describe(String appId, List<AppKey> keys, JsonNode spec) {
		ObjectNode app = Json.NODES.objectNode();
		app.put("id", appId);
		app.put("appId", appId);
		app.put("accountId", "embedded");
		app.put("status", 0);
		app.put("tlsOnly", spec.path("tlsOnly").asBoolean(false));
		ArrayNode keyNodes = app.putArray("keys");
		for (AppKey key : keys) {
			ObjectNode node = keyNodes.addObject();
			node.put("id", key.keyId());
			node.put("appId", appId);
			node.put("keyName", key.keyName());
			node.put("keySecret", key.secret());
			node.put("keyStr", key.key());
			node.put("value", key.key());
			node.put("capability", key.capability().toJson());
			node.put("revocableTokens", key.revocableTokens());
			node.put("status", 0);
		}
		ArrayNode namespaces = app.putArray("namespaces");
		for (JsonNode namespace : spec.path("namespaces")) {
			ObjectNode copy = namespace.isObject() ? ((ObjectNode) namespace).deepCopy() : Json.NODES.objectNode();
			if (!copy.has("status")) {
				copy.put("status", 0);
			}
			namespaces.add(copy);
		}
		app.set("channels", spec.path("channels").isArray() ? spec.get("channels").deepCopy() : Json.NODES.arrayNode());
		app.putArray("connections");
		return app;
	}

	static String randomId(int length) {
		StringBuilder sb = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			sb.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
		}
		return sb.toString();
	}

	private record Fixture(String channel, List<PresenceMessage> members) {
	}
}
