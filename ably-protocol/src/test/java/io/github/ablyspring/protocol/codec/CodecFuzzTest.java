package io.github.ablyspring.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.github.ablyspring.protocol.AuthDetails;
import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;
import io.github.ablyspring.protocol.ConnectionDetails;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.MessageAnnotations;
import io.github.ablyspring.protocol.MessageVersion;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.codec.ProtocolMessageGenerators.Gen;
import io.github.ablyspring.protocol.codec.ProtocolMessageGenerators.Payload;
import io.github.ablyspring.protocol.codec.ProtocolMessageGenerators.VersionShape;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzes both decoders with {@link WireTypes#PROTOCOL_MESSAGE} and {@link WireTypes#MESSAGES}: truncations of valid
 * encodings at every length, random mutations of them, random bytes, random msgpack / JSON documents built from the
 * protocol's field names with random (often wrong) types and lying sizes, hostile msgpack headers (2 GB claims,
 * 10 000-deep nesting, ext types, 0xc1), hostile JSON (100 000-deep nesting, huge numbers, unterminated strings,
 * invalid UTF-8) and every field of a full message replaced by a value of each wrong type.
 * <p>
 * Every input goes to both decoders, each with both types. Each decode either succeeds or throws
 * {@link CodecException} with a non-zero Ably code, status 400 and a message not starting with
 * {@code "unexpected decoder failure"} (which marks an internal bug the codec caught). Nothing else may escape.
 * What decodes must also re-encode in both formats and decode again. Failures are collected, grouped and reported
 * with the input in hex.
 * <p>
 * Reproducible: the seed is printed; rerun with {@code -Dably.fuzz.seed=<seed>}. (The corpus is re-encoded with
 * sorted keys, since {@code Map.copyOf} iteration order differs from one JVM to the next.)
 */
class CodecFuzzTest {

	private static final long SEED = Long.getLong("ably.fuzz.seed", 0x20261125L);

	private static final int MIN_GENERATED_INPUTS = 100_000;

	/** Inputs at most this long are truncated at every length. */
	private static final int TRUNCATE_MAX_LENGTH = 4096;

	private static final long HOSTILE_ALLOCATION_LIMIT = 64L * 1024 * 1024;

	private static final WireCodec JSON = WireCodec.of(WireFormat.JSON);

	private static final WireCodec MSGPACK = WireCodec.of(WireFormat.MSGPACK);

	private static final List<WireType<?>> TYPES = List.of(WireTypes.PROTOCOL_MESSAGE, WireTypes.MESSAGES);

	/** Every field name of the wire types, so random documents reach the field readers. */
	private static final String[] VOCABULARY = { "action", "id", "auth", "accessToken", "channel", "channelSerial",
			"connectionId", "connectionKey", "connectionDetails", "count", "error", "flags", "msgSerial", "messages",
			"presence", "annotations", "state", "timestamp", "params", "res", "serials", "clientId", "name", "data",
			"encoding", "extras", "serial", "version", "operation", "createdAt", "summary", "description", "metadata",
			"code", "statusCode", "message", "href", "requestId", "cause", "detail", "maxMessageSize", "maxFrameSize",
			"maxInboundRate", "connectionStateTtl", "serverId", "maxIdleInterval", "objectsGCGracePeriod", "siteCode",
			"messageSerial", "type", "unknownField" };

	private static final Tally TOTAL = new Tally("total");

	private static final List<byte[]> JSON_CORPUS = new ArrayList<>();

	private static final List<byte[]> MSGPACK_CORPUS = new ArrayList<>();

	@BeforeAll
	static void buildCorpus() {
		System.out.println("fuzz seed: " + SEED + " (rerun with -Dably.fuzz.seed=" + SEED + ")");
		Random random = new Random(SEED);
		addCorpus(random, ProtocolMessageGenerators.protocolMessages(Payload.STRING_OR_BINARY, VersionShape.OBJECT),
				WireTypes.PROTOCOL_MESSAGE, ProtocolVersion.CURRENT, 28);
		addCorpus(random, ProtocolMessageGenerators.protocolMessages(Payload.STRING_OR_BINARY, VersionShape.LEGACY),
				WireTypes.PROTOCOL_MESSAGE, 2, 8);
		addCorpus(random, ProtocolMessageGenerators.messages(Payload.STRING_OR_BINARY, VersionShape.OBJECT).list(1, 4),
				WireTypes.MESSAGES, ProtocolVersion.CURRENT, 8);
		for (ProtocolMessage pm : List.of(fullProtocolMessage(), ProtocolMessage.of(ProtocolAction.HEARTBEAT))) {
			JSON_CORPUS.add(canonical(JSON, JSON.encode(pm, WireTypes.PROTOCOL_MESSAGE)));
			MSGPACK_CORPUS.add(canonical(MSGPACK, MSGPACK.encode(pm, WireTypes.PROTOCOL_MESSAGE)));
		}
		System.out.println("fuzz corpus: " + JSON_CORPUS.size() + " JSON and " + MSGPACK_CORPUS.size()
				+ " msgpack encodings, " + (JSON_CORPUS.stream().mapToLong(b -> b.length).sum()
						+ MSGPACK_CORPUS.stream().mapToLong(b -> b.length).sum())
				+ " bytes");
	}

