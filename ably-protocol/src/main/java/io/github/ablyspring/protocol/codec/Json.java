package io.github.ablyspring.protocol.codec;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The project's one Jackson set-up: bounded nesting and sizes so hostile input cannot exhaust the stack or heap. */
public final class Json {

	/** Deepest nesting accepted in any JSON value or msgpack structure. */
	public static final int MAX_DEPTH = 200;

	public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
		.build())
		// Values are read from inside a larger document; WireCodec checks for trailing content itself.
		.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	public static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

	private Json() {
	}
}
