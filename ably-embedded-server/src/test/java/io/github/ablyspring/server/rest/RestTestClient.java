package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.ablyspring.protocol.PageLinks;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireType;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A bare REST client for the tests: real HTTP, JSON or msgpack both ways, Basic or token auth. */
final class RestTestClient {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final WireFormat format;

	private final Map<String, String> headers;

	private RestTestClient(String baseUrl, WireFormat format, Map<String, String> headers) {
		this.baseUrl = baseUrl;
		this.format = format;
		this.headers = headers;
	}

	/** Authenticated with the server's first key. */
	static RestTestClient of(EmbeddedAblyServer server, WireFormat format) {
		return new RestTestClient(server.baseUrl(), format, new LinkedHashMap<>()).withKey(server.key());
	}

	static RestTestClient anonymous(EmbeddedAblyServer server, WireFormat format) {
		return new RestTestClient(server.baseUrl(), format, new LinkedHashMap<>());
	}

	RestTestClient withKey(String key) {
		return withHeader("Authorization",
				"Basic " + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)));
	}

	RestTestClient withToken(String token) {
		return withHeader("Authorization",
				"Bearer " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
	}

	RestTestClient withHeader(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(headers);
		copy.put(name, value);
		return new RestTestClient(baseUrl, format, copy);
	}

	RestTestClient withoutAuth() {
		Map<String, String> copy = new LinkedHashMap<>(headers);
		copy.remove("Authorization");
		return new RestTestClient(baseUrl, format, copy);
	}

	WireFormat format() {
		return format;
	}

	WireCodec codec() {
		return WireCodec.of(format);
	}

	Reply get(String path) {
		return send("GET", path, null);
	}

	Reply delete(String path) {
		return send("DELETE", path, null);
	}

	Reply post(String path, JsonNode body) {
		return post(path, body, WireTypes.JSON);
	}

	<T> Reply post(String path, T body, WireType<T> type) {
		return send("POST", path, codec().encode(body, type));
	}

	Reply postJsonText(String path, String json) {
		return send("POST", path, json.getBytes(StandardCharsets.UTF_8));
	}

	Reply send(String method, String path, byte @Nullable [] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", format.mediaType())
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
		if (body != null) {
			request.header("Content-Type", format.mediaType());
		}
		headers.forEach(request::header);
		try {
			HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Reply(path, response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Follows a relative {@code Link} of a reply, as the SDKs do (TG4). */
	Reply follow(Reply reply, String link) {
		return get(PageLinks.resolve(reply.path(), link));
	}

	record Reply(String path, int status, HttpHeaders headers, byte[] bytes) {

		WireFormat format() {
			return WireFormat.fromMediaType(headers.firstValue("Content-Type").orElse(""));
		}

		JsonNode json() {
			return WireCodec.of(format()).decode(bytes, WireTypes.JSON);
		}

		<T> T as(WireType<T> type) {
			return WireCodec.of(format()).decode(bytes, type);
		}

		@Nullable String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

		PageLinks links() {
			return PageLinks.fromHeaders(headers.allValues("Link"));
		}

		Reply assertStatus(int expected) {
			assertThat(status).as("status of %s: %s", path, new String(bytes, StandardCharsets.UTF_8))
				.isEqualTo(expected);
			return this;
		}

		/** An Ably error: the status, the code in the body and in the headers. */
		Reply assertError(int expectedStatus, int expectedCode) {
			assertStatus(expectedStatus);
			JsonNode error = json().path("error");
			assertThat(error.path("code").asInt()).as("error code of %s: %s", path, error).isEqualTo(expectedCode);
			assertThat(error.path("statusCode").asInt()).isEqualTo(expectedStatus);
			assertThat(error.path("message").asString("")).isNotBlank();
			assertThat(header("X-Ably-ErrorCode")).isEqualTo(String.valueOf(expectedCode));
			assertThat(header("X-Ably-ErrorMessage")).isNotBlank();
			return this;
		}
	}
}
