package io.github.ablyspring.server.rest;

import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireType;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;

import tools.jackson.databind.JsonNode;

/** Response helpers shared by the endpoints: the codec a client asked for, and bodies in it. */
final class Responses {

	private Responses() {
	}

	/** The response codec, falling back to JSON when the request's own headers are unusable. */
	static WireCodec codec(RestExchange exchange) {
		try {
			return exchange.responseCodec();
		}
		catch (RuntimeException ex) {
			return WireCodec.of(WireFormat.JSON);
		}
	}

	static <T> RestResponse of(int status, RestExchange exchange, T value, WireType<T> type) {
		return RestResponse.of(status, exchange.responseCodec(), value, type);
	}

	/** A body this server builds as a JSON tree, sent as JSON or msgpack. */
	static RestResponse json(int status, RestExchange exchange, JsonNode body) {
		return RestResponse.of(status, exchange.responseCodec(), body, WireTypes.JSON);
	}

	/** The request body as a JSON tree, whichever format it came in; 40001 when it is not one. */
	static JsonNode body(RestExchange exchange) {
		return exchange.requestCodec().decode(exchange.body(), WireTypes.JSON);
	}
}
