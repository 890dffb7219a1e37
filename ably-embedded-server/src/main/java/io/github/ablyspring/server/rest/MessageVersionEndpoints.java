package io.github.ablyspring.server.rest;

import java.util.ArrayList;
import java.util.List;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;
import io.github.ablyspring.server.realtime.RealtimeCore;

/**
 * Message versions (RSL11, RSL14, RSL15): {@code GET /channels/{ch}/messages/{serial}} (the latest version),
 * {@code GET /channels/{ch}/messages/{serial}/versions} (every version, newest first unless
 * {@code direction=forwards}, paged with {@code limit} and {@code fromSerial}) and
 * {@code PATCH /channels/{ch}/messages/{serial}} (a Message body with {@code action} MESSAGE_UPDATE, MESSAGE_DELETE
 * or MESSAGE_APPEND and an optional {@code version} operation; 200 with {@code {"versionSerial": ...}}).
 */
final class MessageVersionEndpoints {

	private static final List<String> CURSOR = List.of("fromSerial");

	private final RealtimeCore core;

	private final RequestAuth auth;

	MessageVersionEndpoints(RealtimeCore core, RequestAuth auth) {
		this.core = core;
		this.auth = auth;
	}

	RestResponse get(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		String channel = params.get(0);
		RequestAuth.require(context, channel, "history", "subscribe");
		Message message = core.call(() -> core.mutations().messageBySerial(channel, params.get(1)));
		return Responses.of(200, x, message, WireTypes.MESSAGE);
	}

	RestResponse versions(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		String channel = params.get(0);
		RequestAuth.require(context, channel, "history", "subscribe");
		int limit = Params.limit(x);
		boolean forwards = Params.forwards(x);
		String from = x.query(CURSOR.get(0));
		List<Message> all = new ArrayList<>(core.call(() -> core.mutations().messageVersions(channel, params.get(1))));
		if (!forwards) {
			java.util.Collections.reverse(all);
		}
		List<Message> items = new ArrayList<>();
		boolean passed = from == null;
		boolean more = false;
		for (Message m : all) {
			if (!passed) {
				passed = from.equals(m.version().serial());
				continue;
			}
			if (items.size() == limit) {
				more = true;
				break;
			}
			items.add(m);
		}
		return Paging.withLinks(Responses.of(200, x, items, WireTypes.MESSAGES), x, CURSOR,
				more ? items.get(limit - 1).version().serial() : null);
	}

	RestResponse update(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		String channel = params.get(0);
		Message patch = x.requestCodec().decode(x.body(), WireTypes.MESSAGE);
		String versionSerial = core.call(() -> core.mutations().updateMessage(channel, params.get(1), patch, context));
		return Responses.json(200, x, Json.NODES.objectNode().put("versionSerial", versionSerial));
	}
}