	private static <T> void addCorpus(Random random, Gen<T> generator, WireType<T> type, int version, int count) {
		WireCodec json = WireCodec.of(WireFormat.JSON, version);
		WireCodec msgpack = WireCodec.of(WireFormat.MSGPACK, version);
		for (int i = 0; i < count; i++) {
			T value = generator.next(random);
			JSON_CORPUS.add(canonical(json, json.encode(value, type)));
			MSGPACK_CORPUS.add(canonical(msgpack, msgpack.encode(value, type)));
		}
	}

	@AfterAll
	static void printTotals() {
		System.out.println(TOTAL.summary());
	}

	// ---------------------------------------------------------------- generated inputs

	@Test
	void generatedInputsEitherDecodeOrFailWithCodecException() {
		Random random = new Random(SEED);
		Tally tally = new Tally("generated");
		for (List<byte[]> corpus : List.of(JSON_CORPUS, MSGPACK_CORPUS)) {
			for (byte[] valid : corpus) {
				tally.feed("valid", valid);
				if (valid.length <= TRUNCATE_MAX_LENGTH) {
					for (int length = 0; length < valid.length; length++) {
						tally.feed("truncated", java.util.Arrays.copyOf(valid, length));
					}
				}
				for (int i = 0; i < 400; i++) {
					tally.feed("mutated", mutate(random, valid));
				}
			}
		}
		for (int i = 0; i < 12_000; i++) {
			tally.feed("random bytes", randomBytes(random));
		}
		for (int i = 0; i < 15_000; i++) {
			tally.feed("random msgpack", randomMsgpackDocument(random));
		}
		for (int i = 0; i < 15_000; i++) {
			tally.feed("random JSON", randomJsonDocument(random));
		}
		tally.report();
		assertThat(tally.inputs).as("generated inputs").isGreaterThanOrEqualTo(MIN_GENERATED_INPUTS);
	}

	// ---------------------------------------------------------------- hostile msgpack

	@Test
	void hostileMsgpackIsRejectedQuicklyWithoutLargeAllocations() {
		Tally tally = new Tally("hostile msgpack");
		List<byte[]> values = new ArrayList<>();
		for (String size : List.of("7fffffff", "ffffffff", "80000000", "0000ffff")) {
			values.add(hex("db" + size + "616263")); // str32
			values.add(hex("c6" + size + "010203")); // bin32
			values.add(hex("dd" + size + "c0c0c0")); // array32
			values.add(hex("df" + size + "a161c0")); // map32
			values.add(hex("c9" + size + "01020304")); // ext32
		}
		for (String size : List.of("ffff", "7fff", "0100")) {
			values.add(hex("da" + size + "6162")); // str16
			values.add(hex("c5" + size + "0102")); // bin16
			values.add(hex("dc" + size + "c0c0")); // array16
			values.add(hex("de" + size + "a161c0")); // map16
			values.add(hex("c8" + size + "0102")); // ext16
		}
		values.add(hex("d9ff6162")); // str8 claiming 255
		values.add(hex("c4ff0102")); // bin8 claiming 255
		values.add(hex("c7ff010203")); // ext8
		values.add(hex("d40100")); // fixext1
		values.add(hex("d5010000"));
		values.add(hex("d60100000000"));
		values.add(hex("d6ff00000000")); // timestamp 32
		values.add(hex("d7ff0000000000000000")); // timestamp 64
		values.add(hex("d801" + "00".repeat(16))); // fixext16
		values.add(hex("c1"));
		values.add(hex("91c1"));
		values.add(hex("81a161c1"));
		values.add(hex("cfffffffffffffffff")); // uint64 max
		values.add(hex("d38000000000000000")); // int64 min
		values.add(hex("cb7ff8000000000000")); // NaN
		values.add(hex("cb7ff0000000000000")); // +Inf
		values.add(hex("ca7f800000")); // float32 +Inf
		values.add(hex("cc")); // uint8 with no payload
		values.add(hex("81")); // a map with no entries following
		values.add(hex("9f")); // an array of 15 with no elements following
		values.add(hex("81c0c0")); // nil key
		values.add(hex("8101a161")); // integer key
		values.add(hex("81c4016161")); // binary key
		values.add(nested(hex("91"), hex("c0"), 10_000)); // 10 000-deep arrays
		values.add(nested(hex("81a161"), hex("c0"), 10_000)); // 10 000-deep maps
		values.add(nested(hex("dd00000001"), hex("c0"), 10_000)); // 10 000-deep array32
		values.add(nested(hex("df00000001a161"), hex("c0"), 10_000)); // 10 000-deep map32
		values.add(nested(hex("91"), hex("c0"), 200));
		values.add(nested(hex("91"), hex("c0"), 199));
		values.add(nested(hex("91"), new byte[0], 10_000)); // deep and truncated
		values.add(nested(hex("dc0002"), hex("c0"), 10_000)); // deep, each level one element short

		List<byte[]> templates = msgpackTemplates();
		byte[] tail = hex("a178c3");
		for (byte[] value : values) {
			for (int t = 0; t < templates.size(); t += 2) {
				byte[] input = concat(templates.get(t), value, templates.get(t + 1));
				guarded(tally, "hostile msgpack", input);
				guarded(tally, "hostile msgpack", concat(input, tail));
			}
		}
		System.out.println("fuzz: hostile msgpack largest allocation by one decode: " + tally.maxAllocated + " bytes");
		tally.report();
	}

