package io.github.ablyspring.server.rest;

import java.util.List;

import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;

/** One REST endpoint: handles a request whose path matched, given the decoded path parameters in order. */
@FunctionalInterface
interface Endpoint {

	RestResponse handle(RestExchange exchange, List<String> params);
}
