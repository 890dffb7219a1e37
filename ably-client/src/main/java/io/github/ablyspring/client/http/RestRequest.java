package io.github.ablyspring.client.http;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One REST request, before a host is chosen. Immutable.
 *
 * @param method the HTTP method
 * @param path the path, already percent-encoded, which may carry a query (as a {@code Link} URL does)
 * @param params query parameters added to {@code path}, encoded when sent
 * @param body the encoded body, or null for none
 * @param authenticated whether the request carries the client's credentials
 * @param headers extra headers (RSC19: those of {@code AblyRest.request}); the Ably headers win over them
 */
public record RestRequest(String method, String path, Map<String, String> params, byte @Nullable [] body,
		boolean authenticated, Map<String, String> headers) {

	public RestRequest {
		params = copy(params);
		headers = copy(headers);
	}

	public RestRequest(String method, String path, Map<String, String> params, byte @Nullable [] body,
			boolean authenticated) {
		this(method, path, params, body, authenticated, Map.of());
	}

	private static Map<String, String> copy(Map<String, String> map) {
		return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
	}

	public static RestRequest get(String path) {
		return new RestRequest("GET", path, Map.of(), null, true);
	}

	public static RestRequest post(String path, byte[] body) {
		return new RestRequest("POST", path, Map.of(), body, true);
	}

	public RestRequest withParams(Map<String, String> more) {
		Map<String, String> all = new LinkedHashMap<>(params);
		all.putAll(more);
		return new RestRequest(method, path, all, body, authenticated, headers);
	}

	public RestRequest withHeaders(Map<String, String> more) {
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.putAll(more);
		return new RestRequest(method, path, params, body, authenticated, all);
	}

	/** The same request without credentials. */
	public RestRequest unauthenticated() {
		return new RestRequest(method, path, params, body, false, headers);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof RestRequest r && method.equals(r.method) && path.equals(r.path) && params.equals(r.params)
				&& Arrays.equals(body, r.body) && authenticated == r.authenticated && headers.equals(r.headers);
	}

	@Override
	public int hashCode() {
		return method.hashCode() * 31 + path.hashCode();
	}

	@Override
	public String toString() {
		// Header values may be credentials of the caller: names only.
		return method + " " + path + (params.isEmpty() ? "" : " " + params)
				+ (headers.isEmpty() ? "" : " headers" + headers.keySet()) + " (" + (body == null ? 0 : body.length)
				+ " bytes)";
	}
}
