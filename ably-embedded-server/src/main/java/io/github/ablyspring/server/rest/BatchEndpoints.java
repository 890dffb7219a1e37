package io.github.ablyspring.server.rest;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.ProtocolVersion;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireReader;
import io.github.ablyspring.protocol.codec.WireType;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.protocol.codec.WireWriter;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;
import io.github.ablyspring.server.realtime.RealtimeCore;
import io.github.ablyspring.server.rest.RestWireTypes.BatchPublishSpec;
import io.github.ablyspring.server.rest.RestWireTypes.ChannelPresenceResult;
import io.github.ablyspring.server.rest.RestWireTypes.ChannelPublishResult;

/**
 * Batch operations: {@code POST /messages} (RSC22) publishes each spec's messages to each of its channels and
 * answers one BatchResult per spec, 201 even when some channels fail (BAR2); {@code GET /presence?channels=a,b}
 * (RSC24) answers one BatchResult of the channels' members. Clients of protocol 2 and older (ably-java 1.x) get the
 * earlier shape: per-channel results in one array, and 400 with error 40020 when any failed.
 */
final class BatchEndpoints {

	/** Ably's batch request error: some items failed, each with its own error. */
	static final int BATCH_ERROR = 40020;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final RealtimeCore core;

	private final RequestAuth auth;

	BatchEndpoints(RealtimeCore core, RequestAuth auth) {
		this.core = core;
		this.auth = auth;
	}

	RestResponse publish(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		List<BatchPublishSpec> specs = x.requestCodec().decode(x.body(), RestWireTypes.BATCH_PUBLISH_SPECS);
		List<List<ChannelPublishResult>> results = core
			.call(() -> specs.stream().map(spec -> publish(spec, context)).toList());
		if (isLegacy(x)) {
			return legacyResponse(x, results.stream().flatMap(List::stream).toList());
		}
		return Responses.of(201, x, results, RestWireTypes.BATCH_PUBLISH_RESULT.list());
	}

	/** Runs on the core loop: one spec, channel by channel, a failure on one leaving the others alone. */
	private List<ChannelPublishResult> publish(BatchPublishSpec spec, AuthContext context) {
		String messageId = idPrefix(spec.messages());
		List<Message> messages = withIds(spec.messages(), messageId);
		List<ChannelPublishResult> results = new ArrayList<>(spec.channels().size());
		for (String channel : spec.channels()) {
			try {
				List<String> serials = core.channels().publish(channel, messages, context, null, null);
				results.add(new ChannelPublishResult(channel, messageId, serials, null));
			}
			catch (AblyException ex) {
				results.add(new ChannelPublishResult(channel, null, List.of(), ex.errorInfo()));
			}
		}
		return results;
	}

	/** The ids' common prefix (BPR2b): the client's, when it set ids for idempotency (RSC22d), else a new one. */
	private static String idPrefix(List<Message> messages) {
		String first = messages.get(0).id();
		if (first != null && first.lastIndexOf(':') > 0) {
			return first.substring(0, first.lastIndexOf(':'));
		}
		byte[] bytes = new byte[9];
		RANDOM.nextBytes(bytes);
		// As Ably's: a random part and a serial, to which each message adds its index.
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + ":0";
	}

	private static List<Message> withIds(List<Message> messages, String prefix) {
		List<Message> identified = new ArrayList<>(messages.size());
		for (int i = 0; i < messages.size(); i++) {
			Message m = messages.get(i);
			identified.add(m.id() != null ? m : m.toBuilder().id(prefix + ":" + i).build());
		}
		return identified;
	}

	RestResponse presence(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		String names = x.query("channels");
		if (names == null || names.isBlank()) {
			throw Params.invalid("the channels parameter is required: a comma-separated list of channel names");
		}
		List<String> channels = List.of(names.split(","));
		List<ChannelPresenceResult> results = core.call(() -> channels.stream().map(channel -> {
			try {
				RequestAuth.require(context, channel, "presence", "subscribe");
				return new ChannelPresenceResult(channel, core.channels().members(channel, null, null), null);
			}
			catch (AblyException ex) {
				return new ChannelPresenceResult(channel, null, ex.errorInfo());
			}
		}).toList());
		return Responses.of(200, x, results, RestWireTypes.BATCH_PRESENCE_RESULT);
	}

	private static boolean isLegacy(RestExchange x) {
		String header = x.header("X-Ably-Version");
		int version = header == null ? ProtocolVersion.CURRENT : ProtocolVersion.parse(header);
		return version >= 0 && version <= 2;
	}

	private static RestResponse legacyResponse(RestExchange x, List<ChannelPublishResult> results) {
		long failures = results.stream().filter(r -> r.error() != null).count();
		if (failures == 0) {
			return Responses.of(201, x, results, RestWireTypes.LEGACY_BATCH_PUBLISH_RESULTS);
		}
		ErrorInfo error = ErrorInfo.of(BATCH_ERROR, 400,
				failures + " of " + results.size() + " batch publishes failed; see batchResponse");
		WireCodec codec = x.responseCodec();
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Ably-ErrorCode", String.valueOf(BATCH_ERROR));
		headers.put("X-Ably-ErrorMessage", error.message());
		return new RestResponse(400, headers, codec.encode(new LegacyFailure(error, results), LEGACY_FAILURE),
				codec.format().mediaType());
	}

	private record LegacyFailure(ErrorInfo error, List<ChannelPublishResult> results) {
	}

	private static final WireType<LegacyFailure> LEGACY_FAILURE = new WireType<>() {
		@Override
		public void write(LegacyFailure value, WireWriter w) {
			w.beginMap(2);
			w.field("error", value.error(), WireTypes.ERROR_INFO);
			w.field("batchResponse", value.results(), RestWireTypes.LEGACY_BATCH_PUBLISH_RESULTS);
			w.endMap();
		}

		@Override
		public LegacyFailure read(WireReader reader) {
			throw new UnsupportedOperationException("write only");
		}
	};
}
