package io.github.ablyspring.server.realtime.behaviour;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.EmbeddedAblyServer;

import tools.jackson.databind.JsonNode;

/** Plain JSON REST calls for the behaviour tests. */
final class Rest {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Rest() {
	}

	static String basic(String key) {
		return "Basic " + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

	static Reply get(EmbeddedAblyServer server, String path, String authorization) {
		return send(server, "GET", path, null, authorization);
	}

	static Reply post(EmbeddedAblyServer server, String path, String json, String authorization) {
		return send(server, "POST", path, json, authorization);
	}

	private static Reply send(EmbeddedAblyServer server, String method, String path, String json,
			String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", "application/json")
			.header("Authorization", authorization)
			.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(json));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Reply(int status, String body) {

		JsonNode json() {
			return Json.MAPPER.readTree(body);
		}

		int errorCode() {
			return json().path("error").path("code").asInt();
		}
	}
}
