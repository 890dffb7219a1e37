package io.github.ablyspring.client.push;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.protocol.codec.Json;

/** The mock HTTP of the UTS push unit tests: a scripted peer and a JSON client of it. */
final class PushPeer implements AutoCloseable {

	private final ScriptedPeer peer;

	final AblyRest rest;

	private PushPeer(ScriptedPeer peer) {
		this.peer = peer;
		this.rest = new AblyRest(ClientOptions.builder().endpoint("127.0.0.1").tls(false).port(peer.port())
			.key("appId.keyId:keySecret").useBinaryProtocol(false).build());
	}

	static PushPeer answering(Function<Received, Reply> script) throws IOException {
		return new PushPeer(ScriptedPeer.start("127.0.0.1", 0, script));
	}

	static PushPeer answering(int status, String json) throws IOException {
		return answering(r -> json == null ? Reply.of(status) : Reply.json(status, json));
	}

	static PushPeer noContent() throws IOException {
		return answering(204, null);
	}

	static PushPeer error(int status, int code, String message) throws IOException {
		return answering(status,
				"{\"error\":{\"code\":" + code + ",\"statusCode\":" + status + ",\"message\":\"" + message + "\"}}");
	}

	PushAdmin admin() {
		return rest.push().admin();
	}

	List<Received> requests() {
		return peer.received();
	}

	Received only() {
		if (peer.received().size() != 1) {
			throw new AssertionError("expected one request, got " + peer.received());
		}
		return peer.received().get(0);
	}

	static JsonNode body(Received request) {
		return Json.MAPPER.readTree(new String(request.body(), StandardCharsets.UTF_8));
	}

	static Map<String, String> query(Received request) {
		Map<String, String> params = new LinkedHashMap<>();
		if (request.query() == null) {
			return params;
		}
		for (String pair : request.query().split("&")) {
			int eq = pair.indexOf('=');
			params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return params;
	}

	/** encodeURIComponent, as the UTS paths are written. */
	static String encodeUriComponent(String value) {
		return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	@Override
	public void close() {
		rest.close();
		peer.close();
	}
}
