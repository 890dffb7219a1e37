package io.github.ablyspring.server.rest;

import java.util.List;

import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.codec.CodecException;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireReader;
import io.github.ablyspring.protocol.codec.WireType;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.protocol.codec.WireWriter;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;
import io.github.ablyspring.server.realtime.RealtimeCore;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Annotations (RSAN): {@code POST /channels/{ch}/messages/{serial}/annotations} (one annotation or an array,
 * action ANNOTATION_CREATE or ANNOTATION_DELETE; 201 with {@code {"serials": [...]}}) and
 * {@code GET /channels/{ch}/messages/{serial}/annotations} (oldest first, paged with {@code limit} and
 * {@code fromSerial}).
 */
final class AnnotationEndpoints {

	private static final List<String> CURSOR = List.of("fromSerial");

	private static final WireType<List<Annotation>> ONE_OR_MORE = new WireType<>() {
		@Override
		public void write(List<Annotation> value, WireWriter writer) {
			WireTypes.ANNOTATIONS.write(value, writer);
		}

		@Override
		public List<Annotation> read(WireReader reader) {
			if (reader.peek() == WireReader.ValueType.ARRAY) {
				return WireTypes.ANNOTATIONS.read(reader);
			}
			if (reader.peek() != WireReader.ValueType.MAP) {
				throw new CodecException("expected an annotation or an array of them, not " + reader.peek());
			}
			return List.of(WireTypes.ANNOTATION.read(reader));
		}
	};

	private final RealtimeCore core;

	private final RequestAuth auth;

	AnnotationEndpoints(RealtimeCore core, RequestAuth auth) {
		this.core = core;
		this.auth = auth;
	}

	RestResponse publish(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		String channel = params.get(0);
		List<Annotation> annotations = x.requestCodec().decode(x.body(), ONE_OR_MORE);
		List<String> serials = core
			.call(() -> core.mutations().publishAnnotations(channel, params.get(1), annotations, context));
		ObjectNode body = Json.NODES.objectNode();
		ArrayNode array = body.putArray("serials");
		serials.forEach(array::add);
		return Responses.json(201, x, body);
	}

	RestResponse list(RestExchange x, List<String> params) {
		AuthContext context = auth.authenticate(x);
		String channel = params.get(0);
		RequestAuth.require(context, channel, "annotation-subscribe", "history", "subscribe");
		int limit = Params.limit(x);
		String from = x.query(CURSOR.get(0));
		List<Annotation> all = core.call(() -> core.mutations().annotations(channel, params.get(1)));
		List<Annotation> after = from == null ? all
				: all.stream().filter(a -> a.serial() != null && a.serial().compareTo(from) > 0).toList();
		boolean more = after.size() > limit;
		List<Annotation> items = more ? after.subList(0, limit) : after;
		return Paging.withLinks(Responses.of(200, x, items, WireTypes.ANNOTATIONS), x, CURSOR,
				more ? items.get(limit - 1).serial() : null);
	}
}
