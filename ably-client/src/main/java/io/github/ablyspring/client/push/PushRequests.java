package io.github.ablyspring.client.push;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.client.http.Credentials;
import io.github.ablyspring.client.http.HttpCore;
import io.github.ablyspring.client.http.RestRequest;
import io.github.ablyspring.client.http.RestResponse;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.codec.WireType;

/** What the push admin classes share: the client's transport and credentials, and paged GETs. */
final class PushRequests {

	private final HttpCore http;

	private final Credentials credentials;

	PushRequests(HttpCore http, Credentials credentials) {
		this.http = http;
		this.credentials = credentials;
	}

	HttpCore http() {
		return http;
	}

	/** The async form of a blocking operation that returns nothing. */
	CompletableFuture<Void> async(Runnable operation) {
		return http.async(() -> {
			operation.run();
			return null;
		});
	}

	RestResponse send(RestRequest request) {
		return http.send(request, credentials);
	}

	/** A page of {@code path}; the {@code Link} headers lead to the next ones (TG). */
	<T> PaginatedResult<T> page(String path, @Nullable Map<String, String> params, WireType<T> element) {
		return page(RestRequest.get(path).withParams(params == null ? Map.of() : params), element.list());
	}

	private <T> PaginatedResult<T> page(RestRequest request, WireType<List<T>> type) {
		RestResponse response = send(request);
		return new PaginatedResult<>(response.decodeOr(type, List.of()), response.links(), request.path(),
				path -> http.async(() -> page(RestRequest.get(path), type)));
	}

	static RestRequest request(String method, String path, @Nullable Map<String, String> params,
			byte @Nullable [] body) {
		return new RestRequest(method, path, params == null ? Map.of() : params, body, true);
	}

	/** 40000 for an argument that would only earn a 400 from Ably: refused before any request. */
	static AblyException badRequest(String message) {
		return AblyException.of(ErrorCodes.BAD_REQUEST, message);
	}

	static String requireId(@Nullable String id, String what) {
		if (id == null || id.isEmpty()) {
			throw badRequest(what + " must not be empty");
		}
		return id;
	}
}
