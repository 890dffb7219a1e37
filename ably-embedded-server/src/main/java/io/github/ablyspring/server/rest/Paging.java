package io.github.ablyspring.server.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.ablyspring.protocol.PageLinks;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Link} header of a page (TG1): {@code first}, {@code current} and, unless this is the last page,
 * {@code next}, each {@code ./<last path segment>?<query>} relative to the request. The request's own query is kept
 * except for the cursor parameters, so {@code first} of any page is the first page of the same query.
 */
final class Paging {

	private Paging() {
	}

	/**
	 * Adds the links to {@code response}; {@code cursorParams} are the parameters that move through the pages (the
	 * first is the one {@code next} sets), {@code nextCursor} is null on the last page.
	 */
	static RestResponse withLinks(RestResponse response, RestExchange x, List<String> cursorParams,
			@Nullable String nextCursor) {
		String base = "./" + lastSegment(x.path()) + "?";
		String first = base + query(x, cursorParams, null, null);
		String current = base + query(x, List.of(), null, null);
		String next = nextCursor == null ? null : base + query(x, cursorParams, cursorParams.get(0), nextCursor);
		return response.withHeader("Link", new PageLinks(first, current, next).format());
	}

	private static String lastSegment(String path) {
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return encode(trimmed.substring(trimmed.lastIndexOf('/') + 1));
	}

	private static String query(RestExchange x, List<String> dropped, @Nullable String name, @Nullable String value) {
		StringBuilder sb = new StringBuilder();
		for (Map.Entry<String, List<String>> e : x.queryParams().entrySet()) {
			if (!dropped.contains(e.getKey()) && !e.getValue().isEmpty()) {
				append(sb, e.getKey(), e.getValue().get(0));
			}
		}
		if (name != null && value != null) {
			append(sb, name, value);
		}
		return sb.toString();
	}

	private static void append(StringBuilder sb, String name, String value) {
		sb.append(sb.isEmpty() ? "" : "&").append(encode(name)).append('=').append(encode(value));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