	/** Pairs of (prefix, suffix) placing a msgpack value where each kind of reader meets it. */
	private static List<byte[]> msgpackTemplates() {
		List<byte[]> templates = new ArrayList<>();
		templates.add(new byte[0]); // top level
		templates.add(new byte[0]);
		for (String field : List.of("channel", "count", "flags", "messages", "presence", "annotations", "state",
				"params", "res", "auth", "error", "connectionDetails", "unknownField")) {
			templates.add(msgpack(p -> {
				p.packMapHeader(2);
				p.packString("action");
				p.packInt(15);
				p.packString(field);
			}));
			templates.add(new byte[0]);
		}
		for (String field : List.of("data", "extras", "version", "operation", "annotations", "summary", "action",
				"timestamp", "name", "encoding", "unknownField")) {
			// Inside a message of a ProtocolMessage, and inside a REST message list.
			templates.add(msgpack(p -> {
				p.packMapHeader(2);
				p.packString("action");
				p.packInt(15);
				p.packString("messages");
				p.packArrayHeader(1);
				p.packMapHeader(2);
				p.packString("name");
				p.packString("n");
				p.packString(field);
			}));
			templates.add(new byte[0]);
			templates.add(msgpack(p -> {
				p.packArrayHeader(2);
				p.packMapHeader(1);
				p.packString(field);
			}));
			templates.add(msgpack(p -> {
				p.packMapHeader(1);
				p.packString("name");
				p.packString("second");
			}));
		}
		templates.add(msgpack(p -> { // nested error cause
			p.packMapHeader(2);
			p.packString("action");
			p.packInt(9);
			p.packString("error");
			p.packMapHeader(2);
			p.packString("code");
			p.packInt(40000);
			p.packString("cause");
			p.packMapHeader(1);
			p.packString("cause");
		}));
		templates.add(new byte[0]);
		templates.add(msgpack(p -> { // as a map key
			p.packMapHeader(2);
			p.packString("action");
			p.packInt(15);
		}));
		templates.add(hex("01"));
		templates.add(msgpack(p -> { // as a presence member's data
			p.packMapHeader(2);
			p.packString("action");
			p.packInt(14);
			p.packString("presence");
			p.packArrayHeader(1);
			p.packMapHeader(1);
			p.packString("data");
		}));
		templates.add(new byte[0]);
		templates.add(msgpack(p -> { // inside an object message (state)
			p.packMapHeader(2);
			p.packString("action");
			p.packInt(19);
			p.packString("state");
			p.packArrayHeader(1);
			p.packMapHeader(1);
			p.packString("operation");
		}));
		templates.add(new byte[0]);
		return templates;
	}

	// ---------------------------------------------------------------- hostile JSON

