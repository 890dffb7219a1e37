package io.github.ablyspring.client.rest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;

import static org.assertj.core.api.Assertions.assertThat;

/** RSL15b, RSL15f, RSAN1c, RSAN3b: the exact requests, seen by a scripted HTTP peer (JSON protocol). */
class MessageVersionsRequestShapeTest {

	record Seen(String method, String rawPath, String query, JsonNode body) {
	}

	private HttpServer peer;

	private final List<Seen> seen = new CopyOnWriteArrayList<>();

	private String answer = "{}";

	@BeforeEach
	void start() throws IOException {
		peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		peer.createContext("/", exchange -> {
			byte[] in = exchange.getRequestBody().readAllBytes();
			seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
					exchange.getRequestURI().getRawQuery(),
					in.length == 0 ? null : Json.MAPPER.readTree(new String(in, StandardCharsets.UTF_8))));
			byte[] out = answer.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, out.length);
			exchange.getResponseBody().write(out);
			exchange.close();
		});
		peer.start();
	}

	@AfterEach
	void stop() {
		peer.stop(0);
	}

	private AblyRest client() {
		return new AblyRest(ClientOptions.builder().endpoint("127.0.0.1").tls(false).port(peer.getAddress().getPort())
			.key("app.key:secret").useBinaryProtocol(false).build());
	}

	@Test
	void RSL15b_RSL15f_patchWithActionVersionAndParams() {
		answer = "{\"versionSerial\":\"v2\",\"extra\":1}";
		try (AblyRest rest = client()) {
			RestChannel channel = rest.channels().get("a/b");
			Message message = Message.builder().serial("s:1@x").name("n").data("d").build();
			UpdateDeleteResult result = channel.updateMessage(message,
					new MessageOperation("c", "why", Map.of("k", "v")), Map.of("p", "1"));
			channel.deleteMessage(message);
			channel.appendMessage(message);
			assertThat(result.versionSerial()).isEqualTo("v2");
			assertThat(seen).extracting(Seen::method).containsExactly("PATCH", "PATCH", "PATCH");
			Seen update = seen.get(0);
			assertThat(update.rawPath()).isEqualTo("/channels/a%2Fb/messages/s%3A1%40x");
			assertThat(update.query()).contains("p=1");
			assertThat(update.body().path("action").asInt()).isEqualTo(1);
			assertThat(update.body().path("name").asString()).isEqualTo("n");
			assertThat(update.body().path("data").asString()).isEqualTo("d");
			assertThat(update.body().path("version").path("description").asString()).isEqualTo("why");
			assertThat(update.body().path("version").path("clientId").asString()).isEqualTo("c");
			assertThat(update.body().path("version").path("metadata").path("k").asString()).isEqualTo("v");
			assertThat(seen.get(1).body().path("action").asInt()).isEqualTo(2);
			assertThat(seen.get(1).body().has("version")).isFalse();
			assertThat(seen.get(2).body().path("action").asInt()).isEqualTo(5);
		}
	}

	@Test
	void RSL11b_RSL14b_getPaths() {
		answer = "{\"serial\":\"s1\",\"data\":\"x\"}";
		try (AblyRest rest = client()) {
			RestChannel channel = rest.channels().get("ch");
			assertThat(channel.getMessage("s1").data()).isEqualTo("x");
			answer = "[]";
			channel.getMessageVersions("s1", Map.of("limit", "5"));
			assertThat(seen.get(0).method()).isEqualTo("GET");
			assertThat(seen.get(0).rawPath()).isEqualTo("/channels/ch/messages/s1");
			assertThat(seen.get(1).rawPath()).isEqualTo("/channels/ch/messages/s1/versions");
			assertThat(seen.get(1).query()).contains("limit=5");
		}
	}

	@Test
	void RSAN1c_RSAN2a_RSAN3b_annotationRequests() {
		try (AblyRest rest = client()) {
			RestChannel channel = rest.channels().get("ch");
			Annotation a = new Annotation(null, null, null, "like", 2, Json.MAPPER.readTree("{\"x\":1}"), null, null,
					null, null, "r:multiple.v1", null);
			channel.annotations().publish("s1", a);
			channel.annotations().delete("s1", a);
			answer = "[]";
			channel.annotations().get("s1", Map.of("limit", "3"));
			Seen publish = seen.get(0);
			assertThat(publish.method()).isEqualTo("POST");
			assertThat(publish.rawPath()).isEqualTo("/channels/ch/messages/s1/annotations");
			assertThat(publish.body().isArray()).isTrue();
			assertThat(publish.body()).hasSize(1);
			JsonNode sent = publish.body().get(0);
			assertThat(sent.path("action").asInt()).isEqualTo(0);
			assertThat(sent.path("messageSerial").asString()).isEqualTo("s1");
			assertThat(sent.path("type").asString()).isEqualTo("r:multiple.v1");
			assertThat(sent.path("count").asInt()).isEqualTo(2);
			assertThat(sent.path("encoding").asString()).isEqualTo("json");
			assertThat(sent.path("data").asString()).isEqualTo("{\"x\":1}");
			assertThat(sent.path("id").asString()).matches("[A-Za-z0-9+/=]{12}:0");
			assertThat(seen.get(1).body().get(0).path("action").asInt()).isEqualTo(1);
			assertThat(seen.get(2).method()).isEqualTo("GET");
			assertThat(seen.get(2).query()).contains("limit=3");
		}
	}
}
