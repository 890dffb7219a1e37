package io.github.ablyspring.server.rest;

import java.util.List;

import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.Faults;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;

import io.netty.handler.codec.http.HttpMethod;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fault injection REST API under {@code /_emulator/}, for test suites out of process (SDKs in other languages).
 * Served only when the server was built with fault injection. Every call answers 204; errors are given with
 * {@code code}, {@code statusCode} and {@code message} parameters, each with a sensible default. A connection id of
 * {@code all} means every connection. {@code GET /_emulator/push/published} lists the pushes published so far
 * (none reaches a device) and {@code DELETE /_emulator/push} forgets all push state.
 */
final class EmulatorEndpoints {

	private final Faults faults;

	private final Router router = new Router();

	EmulatorEndpoints(Faults faults, PushStore push) {
		this.faults = faults;
		router.add(HttpMethod.GET, "/_emulator/connections", this::connections)
			.add(HttpMethod.POST, "/_emulator/connections/refuse", this::refuse)
			.add(HttpMethod.POST, "/_emulator/connections/*/drop", (x, p) -> done(() -> faults.dropConnections(id(p))))
			.add(HttpMethod.POST, "/_emulator/connections/*/disconnect", (x, p) -> done(() -> faults.disconnect(id(p),
					error(x, ErrorCodes.CONNECTION_DISCONNECTED, 503, "disconnected by fault injection"))))
			.add(HttpMethod.POST, "/_emulator/connections/*/error", (x, p) -> done(() -> faults.failConnections(id(p),
					error(x, ErrorCodes.CONNECTION_FAILED, 400, "connection failed by fault injection"))))
			.add(HttpMethod.POST, "/_emulator/connections/*/auth",
					(x, p) -> done(() -> faults.requestReauthentication(id(p))))
			.add(HttpMethod.POST, "/_emulator/channels/*/detach", (x, p) -> done(() -> faults.detachChannel(p.get(0),
					error(x, ErrorCodes.CHANNEL_OPERATION_FAILED, 500, "detached by fault injection"))))
			.add(HttpMethod.POST, "/_emulator/tokens/expire", (x, p) -> done(faults::expireTokens))
			.add(HttpMethod.POST, "/_emulator/frames/delay", (x, p) -> done(() -> faults
				.delayFrames(java.time.Duration.ofMillis(x.query("ms") == null ? 0 : Params.number(x.query("ms"), "ms")))))
			.add(HttpMethod.POST, "/_emulator/frames/pause", (x, p) -> done(faults::pauseFrames))
			.add(HttpMethod.POST, "/_emulator/frames/resume", (x, p) -> done(faults::resumeFrames))
			.add(HttpMethod.POST, "/_emulator/rest/fail", this::failRest)
			.add(HttpMethod.POST, "/_emulator/publish/nack", (x, p) -> done(() -> faults.nackPublishes(count(x),
					error(x, ErrorCodes.INTERNAL_ERROR, 500, "publish refused by fault injection"))))
			.add(HttpMethod.POST, "/_emulator/heartbeats",
					(x, p) -> done(() -> faults.heartbeats(flag(x, "enabled", true))))
			.add(HttpMethod.GET, "/_emulator/push/published", (x, p) -> published(x, push))
			.add(HttpMethod.DELETE, "/_emulator/push", (x, p) -> done(push::clear));
	}

	RestResponse dispatch(RestExchange exchange) {
		return router.dispatch(exchange);
	}

	private RestResponse connections(RestExchange x, List<String> params) {
		ArrayNode ids = Json.NODES.arrayNode();
		faults.connectionIds().forEach(ids::add);
		return Responses.json(200, x, ids);
	}

	/** The pushes published so far (RSH1a), oldest first: {@code [{appId, recipient, payload}]}. */
	private static RestResponse published(RestExchange x, PushStore push) {
		ArrayNode items = Json.NODES.arrayNode();
		for (PushStore.PublishedPush published : push.published()) {
			ObjectNode item = items.addObject();
			item.put("appId", published.appId());
			ObjectNode recipient = item.putObject("recipient");
			published.recipient().forEach(recipient::put);
			item.set("payload", published.payload());
		}
		return Responses.json(200, x, items);
	}

	private RestResponse refuse(RestExchange x, List<String> params) {
		boolean refuse = flag(x, "enabled", true);
		if (x.query("code") == null) {
			faults.refuseConnections(refuse);
		}
		else {
			faults.refuseConnections(refuse, error(x, ErrorCodes.CONNECTION_FAILED, 503, "connection refused"));
		}
		return RestResponse.noContent();
	}

	private RestResponse failRest(RestExchange x, List<String> params) {
		int status = x.query("status") == null ? 503 : (int) Params.number(x.query("status"), "status");
		if (status < 400 || status > 599) {
			throw Params.invalid("status must be an HTTP error status, not " + status);
		}
		faults.failRestRequests(count(x), error(x, status * 100, status, "request failed by fault injection"));
		return RestResponse.noContent();
	}

	private static RestResponse done(Runnable action) {
		action.run();
		return RestResponse.noContent();
	}

	private static @Nullable String id(List<String> params) {
		return params.get(0).equals("all") ? null : params.get(0);
	}

	private static int count(RestExchange x) {
		return x.query("count") == null ? 1 : (int) Params.number(x.query("count"), "count");
	}

	private static boolean flag(RestExchange x, String name, boolean defaultValue) {
		String value = x.query(name);
		return value == null ? defaultValue : Boolean.parseBoolean(value);
	}

	private static ErrorInfo error(RestExchange x, int defaultCode, int defaultStatus, String defaultMessage) {
		int code = x.query("code") == null ? defaultCode : (int) Params.number(x.query("code"), "code");
		int status = x.query("statusCode") == null ? defaultStatus
				: (int) Params.number(x.query("statusCode"), "statusCode");
		String message = x.query("message") == null ? defaultMessage : x.query("message");
		return ErrorInfo.of(code, status, message);
	}
}