	@Test
	void hostileJsonIsRejectedQuickly() {
		Tally tally = new Tally("hostile JSON");
		List<String> values = new ArrayList<>();
		values.add("[".repeat(100_000));
		values.add("[".repeat(100_000) + "]".repeat(100_000));
		values.add("{\"a\":".repeat(100_000));
		values.add("{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000));
		values.add("[{\"a\":".repeat(50_000));
		values.add("[".repeat(199) + "]".repeat(199));
		values.add("[".repeat(200) + "]".repeat(200));
		values.add("[".repeat(201) + "]".repeat(201));
		values.add("1e999999");
		values.add("-1e999999");
		values.add("1e-999999");
		values.add("9".repeat(100_000));
		values.add("-" + "9".repeat(5_000));
		values.add("0." + "1".repeat(5_000));
		values.add("1" + "0".repeat(999));
		values.add("123456789012345678901234567890");
		values.add("9223372036854775808");
		values.add("-9223372036854775809");
		values.add("18446744073709551615");
		values.add("3000000000");
		values.add("1.7976931348623157e309");
		values.add("4.9e-325");
		values.add("-0");
		values.add("0.5");
		values.add("NaN");
		values.add("Infinity");
		values.add("-Infinity");
		values.add("0x10");
		values.add("015");
		values.add("+1");
		values.add(".5");
		values.add("1.");
		values.add("1e");
		values.add("\"abc");
		values.add("\"abc\\");
		values.add("\"\\u12");
		values.add("\"\\uZZZZ\"");
		values.add("\"\\ud800\"");
		values.add("\"\\udc00\\ud800\"");
		values.add("\"\\x41\"");
		values.add("\"" + "a".repeat(100_000));
		values.add("\"line\nbreak\"");
		values.add("\"tab\there\"");
		values.add("'single'");
		values.add("tru");
		values.add("nul");
		values.add("null");
		values.add("true");
		values.add("{}");
		values.add("[]");
		values.add("[null]");
		values.add("[1,]");
		values.add("{\"a\":1,}");
		values.add("{\"a\" 1}");
		values.add("{a:1}");
		values.add("{\"a\":1}}");
		values.add("/* comment */ 1");
		values.add("// comment\n1");
		values.add("\"just a string\"");
		values.add("{\"accessToken\":1}");
		values.add("{\"serials\":[1,{},[]]}");
		values.add("{\"summary\":[]}");

		List<String[]> templates = jsonTemplates();
		List<byte[]> inputs = new ArrayList<>();
		for (String value : values) {
			for (String[] template : templates) {
				inputs.add((template[0] + value + template[1]).getBytes(StandardCharsets.UTF_8));
			}
		}
		// Invalid UTF-8 inside strings, names and outside them.
		for (String bad : List.of("ff", "fe", "c0af", "c1bf", "e282", "ed a080", "eda080edb080", "f4908080",
				"f888808080", "80", "bf", "e0808f", "f0808080", "c3", "efbbbf")) {
			byte[] b = hex(bad.replace(" ", ""));
			inputs.add(concat(ascii("{\"action\":15,\"channel\":\""), b, ascii("\"}")));
			inputs.add(concat(ascii("{\"action\":15,\"messages\":[{\"data\":\"x"), b, ascii("y\"}]}")));
			inputs.add(concat(ascii("[{\"extras\":{\""), b, ascii("\":1}}]")));
			inputs.add(concat(ascii("{\""), b, ascii("\":1,\"action\":15}")));
			inputs.add(concat(ascii("{\"action\":15,\"x\":\""), b, ascii("\"}")));
			inputs.add(concat(ascii("{\"action\":15}"), b));
			inputs.add(concat(b, ascii("{\"action\":15}")));
		}
		inputs.add(new byte[0]);
		inputs.add(ascii("   \n\t "));
		inputs.add(concat(hex("efbbbf"), ascii("{\"action\":15}")));
		inputs.add(concat(hex("feff"), ascii("{\"action\":15}")));
		inputs.add(ascii("{\"action\":15}{\"action\":15}"));
		inputs.add(ascii("{\"action\":15} garbage"));
		inputs.add(ascii("{\"action\":15,\"action\":16}"));
		inputs.add(ascii("{\"action\":15,\"error\":\"just a message\"}"));
		inputs.add(ascii("{\"action\":17,\"auth\":{}}"));
		inputs.add(ascii("{\"action\":15,\"messages\":[null,{\"data\":null},null]}"));
		inputs.add(ascii("{\"action\":15,\"res\":[{\"serials\":null},null]}"));
		inputs.add(ascii("{\"action\":15,\"state\":[null,1,\"s\",[]]}"));
		inputs.add("{\"action\":15,\"params\":{\"k\":\"\u0000\"}}".getBytes(StandardCharsets.UTF_8));
		inputs.add(ascii("{\"action\":15,\"" + "k".repeat(60_000) + "\":1}"));
		inputs.add(ascii("{\"action\":15,\"messages\":[{\"extras\":{\"" + "k".repeat(60_000) + "\":1}}]}"));

		for (byte[] input : inputs) {
			guarded(tally, "hostile JSON", input);
		}
		System.out.println("fuzz: hostile JSON largest allocation by one decode: " + tally.maxAllocated + " bytes");
		tally.report();
	}

	/** Pairs of (prefix, suffix) placing a JSON value where each kind of reader meets it. */
	private static List<String[]> jsonTemplates() {
		List<String[]> templates = new ArrayList<>();
		templates.add(new String[] { "", "" });
		for (String field : List.of("action", "channel", "count", "flags", "msgSerial", "messages", "presence",
				"annotations", "state", "params", "res", "auth", "error", "connectionDetails", "unknownField")) {
			templates.add(new String[] { "{\"action\":15,\"" + field + "\":", "}" });
		}
		for (String field : List.of("data", "extras", "version", "operation", "annotations", "summary", "action",
				"timestamp", "createdAt", "unknownField")) {
			templates.add(new String[] { "{\"action\":15,\"messages\":[{\"name\":\"n\",\"" + field + "\":", "}]}" });
			templates.add(new String[] { "[{\"" + field + "\":", "},{\"name\":\"second\"}]" });
		}
		templates.add(new String[] { "{\"action\":9,\"error\":{\"code\":40000,\"cause\":{\"cause\":", "}}}" });
		templates.add(new String[] { "{\"action\":9,\"error\":{\"detail\":{\"k\":", "}}}" });
		templates.add(new String[] { "{\"action\":15,\"messages\":[{\"version\":{\"metadata\":{\"k\":", "}}}]}" });
		templates.add(new String[] { "{\"action\":15,\"res\":[{\"serials\":[", "]}]}" });
		templates.add(new String[] { "[", "]" });
		return templates;
	}

	// ---------------------------------------------------------------- wrong types for known fields

	@Test
	void everyKnownFieldWithAValueOfTheWrongType() {
		Tally tally = new Tally("wrong types");
		List<JsonNode> wrong = List.of(Json.NODES.stringNode("s"), Json.NODES.stringNode(""),
				Json.NODES.numberNode(7), Json.NODES.numberNode(-1), Json.NODES.numberNode(1L << 31),
				Json.NODES.numberNode(Long.MAX_VALUE), Json.NODES.numberNode(Long.MIN_VALUE),
				Json.NODES.numberNode(new java.math.BigInteger("18446744073709551616")), Json.NODES.numberNode(1.5),
				Json.NODES.numberNode(-0.0), Json.NODES.numberNode(1e300), Json.NODES.booleanNode(true),
				Json.NODES.arrayNode(), Json.NODES.objectNode(), Json.NODES.arrayNode().add(1).add("a"),
				Json.NODES.objectNode().put("k", "v"), Json.NODES.nullNode(), Json.NODES.binaryNode(new byte[] { 1, 2 }));
		List<JsonNode> skeletons = new ArrayList<>();
		skeletons.add(JSON.decode(JSON.encode(fullProtocolMessage(), WireTypes.PROTOCOL_MESSAGE), WireTypes.JSON));
		WireCodec legacy = WireCodec.of(WireFormat.JSON, 2);
		skeletons.add(legacy.decode(legacy.encode(fullProtocolMessage(), WireTypes.PROTOCOL_MESSAGE), WireTypes.JSON));
		skeletons.add(JSON.decode(JSON.encode(fullProtocolMessage().messages(), WireTypes.MESSAGES), WireTypes.JSON));
		for (JsonNode skeleton : skeletons) {
			List<List<Object>> paths = new ArrayList<>();
			collectPaths(skeleton, new ArrayList<>(), paths);
			for (List<Object> path : paths) {
				for (JsonNode value : wrong) {
					feedTree(tally, replaced(skeleton, path, value));
				}
				if (!path.isEmpty() && path.get(path.size() - 1) instanceof String) {
					feedTree(tally, replaced(skeleton, path, null)); // the field removed
				}
			}
		}
		tally.report();
	}

	private static void feedTree(Tally tally, JsonNode tree) {
		tally.feed("wrong type", Json.MAPPER.writeValueAsBytes(tree));
		byte[] msgpack;
		try {
			msgpack = MSGPACK.encode(tree, WireTypes.JSON);
		}
		catch (CodecException ex) {
			// A value wider than 64 bits has no msgpack form; the JSON input above covers it.
			assertThat(ex.code()).isEqualTo(40013);
			return;
		}
		tally.feed("wrong type", msgpack);
	}

	private static void collectPaths(JsonNode node, List<Object> path, List<List<Object>> out) {
		if (!path.isEmpty()) {
			out.add(List.copyOf(path));
		}
		if (node.isObject()) {
			for (String name : node.propertyNames()) {
				path.add(name);
				collectPaths(node.get(name), path, out);
				path.remove(path.size() - 1);
			}
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				path.add(i);
				collectPaths(node.get(i), path, out);
				path.remove(path.size() - 1);
			}
		}
	}

