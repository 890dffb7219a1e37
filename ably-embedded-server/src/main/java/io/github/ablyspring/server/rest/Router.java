package io.github.ablyspring.server.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;

import io.netty.handler.codec.http.HttpMethod;

import org.jspecify.annotations.Nullable;

/**
 * Maps method and path to an endpoint. Patterns are slash-separated literals with {@code *} for one path segment,
 * which is passed on percent-decoded: a channel name may contain {@code /} as {@code %2F}. A known path with another
 * method is 405 (40500, with {@code Allow}); an unknown path is 404 (40400).
 */
final class Router {

	static final int NOT_FOUND = 40400;

	static final int METHOD_NOT_ALLOWED = 40500;

	private final List<Route> routes = new ArrayList<>();

	Router add(HttpMethod method, String pattern, Endpoint endpoint) {
		routes.add(new Route(method, segments(pattern), endpoint));
		return this;
	}

	RestResponse dispatch(RestExchange exchange) {
		List<String> segments = segments(rawPath(exchange.uri()));
		Set<String> allowed = new LinkedHashSet<>();
		for (Route route : routes) {
			List<String> params = route.match(segments);
			if (params == null) {
				continue;
			}
			if (route.method().equals(exchange.method())) {
				return route.endpoint().handle(exchange, params);
			}
			allowed.add(route.method().name());
		}
		if (!allowed.isEmpty()) {
			ErrorInfo error = ErrorInfo.of(METHOD_NOT_ALLOWED, 405,
					"method " + exchange.method() + " not allowed on " + exchange.path() + "; use " + allowed);
			return RestResponse.error(error, Responses.codec(exchange)).withHeader("Allow", String.join(", ", allowed));
		}
		throw new AblyException(ErrorInfo.of(NOT_FOUND, 404, "no such endpoint: " + exchange.path()));
	}

	private static String rawPath(String uri) {
		int query = uri.indexOf('?');
		return query < 0 ? uri : uri.substring(0, query);
	}

	private static List<String> segments(String path) {
		List<String> segments = new ArrayList<>();
		for (String segment : path.split("/")) {
			if (!segment.isEmpty()) {
				segments.add(segment);
			}
		}
		return segments;
	}

	static String decode(String segment) {
		try {
			// A '+' in a path is a plus, not a space.
			return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400, "malformed path segment " + segment));
		}
	}

	private record Route(HttpMethod method, List<String> pattern, Endpoint endpoint) {

		@Nullable List<String> match(List<String> segments) {
			if (segments.size() != pattern.size()) {
				return null;
			}
			List<String> params = new ArrayList<>(2);
			for (int i = 0; i < pattern.size(); i++) {
				String expected = pattern.get(i);
				if (expected.equals("*")) {
					params.add(decode(segments.get(i)));
				}
				else if (!expected.equals(segments.get(i))) {
					return null;
				}
			}
			return params;
		}
	}
}
