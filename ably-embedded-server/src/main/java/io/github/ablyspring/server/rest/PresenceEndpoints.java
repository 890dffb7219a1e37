package io.github.ablyspring.server.rest;

import java.util.Comparator;
import java.util.List;

import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;
import io.github.ablyspring.server.realtime.RealtimeCore;

/**
 * {@code GET /channels/{ch}/presence} (RSP3: the present members, by clientId / connectionId, paged by member key)
 * and {@code GET /channels/{ch}/presence/history} (RSP4: presence events, as history is paged).
 */
final class PresenceEndpoints {

	private static final List<String> MEMBER_CURSOR = List.of("fromMember");

	private static final List<String> EVENT_CURSOR = List.of("fromId");

	private final RealtimeCore core;

	private final RequestAuth auth;

	PresenceEndpoints(RealtimeCore core, RequestAuth auth) {
		this.core = core;
		this.auth = auth;
	}

	RestResponse members(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		String channel = params.get(0);
		RequestAuth.require(context, channel, "presence", "subscribe");
		int limit = Params.limit(x);
		String after = x.query(MEMBER_CURSOR.get(0));
		// Sorted by member key, so a page boundary stays put while members come and go.
		List<PresenceMessage> members = core
			.call(() -> core.channels().members(channel, x.query("clientId"), x.query("connectionId")))
			.stream()
			.filter(p -> after == null || p.memberKey().compareTo(after) > 0)
			.sorted(Comparator.comparing(PresenceMessage::memberKey))
			.limit(limit + 1L)
			.toList();
		boolean more = members.size() > limit;
		List<PresenceMessage> items = more ? members.subList(0, limit) : members;
		return Paging.withLinks(Responses.of(200, x, items, WireTypes.PRESENCE_MESSAGES), x, MEMBER_CURSOR,
				more ? items.get(limit - 1).memberKey() : null);
	}

	RestResponse history(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		String channel = params.get(0);
		RequestAuth.require(context, channel, "history", "presence", "subscribe");
		int limit = Params.limit(x);
		boolean forwards = Params.forwards(x);
		Long start = Params.time(x, "start");
		Long end = Params.time(x, "end");
		Params.checkRange(start, end);
		String from = x.query(EVENT_CURSOR.get(0));
		List<PresenceMessage> page = core
			.call(() -> core.channels().presenceHistory(channel, start, end, forwards, limit, from));
		boolean more = page.size() > limit;
		List<PresenceMessage> items = more ? page.subList(0, limit) : page;
		return Paging.withLinks(Responses.of(200, x, items, WireTypes.PRESENCE_MESSAGES), x, EVENT_CURSOR,
				more ? items.get(limit - 1).id() : null);
	}
}
