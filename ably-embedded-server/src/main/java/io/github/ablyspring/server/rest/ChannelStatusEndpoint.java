package io.github.ablyspring.server.rest;

import java.util.List;

import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;
import io.github.ablyspring.server.realtime.ChannelOperations.Occupancy;
import io.github.ablyspring.server.realtime.RealtimeCore;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /channels/{ch}} (RSL8): the channel's details (CHD2) with its occupancy metrics (CHM2). A channel is
 * always active here, as on Ably, where asking for the metrics activates it (CHS2a).
 */
final class ChannelStatusEndpoint {

	private final RealtimeCore core;

	private final RequestAuth auth;

	ChannelStatusEndpoint(RealtimeCore core, RequestAuth auth) {
		this.core = core;
		this.auth = auth;
	}

	RestResponse status(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		String channel = params.get(0);
		RequestAuth.require(context, channel, "channel-metadata");
		Occupancy occupancy = core.call(() -> core.channels().occupancy(channel));
		ObjectNode body = Json.NODES.objectNode();
		body.put("channelId", channel);
		body.put("name", channel);
		ObjectNode status = body.putObject("status");
		status.put("isActive", true);
		ObjectNode metrics = status.putObject("occupancy").putObject("metrics");
		metrics.put("connections", occupancy.connections());
		metrics.put("presenceConnections", occupancy.presenceConnections());
		metrics.put("presenceMembers", occupancy.presenceMembers());
		metrics.put("presenceSubscribers", occupancy.presenceSubscribers());
		metrics.put("publishers", occupancy.publishers());
		metrics.put("subscribers", occupancy.subscribers());
		metrics.put("objectPublishers", occupancy.objectPublishers());
		metrics.put("objectSubscribers", occupancy.objectSubscribers());
		return Responses.json(200, x, body);
	}
}