	/** A copy of the tree with the node at the path replaced, or removed when value is null. */
	private static JsonNode replaced(JsonNode tree, List<Object> path, JsonNode value) {
		JsonNode copy = tree.deepCopy();
		JsonNode parent = copy;
		for (int i = 0; i < path.size() - 1; i++) {
			Object step = path.get(i);
			parent = step instanceof String name ? parent.get(name) : parent.get((Integer) step);
		}
		Object last = path.get(path.size() - 1);
		if (last instanceof String name) {
			if (value == null) {
				((ObjectNode) parent).remove(name);
			}
			else {
				((ObjectNode) parent).set(name, value);
			}
		}
		else {
			((ArrayNode) parent).set((Integer) last, value);
		}
		return copy;
	}

	// ---------------------------------------------------------------- one decode, checked

	/** Decoding outcomes, grouped failures, counts. */
	static final class Tally {

		private static final HexFormat HEX = HexFormat.of();

		private final String name;

		long inputs;

		long decodes;

		long rejected;

		long decoded;

		long maxAllocated;

		private long failureCount;

		private final Map<String, String> failures = new LinkedHashMap<>();

		private final Map<String, Long> inputsByCategory = new TreeMap<>();

		Tally(String name) {
			this.name = name;
		}

		/** Runs the input through both decoders with both types. */
		void feed(String category, byte[] input) {
			inputs++;
			inputsByCategory.merge(category, 1L, Long::sum);
			if (this != TOTAL) {
				TOTAL.inputs++;
			}
			for (WireCodec codec : List.of(JSON, MSGPACK)) {
				for (WireType<?> type : TYPES) {
					decode(category, codec, type, input);
				}
			}
		}

		private <T> void decode(String category, WireCodec codec, WireType<T> type, byte[] input) {
			count(1, 0, 0);
			T value;
			try {
				value = codec.decode(input, type);
			}
			catch (CodecException ex) {
				count(0, 1, 0);
				if (ex.code() == 0 || ex.statusCode() != 400 || ex.getMessage() == null
						|| ex.getMessage().startsWith("unexpected decoder failure")) {
					failure(category, codec + " " + typeName(type) + " decode", ex, input);
				}
				return;
			}
			catch (Throwable ex) { // NOPMD: the point is that nothing else escapes, Errors included
				failure(category, codec + " " + typeName(type) + " decode", ex, input);
				return;
			}
			count(0, 0, 1);
			reencode(category, codec, type, value, input);
		}

		/** What decodes is a valid value: both formats encode it and decode the encoding. */
		private <T> void reencode(String category, WireCodec from, WireType<T> type, T value, byte[] input) {
			if (value instanceof ProtocolMessage pm && pm.action() == ProtocolAction.UNKNOWN) {
				return; // never sent, by design
			}
			for (WireCodec codec : List.of(JSON, MSGPACK)) {
				try {
					codec.decode(codec.encode(value, type), type);
				}
				catch (CodecException ex) {
					// The one documented refusal: a JSON integer wider than 64 bits has no msgpack form (40013).
					if (codec != MSGPACK || ex.code() != 40013 || !String.valueOf(ex.getMessage()).contains("64 bits")) {
						failure(category, from + " " + typeName(type) + " decoded, then " + codec + " re-encode/decode",
								ex, input);
					}
				}
				catch (Throwable ex) { // NOPMD
					failure(category, from + " " + typeName(type) + " decoded, then " + codec + " re-encode/decode",
							ex, input);
				}
			}
		}

