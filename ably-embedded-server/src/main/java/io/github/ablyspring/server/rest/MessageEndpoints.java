package io.github.ablyspring.server.rest;

import java.util.List;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;
import io.github.ablyspring.server.realtime.RealtimeCore;

/**
 * {@code POST /channels/{ch}/messages} (RSL1: one message or an array; 201 with the serials) and
 * {@code GET /channels/{ch}/messages}, alias {@code /history} (RSL2: start, end, direction, limit, paged with
 * {@code page_from}; {@code fromSerial} bounds it for RTL10b untilAttach). Publishes go through the realtime core, so REST and realtime share one history and order.
 */
final class MessageEndpoints {

	/**
	 * The next-page cursor of our Link headers (exclusive), then the {@code fromSerial} bound a realtime client sends
	 * for {@code untilAttach} (RTL10b; ably-js spells it {@code from_serial}): up to and including that serial, the
	 * channel's serial at attach time.
	 */
	private static final List<String> CURSOR = List.of("page_from", "fromSerial", "from_serial");

	/** RSL1l1: the code of a publish refused by {@code _forceNack}. */
	static final int FORCED_NACK = 40099;

	private final RealtimeCore core;

	private final RequestAuth auth;

	MessageEndpoints(RealtimeCore core, RequestAuth auth) {
		this.core = core;
		this.auth = auth;
	}

	RestResponse publish(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		String channel = params.get(0);
		List<Message> messages = x.requestCodec().decode(x.body(), RestWireTypes.ONE_OR_MORE_MESSAGES);
		if ("true".equals(x.query("_forceNack"))) {
			// RSL1l1: Ably's test switch for publish params; the publish is refused and nothing is stored.
			throw new AblyException(ErrorInfo.of(FORCED_NACK, 400, "publish rejected: _forceNack=true"));
		}
		List<String> serials = core.call(() -> core.channels().publish(channel, messages, context, null, null));
		return Responses.of(201, x, new PublishResult(serials), WireTypes.PUBLISH_RESULT);
	}

	RestResponse history(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		String channel = params.get(0);
		RequestAuth.require(context, channel, "history", "subscribe");
		int limit = Params.limit(x);
		boolean forwards = Params.forwards(x);
		Long start = Params.time(x, "start");
		Long end = Params.time(x, "end");
		Params.checkRange(start, end);
		String after = x.query(CURSOR.get(0));
		String until = x.query(CURSOR.get(1)) != null ? x.query(CURSOR.get(1)) : x.query(CURSOR.get(2));
		List<Message> page = core
			.call(() -> core.channels().history(channel, start, end, forwards, limit, after, until));
		boolean more = page.size() > limit;
		List<Message> items = more ? page.subList(0, limit) : page;
		return Paging.withLinks(Responses.of(200, x, items, WireTypes.MESSAGES), x, CURSOR,
				more ? items.get(limit - 1).serial() : null);
	}
}
