package io.github.ablyspring.client.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.http.HttpCore;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.auth.TokenRequest;
import io.github.ablyspring.protocol.codec.Json;

/**
 * RSA8c: asks the application's {@code authUrl} for a token. {@code GET} sends the params in the query, {@code POST}
 * form-encoded in the body (RSA8c1); token params win over {@code authParams} (RSA8c2), which win over the URL's own
 * query (RSA8c1c). The answer is a token string ({@code text/plain}, {@code application/jwt}), or JSON
 * {@code TokenDetails} or {@code TokenRequest}; anything else, and any failure, is 40170 (RSA4e, RSA4f).
 * Thread-safe. The URL may carry credentials of the application, so it is never logged.
 */
final class AuthUrl {

	/** RSA4f: a larger token is not a token. */
	static final int MAX_TOKEN_LENGTH = 128 * 1024;

	private static final MediaType JWT = MediaType.parseMediaType("application/jwt");

	private final URI url;

	private final HttpMethod method;

	private final Map<String, String> authHeaders;

	private final Map<String, String> authParams;

	private final RestClient restClient;

	AuthUrl(ClientOptions options) {
		this.url = URI.create(java.util.Objects.requireNonNull(options.authUrl()));
		this.method = "POST".equalsIgnoreCase(options.authMethod()) ? HttpMethod.POST : HttpMethod.GET;
		this.authHeaders = options.authHeaders();
		this.authParams = options.authParams();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(options.httpOpenTimeout()).build());
		factory.setReadTimeout(options.httpRequestTimeout());
		this.restClient = RestClient.builder().requestFactory(factory).build();
	}

	/** The token, or the {@link TokenRequest} the caller still has to exchange with Ably. */
	Object fetch(TokenParams tokenParams) {
		Map<String, String> params = new LinkedHashMap<>(authParams);
		params.putAll(query(tokenParams));                                                  // RSA8c2
		Answer answer;
		try {
			answer = method == HttpMethod.GET ? get(params) : post(params);
		}
		catch (RuntimeException ex) {
			throw error("the authUrl request failed: " + ex.getClass().getSimpleName(), null, ex);
		}
		if (answer.status < 200 || answer.status >= 300) {
			throw error("the authUrl answered " + answer.status, errorOf(answer), null);
		}
		return parse(answer);
	}

	private Answer get(Map<String, String> params) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromUri(url);
		// RSA8c1c: the URL's own params stay unless ours have the same name.
		params.forEach((name, value) -> uri.replaceQueryParam(HttpCore.encode(name), HttpCore.encode(value)));
		return exchange(restClient.get().uri(uri.build(true).toUri()));
	}

	private Answer post(Map<String, String> params) {
		StringBuilder form = new StringBuilder();
		params.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&").append(HttpCore.encode(name))
			.append('=').append(HttpCore.encode(value)));
		return exchange(restClient.post()
			.uri(url)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(form.toString().getBytes(StandardCharsets.UTF_8)));
	}

	private Answer exchange(RestClient.RequestHeadersSpec<?> spec) {
		Answer answer = spec.headers(h -> authHeaders.forEach(h::set))
			.exchange((req, res) -> new Answer(res.getStatusCode().value(), res.getHeaders().getContentType(),
					res.getBody().readAllBytes()), true);
		return java.util.Objects.requireNonNull(answer);
	}

	private static Object parse(Answer answer) {
		if (answer.body.length > MAX_TOKEN_LENGTH) {
			throw error("the authUrl returned more than " + MAX_TOKEN_LENGTH + " bytes", null, null);
		}
		MediaType type = answer.contentType;
		if (type == null) {
			throw error("the authUrl response has no Content-Type", null, null);
		}
		String text = new String(answer.body, StandardCharsets.UTF_8);
		if (type.isCompatibleWith(MediaType.TEXT_PLAIN) || type.isCompatibleWith(JWT)) {
			if (text.isBlank()) {
				throw error("the authUrl returned an empty token", null, null);
			}
			return TokenDetails.ofToken(text.trim());
		}
		if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
			try {
				JsonNode json = Json.MAPPER.readTree(text);
				return json.has("mac") ? TokenRequest.fromJson(json) : TokenDetails.fromJson(json);
			}
			catch (AblyException ex) {
				throw error("the authUrl returned JSON that is neither TokenDetails nor a TokenRequest",
						ex.errorInfo(), ex);
			}
			catch (RuntimeException ex) {
				throw error("the authUrl returned malformed JSON", null, ex);
			}
		}
		throw error("the authUrl returned unsupported Content-Type " + type, null, null);          // RSA4f
	}

	/** RSA8c1: the token params as request params, only those set. */
	static Map<String, String> query(TokenParams params) {
		Map<String, String> query = new LinkedHashMap<>();
		put(query, "ttl", params.ttl());
		put(query, "capability", params.capability());
		put(query, "clientId", params.clientId());
		put(query, "timestamp", params.timestamp());
		put(query, "nonce", params.nonce());
		return query;
	}

	private static void put(Map<String, String> query, String name, @Nullable Object value) {
		if (value != null) {
			query.put(name, value.toString());
		}
	}

	private static @Nullable ErrorInfo errorOf(Answer answer) {
		if (answer.body.length > 0 && answer.contentType != null
				&& answer.contentType.isCompatibleWith(MediaType.APPLICATION_JSON)) {
			try {
				JsonNode error = Json.MAPPER.readTree(answer.body).path("error");
				if (error.has("code")) {
					return ErrorInfo.of(error.path("code").asInt(), error.path("statusCode").asInt(answer.status),
							error.path("message").isString() ? error.path("message").asString() : null);
				}
			}
			catch (RuntimeException ex) {
				// no Ably error in the body: the status says it all
			}
		}
		return ErrorInfo.of(answer.status >= 400 && answer.status < 500 ? answer.status * 100
				: ErrorCodes.INTERNAL_ERROR, answer.status, "HTTP " + answer.status + " from the authUrl");
	}

	/** RSA4e: 40170 with status 401. */
	private static AblyException error(String message, @Nullable ErrorInfo cause, @Nullable Throwable throwable) {
		return new AblyException(ErrorInfo.of(ErrorCodes.ERROR_FROM_CLIENT_TOKEN_CALLBACK, 401, message)
			.withCause(cause), throwable);
	}

	private record Answer(int status, @Nullable MediaType contentType, byte[] body) {
	}

	@Override
	public String toString() {
		return "AuthUrl[" + method + " " + url.getHost() + "]";
	}
}