		private void count(long attempts, long rejections, long successes) {
			decodes += attempts;
			rejected += rejections;
			decoded += successes;
			if (this != TOTAL) {
				TOTAL.decodes += attempts;
				TOTAL.rejected += rejections;
				TOTAL.decoded += successes;
			}
		}

		private void failure(String category, String what, Throwable ex, byte[] input) {
			failureCount++;
			String message = String.valueOf(ex.getMessage());
			String signature = what + ": " + ex.getClass().getName() + ": "
					+ message.substring(0, Math.min(60, message.length())).replaceAll("[0-9]+", "N");
			String example = "  " + signature + "\n    first seen in " + category + " input of " + input.length
					+ " bytes: " + HEX.formatHex(input, 0, Math.min(input.length, 200))
					+ (input.length > 200 ? "..." : "") + "\n    " + ex;
			if (failures.size() < 50) {
				failures.putIfAbsent(signature, example);
			}
		}

		String summary() {
			return "fuzz: " + name + ": " + inputs + " inputs, " + decodes + " decodes (JSON and msgpack decoder x "
					+ "PROTOCOL_MESSAGE and MESSAGES), " + rejected + " rejected with CodecException, " + decoded
					+ " decoded";
		}

		void report() {
			System.out.println(summary() + "; inputs by kind: " + inputsByCategory);
			if (failureCount > 0) {
				fail(failureCount + " decodes failed the contract (" + failures.size() + " distinct):\n"
						+ String.join("\n", failures.values()));
			}
		}

		private static String typeName(WireType<?> type) {
			return type == WireTypes.PROTOCOL_MESSAGE ? "PROTOCOL_MESSAGE" : "MESSAGES";
		}
	}

	/** Feeds one hostile input with a time limit, measuring what the decoding thread allocates. */
	private static void guarded(Tally tally, String category, byte[] input) {
		long allocated = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
			long before = allocatedBytes();
			tally.feed(category, input);
			return allocatedBytes() - before;
		}, () -> category + " input took over 5 s: " + HexFormat.of().formatHex(input, 0, Math.min(200, input.length)));
		tally.maxAllocated = Math.max(tally.maxAllocated, allocated);
		assertThat(allocated).as("bytes allocated decoding %s input %s...", category,
				HexFormat.of().formatHex(input, 0, Math.min(64, input.length)))
			.isLessThan(HOSTILE_ALLOCATION_LIMIT);
	}

	private static long allocatedBytes() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

	// ---------------------------------------------------------------- input generators

	private static final int[] INTERESTING_BYTES = { 0x00, 0x01, 0x7f, 0x80, 0xff, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5,
			0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xcb, 0xcc, 0xcf, 0xd0, 0xd3, 0xd4, 0xd8, 0xd9, 0xda, 0xdb, 0xdc, 0xdd, 0xde,
			0xdf, 0xe0, 0x90, 0x9f, 0x8f, 0xa0, 0xbf, '"', '\\', '{', '}', '[', ']', ':', ',', '0', '9', '-', 'e', '.',
			'n', 't', 'f', ' ' };

	static byte[] mutate(Random random, byte[] valid) {
		byte[] b = valid.clone();
		int operations = 1 + random.nextInt(4);
		for (int op = 0; op < operations; op++) {
			if (b.length == 0) {
				b = new byte[] { (byte) random.nextInt(256) };
				continue;
			}
			int at = random.nextInt(b.length);
			switch (random.nextInt(8)) {
				case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
				case 1 -> b[at] = (byte) random.nextInt(256);
				case 2 -> b[at] = (byte) INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
				case 3 -> { // insert a few bytes
					byte[] insert = new byte[1 + random.nextInt(4)];
					random.nextBytes(insert);
					b = concat(java.util.Arrays.copyOf(b, at), insert,
							java.util.Arrays.copyOfRange(b, at, b.length));
				}
				case 4 -> { // delete a range
					int end = Math.min(b.length, at + 1 + random.nextInt(8));
					b = concat(java.util.Arrays.copyOf(b, at), java.util.Arrays.copyOfRange(b, end, b.length));
				}
				case 5 -> { // duplicate a range
					int end = Math.min(b.length, at + 1 + random.nextInt(32));
					byte[] chunk = java.util.Arrays.copyOfRange(b, at, end);
					int to = random.nextInt(b.length + 1);
					b = concat(java.util.Arrays.copyOf(b, to), chunk, java.util.Arrays.copyOfRange(b, to, b.length));
				}
				case 6 -> { // a lying 32-bit length
					byte[] lie = random.nextBoolean() ? hex("7fffffff") : hex("ffffffff");
					for (int i = 0; i < 4 && at + i < b.length; i++) {
						b[at + i] = lie[i];
					}
				}
				default -> { // an interesting byte followed by a lying length
					b[at] = (byte) INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
					for (int i = 1; i < 5 && at + i < b.length; i++) {
						b[at + i] = (byte) 0xff;
					}
				}
			}
		}
		return b;
	}

	static byte[] randomBytes(Random random) {
		int length = random.nextInt(10) == 0 ? random.nextInt(1024) : random.nextInt(48);
		byte[] b = new byte[length];
		random.nextBytes(b);
		if (length > 0) {
			switch (random.nextInt(4)) {
				case 0 -> b[0] = (byte) (0x80 | random.nextInt(16)); // a msgpack fixmap
				case 1 -> b[0] = (byte) (0x90 | random.nextInt(16)); // a msgpack fixarray
				case 2 -> b[0] = (byte) (random.nextBoolean() ? '{' : '[');
				default -> {
				}
			}
		}
		return b;
	}

	/** A random msgpack document using the protocol's field names, with random types and sometimes lying sizes. */
	static byte[] randomMsgpackDocument(Random random) {
		return msgpack(p -> {
			if (random.nextInt(4) == 0) {
				int n = random.nextInt(4);
				p.packArrayHeader(lie(random, n));
				for (int i = 0; i < n; i++) {
					randomMsgpackMap(random, p, 1);
				}
			}
			else {
				randomMsgpackMap(random, p, 0);
			}
		});
	}

	private static void randomMsgpackMap(Random random, MessageBufferPacker p, int depth) throws IOException {
		int n = random.nextInt(6);
		p.packMapHeader(lie(random, n));
		for (int i = 0; i < n; i++) {
			if (random.nextInt(40) == 0) {
				randomMsgpackValue(random, p, depth + 1); // a key of any type
			}
			else {
				p.packString(VOCABULARY[random.nextInt(VOCABULARY.length)]);
			}
			randomMsgpackValue(random, p, depth + 1);
		}
	}

	private static void randomMsgpackValue(Random random, MessageBufferPacker p, int depth) throws IOException {
		int kind = depth > 6 ? 3 + random.nextInt(13) : random.nextInt(16);
		switch (kind) {
			case 0, 1 -> randomMsgpackMap(random, p, depth);
			case 2 -> {
				int n = random.nextInt(4);
				p.packArrayHeader(lie(random, n));
				for (int i = 0; i < n; i++) {
					randomMsgpackValue(random, p, depth + 1);
				}
			}
			case 3, 4 -> p.packString(random.nextBoolean() ? VOCABULARY[random.nextInt(VOCABULARY.length)]
					: randomText(random));
			case 5 -> {
				byte[] bytes = new byte[random.nextInt(8)];
				random.nextBytes(bytes);
				p.packBinaryHeader(lie(random, bytes.length));
				p.writePayload(bytes);
			}
			case 6, 7 -> p.packInt(random.nextInt(30) - 5);
			case 8 -> p.packLong(random.nextLong());
			case 9 -> p.packBigInteger(new java.math.BigInteger(64, random));
			case 10 -> p.packDouble(switch (random.nextInt(5)) {
				case 0 -> Double.NaN;
				case 1 -> Double.POSITIVE_INFINITY;
				case 2 -> 1e300;
				default -> random.nextDouble() * 100;
			});
			case 11 -> p.packFloat(random.nextFloat());
			case 12 -> p.packBoolean(random.nextBoolean());
			case 13 -> p.packNil();
			case 14 -> {
				if (random.nextInt(4) == 0) {
					p.packExtensionTypeHeader((byte) random.nextInt(256), 1);
					p.writePayload(new byte[] { 1 });
				}
				else {
					p.packString(String.valueOf(random.nextLong()));
				}
			}
			default -> {
				if (random.nextInt(8) == 0) {
					p.writePayload(new byte[] { (byte) 0xc1 });
				}
				else {
					p.packInt(random.nextInt());
				}
			}
		}
	}

	private static int lie(Random random, int n) {
		return random.nextInt(12) == 0 ? Math.max(0, n + random.nextInt(5) - 2) : n;
	}

	private static final String BREAKERS = "{}[]\",:\\ 0-e";

	/** A random JSON document using the protocol's field names, with random types and sometimes broken syntax. */
	static byte[] randomJsonDocument(Random random) {
		StringBuilder sb = new StringBuilder();
		if (random.nextInt(4) == 0) {
			sb.append('[');
			int n = random.nextInt(4);
			for (int i = 0; i < n; i++) {
				if (i > 0) {
					sb.append(',');
				}
				randomJsonObject(random, sb, 1);
			}
			sb.append(']');
		}
		else {
			randomJsonObject(random, sb, 0);
		}
		if (random.nextInt(5) == 0 && sb.length() > 0) { // break the syntax somewhere
			int at = random.nextInt(sb.length());
			switch (random.nextInt(3)) {
				case 0 -> sb.deleteCharAt(at);
				case 1 -> sb.insert(at, BREAKERS.charAt(random.nextInt(BREAKERS.length())));
				default -> sb.setLength(at);
			}
		}
		return sb.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void randomJsonObject(Random random, StringBuilder sb, int depth) {
		sb.append('{');
		int n = random.nextInt(6);
		for (int i = 0; i < n; i++) {
			if (i > 0) {
				sb.append(',');
			}
			sb.append('"').append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append("\":");
			randomJsonValue(random, sb, depth + 1);
		}
		sb.append('}');
	}

	private static void randomJsonValue(Random random, StringBuilder sb, int depth) {
		int kind = depth > 6 ? 3 + random.nextInt(11) : random.nextInt(14);
		switch (kind) {
			case 0, 1 -> randomJsonObject(random, sb, depth);
			case 2 -> {
				sb.append('[');
				int n = random.nextInt(4);
				for (int i = 0; i < n; i++) {
					if (i > 0) {
						sb.append(',');
					}
					randomJsonValue(random, sb, depth + 1);
				}
				sb.append(']');
			}
			case 3, 4 -> sb.append(Json.MAPPER.writeValueAsString(random.nextBoolean()
					? VOCABULARY[random.nextInt(VOCABULARY.length)] : randomText(random)));
			case 5 -> sb.append("\"\\ud800\"");
			case 6, 7 -> sb.append(random.nextInt(30) - 5);
			case 8 -> sb.append(random.nextLong());
			case 9 -> sb.append(new java.math.BigInteger(70, random));
			case 10 -> sb.append(random.nextBoolean() ? "1e400" : String.valueOf(random.nextDouble() * 100));
			case 11 -> sb.append(random.nextBoolean());
			case 12 -> sb.append("null");
			default -> sb.append(random.nextInt());
		}
	}

	private static String randomText(Random random) {
		StringBuilder sb = new StringBuilder();
		int n = random.nextInt(12);
		for (int i = 0; i < n; i++) {
			int cp = switch (random.nextInt(4)) {
				case 0 -> random.nextInt(0x20);
				case 1 -> 0x10000 + random.nextInt(0x100000);
				case 2 -> 0x80 + random.nextInt(0xd700);
				default -> 0x20 + random.nextInt(0x5f);
			};
			sb.appendCodePoint(cp);
		}
		return sb.toString();
	}

	// ---------------------------------------------------------------- helpers

	/** A ProtocolMessage with every field set, nested values included: the skeleton for wrong-type inputs. */
	static ProtocolMessage fullProtocolMessage() {
		ObjectNode extras = Json.NODES.objectNode();
		extras.putObject("headers").put("h", "v");
		extras.put("n", 1);
		ObjectNode summary = Json.NODES.objectNode();
		summary.putObject("reaction:distinct.v1").putObject("👍").put("total", 2);
		MessageVersion version = new MessageVersion("v-serial", 1_700_000_000_500L, "editor", "fix typo",
				Map.of("k", "v"));
		Message message = new Message("m-id", "client", "conn", "conn-key", "name", "data", "utf-8", extras,
				1_700_000_000_000L, MessageAction.MESSAGE_UPDATE, "m-serial", version,
				new MessageAnnotations(Map.of("reaction:distinct.v1", summary.get("reaction:distinct.v1"))));
		PresenceMessage presence = new PresenceMessage("p-id", PresenceAction.ENTER, "client", "conn", "pdata",
				"json", extras, 1_700_000_000_001L);
		Annotation annotation = new Annotation("a-id", AnnotationAction.ANNOTATION_CREATE, "client", "👍", 1, "adata",
				null, 1_700_000_000_002L, "a-serial", "m-serial", "reaction:distinct.v1", extras);
		ErrorInfo error = new ErrorInfo(40000, 400, "bad", "https://help.ably.io/error/40000", "req",
				ErrorInfo.of(50000, 500, "cause"), Map.of("k", "v"));
		ConnectionDetails details = new ConnectionDetails("client", "key", 65536L, 524288L, 50L, 120000L, "srv",
				15000L, 86400000L, "site");
		return ProtocolMessage.builder(ProtocolAction.MESSAGE).id("pm-id").auth(new AuthDetails("token"))
			.channel("ch").channelSerial("ch-serial").connectionId("conn").connectionKey("key")
			.connectionDetails(details).count(1).error(error).flags(1L << 17).msgSerial(0L)
			.messages(List.of(message)).presence(List.of(presence)).annotations(List.of(annotation))
			.state(List.of(Json.NODES.objectNode().put("objectId", "o1")))
			.timestamp(1_700_000_000_003L)
			.params(Map.of("rewind", "1"))
			.res(java.util.Arrays.asList(new PublishResult(java.util.Arrays.asList("s1", null))))
			.build();
	}

	/** The encoding re-written with sorted keys: Map.copyOf orders entries differently in every JVM. */
	private static byte[] canonical(WireCodec codec, byte[] bytes) {
		return codec.encode(sorted(codec.decode(bytes, WireTypes.JSON)), WireTypes.JSON);
	}

	private static JsonNode sorted(JsonNode node) {
		if (node.isObject()) {
			ObjectNode out = Json.NODES.objectNode();
			Map<String, JsonNode> fields = new TreeMap<>();
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				fields.put(field.getKey(), field.getValue());
			}
			fields.forEach((k, v) -> out.set(k, sorted(v)));
			return out;
		}
		if (node.isArray()) {
			ArrayNode out = Json.NODES.arrayNode();
			node.values().forEach(v -> out.add(sorted(v)));
			return out;
		}
		return node;
	}

	@FunctionalInterface
	interface PackerWork {

		void write(MessageBufferPacker packer) throws IOException;
	}

	private static byte[] msgpack(PackerWork work) {
		try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
			work.write(packer);
			return packer.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] nested(byte[] open, byte[] innermost, int depth) {
		byte[] out = new byte[open.length * depth + innermost.length];
		for (int i = 0; i < depth; i++) {
			System.arraycopy(open, 0, out, i * open.length, open.length);
		}
		System.arraycopy(innermost, 0, out, open.length * depth, innermost.length);
		return out;
	}

	private static byte[] hex(String hex) {
		return HexFormat.of().parseHex(hex);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] out = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, out, at, part.length);
			at += part.length;
		}
		return out;
	}
}
