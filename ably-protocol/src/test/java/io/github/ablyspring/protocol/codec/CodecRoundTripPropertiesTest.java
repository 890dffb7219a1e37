package io.github.ablyspring.protocol.codec;

import static io.github.ablyspring.protocol.codec.ProtocolMessageGenerators.Payload.STRING;
import static io.github.ablyspring.protocol.codec.ProtocolMessageGenerators.Payload.STRING_OR_BINARY;
import static io.github.ablyspring.protocol.codec.ProtocolMessageGenerators.VersionShape.LEGACY;
import static io.github.ablyspring.protocol.codec.ProtocolMessageGenerators.VersionShape.OBJECT;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.ProtocolMessageGenerators.Gen;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Property-based round trips of {@link ProtocolMessage} through both wire formats and every protocol version:
 * random messages of every sendable action with random optional fields (see {@link ProtocolMessageGenerators}).
 * <ol>
 * <li>msgpack: decode(encode(x)) equals x exactly, binary payloads included (v4-v6).</li>
 * <li>JSON: decode(encode(x)) equals x for text payloads; binary payloads come back as base64 text with
 * {@code base64} appended to the encoding (RSL4d1), checked on the wire and after decoding.</li>
 * <li>Cross-format: what JSON decodes re-encodes as msgpack to the same value, and the other way round.</li>
 * <li>Legacy v2/v3 shapes ({@code version} serial + {@code operation} + {@code createdAt} + top-level
 * {@code summary}) round trip on both formats for every version object that shape can represent.</li>
 * </ol>
 * A failure names the first differing field (with JSON node types, which {@code toString} hides).
 * <p>
 * Each property runs a fixed number of tries; try {@code i} draws its input from a {@link SplittableRandom} seeded
 * from the base seed, the property and {@code i}, so runs are deterministic. A failure reports the base seed and the
 * try index: rerun with {@code -Dably.properties.seed=<seed>} (all tries) and add
 * {@code -Dably.properties.try=<index>} to run just the failing try. Each property prints one summary line with the
 * seed. The generators mix the boundary values (0, ±1, int/long limits, msgpack size-class boundaries, empty and
 * 64 KiB strings and binaries) into the random values; there is no shrinking.
 */
class CodecRoundTripPropertiesTest {

	private static final int TRIES = 1000;

	/** The base seed of every property: {@code -Dably.properties.seed=N} to explore other inputs or reproduce. */
	private static final long BASE_SEED = Long.getLong("ably.properties.seed", 0x20261126L);

	/** When set ({@code -Dably.properties.try=N}), each property runs only that try, to reproduce a failure. */
	private static final @Nullable Integer ONLY_TRY = Integer.getInteger("ably.properties.try");

	// ---------------------------------------------------------------- generators

	private static final Gen<ProtocolMessage> ANY_PAYLOADS = ProtocolMessageGenerators
		.protocolMessages(STRING_OR_BINARY, OBJECT);

	private static final Gen<ProtocolMessage> TEXT_PAYLOADS = ProtocolMessageGenerators.protocolMessages(STRING,
			OBJECT);

	private static final Gen<ProtocolMessage> LEGACY_REPRESENTABLE = ProtocolMessageGenerators
		.protocolMessages(STRING_OR_BINARY, LEGACY);

	private static final Gen<List<Message>> REST_MESSAGES = ProtocolMessageGenerators
		.messages(STRING_OR_BINARY, OBJECT)
		.list(5);

	private static final Gen<Integer> OBJECT_SHAPE_VERSIONS = ProtocolMessageGenerators.elements(4, 5, 6);

	private static final Gen<Integer> LEGACY_SHAPE_VERSIONS = ProtocolMessageGenerators.elements(2, 3);

	private static final Gen<Integer> ANY_VERSION = ProtocolMessageGenerators.intsBetween(ProtocolVersion.MIN,
			ProtocolVersion.MAX);

	private static final Gen<WireFormat> FORMATS = ProtocolMessageGenerators.elements(WireFormat.values());

	/** One try's input: a value with the protocol version (and, where the property varies it, the wire format). */
	private record Case<T>(T value, int version, @Nullable WireFormat format) {

		static <T> Gen<Case<T>> of(Gen<T> values, Gen<Integer> versions) {
			return random -> new Case<>(values.next(random), versions.next(random), null);
		}

		static <T> Gen<Case<T>> of(Gen<T> values, Gen<Integer> versions, Gen<WireFormat> formats) {
			return random -> {
				T value = values.next(random);
				WireFormat format = formats.next(random);
				return new Case<>(value, versions.next(random), format);
			};
		}

		@Override
		public String toString() {
			return (format == null ? "" : format + " ") + "v" + version + " " + value;
		}
	}

	// ---------------------------------------------------------------- 1. msgpack

	@Test
	void msgpackRoundTripIsExact() {
		Map<ProtocolAction, Integer> actions = new EnumMap<>(ProtocolAction.class);
		forAll("msgpack v4-v6 round trip", TRIES, "ProtocolMessages", Case.of(ANY_PAYLOADS, OBJECT_SHAPE_VERSIONS),
				c -> {
					ProtocolMessage pm = c.value();
					actions.merge(pm.action(), 1, Integer::sum);
					WireCodec codec = WireCodec.of(WireFormat.MSGPACK, c.version());
					assertSame(pm,
							codec.decode(codec.encode(pm, WireTypes.PROTOCOL_MESSAGE), WireTypes.PROTOCOL_MESSAGE));
				}, () -> {
					if (ONLY_TRY == null) {
						assertThat(actions.keySet()).as("actions generated in %d tries (base seed %d)", TRIES, BASE_SEED)
							.containsAll(ProtocolMessageGenerators.SENDABLE_ACTIONS);
					}
					return actions.size() + " of the " + ProtocolMessageGenerators.SENDABLE_ACTIONS.size()
							+ " sendable actions seen, each at least "
							+ actions.values().stream().mapToInt(n -> n).min().orElse(0) + " times";
				});
	}

	// ---------------------------------------------------------------- 2. JSON

	@Test
	void jsonRoundTripOfTextPayloadsIsExact() {
		forAll("JSON v4-v6 round trip of text payloads", TRIES, "ProtocolMessages",
				Case.of(TEXT_PAYLOADS, OBJECT_SHAPE_VERSIONS), c -> {
					WireCodec codec = WireCodec.of(WireFormat.JSON, c.version());
					assertSame(c.value(), codec.decode(codec.encode(c.value(), WireTypes.PROTOCOL_MESSAGE),
							WireTypes.PROTOCOL_MESSAGE));
				});
	}

	/** RSL4d1: on JSON binary data travels as base64 text and {@code base64} is appended to the encoding. */
	@Test
	void jsonCarriesBinaryPayloadsAsBase64() {
		int[] withBinary = { 0 };
		forAll("JSON v4-v6 binary payloads as base64 (RSL4d1)", TRIES, "ProtocolMessages",
				Case.of(ANY_PAYLOADS, OBJECT_SHAPE_VERSIONS), c -> {
					ProtocolMessage pm = c.value();
					if (ProtocolMessageGenerators.hasBinaryData(pm)) {
						withBinary[0]++;
					}
					WireCodec codec = WireCodec.of(WireFormat.JSON, c.version());
					byte[] bytes = codec.encode(pm, WireTypes.PROTOCOL_MESSAGE);

					JsonNode tree = Json.MAPPER.readTree(bytes);
					if (pm.messages() != null) {
						for (int i = 0; i < pm.messages().size(); i++) {
							Message m = pm.messages().get(i);
							assertPayloadOnWire(tree.get("messages").get(i), m.data(), m.encoding(),
									"messages[" + i + "]");
						}
					}
					if (pm.presence() != null) {
						for (int i = 0; i < pm.presence().size(); i++) {
							PresenceMessage p = pm.presence().get(i);
							assertPayloadOnWire(tree.get("presence").get(i), p.data(), p.encoding(),
									"presence[" + i + "]");
						}
					}
					if (pm.annotations() != null) {
						for (int i = 0; i < pm.annotations().size(); i++) {
							Annotation a = pm.annotations().get(i);
							assertPayloadOnWire(tree.get("annotations").get(i), a.data(), a.encoding(),
									"annotations[" + i + "]");
						}
					}

					assertSame(ProtocolMessageGenerators.afterJson(pm), codec.decode(bytes, WireTypes.PROTOCOL_MESSAGE));
				}, () -> {
					if (ONLY_TRY == null) {
						assertThat(withBinary[0]).as("tries with binary data (base seed %d)", BASE_SEED).isPositive();
					}
					return withBinary[0] + " with binary data";
				});
	}

	private static void assertPayloadOnWire(JsonNode wire, @Nullable Object data, @Nullable String encoding,
			String where) {
		String[] base64 = ProtocolMessageGenerators.base64(data, encoding);
		JsonNode wireData = wire.get("data");
		JsonNode wireEncoding = wire.get("encoding");
		if (data == null) {
			assertThat(wireData).as(where + ".data").isNull();
		}
		else {
			assertThat(wireData.isString()).as(where + ".data is a JSON string").isTrue();
			assertThat(wireData.stringValue()).as(where + ".data").isEqualTo(base64 != null ? base64[0] : data);
		}
		String expectedEncoding = base64 != null ? base64[1] : encoding;
		assertThat(wireEncoding == null ? null : wireEncoding.stringValue()).as(where + ".encoding")
			.isEqualTo(expectedEncoding);
	}

	// ---------------------------------------------------------------- 3. cross-format

	/** Whatever JSON decodes, msgpack carries unchanged (JSON yields no binary, so this holds for any payload). */
	@Test
	void jsonDecodedValueSurvivesMsgpack() {
		forAll("JSON-decoded value survives msgpack, v4-v6", TRIES, "ProtocolMessages",
				Case.of(ANY_PAYLOADS, OBJECT_SHAPE_VERSIONS), c -> {
					WireCodec json = WireCodec.of(WireFormat.JSON, c.version());
					WireCodec msgpack = WireCodec.of(WireFormat.MSGPACK, c.version());
					ProtocolMessage fromJson = json.decode(json.encode(c.value(), WireTypes.PROTOCOL_MESSAGE),
							WireTypes.PROTOCOL_MESSAGE);
					ProtocolMessage viaMsgpack = msgpack.decode(
							msgpack.encode(fromJson, WireTypes.PROTOCOL_MESSAGE), WireTypes.PROTOCOL_MESSAGE);
					assertSame(fromJson, viaMsgpack);
				});
	}

	/** For text payloads both formats decode the same value, and each format's result survives the other. */
	@Test
	void bothFormatsDecodeTextPayloadsAlike() {
		forAll("JSON and msgpack decode text payloads alike, v4-v6", TRIES, "ProtocolMessages",
				Case.of(TEXT_PAYLOADS, OBJECT_SHAPE_VERSIONS), c -> {
					WireCodec json = WireCodec.of(WireFormat.JSON, c.version());
					WireCodec msgpack = WireCodec.of(WireFormat.MSGPACK, c.version());
					ProtocolMessage fromJson = json.decode(json.encode(c.value(), WireTypes.PROTOCOL_MESSAGE),
							WireTypes.PROTOCOL_MESSAGE);
					ProtocolMessage fromMsgpack = msgpack.decode(
							msgpack.encode(c.value(), WireTypes.PROTOCOL_MESSAGE), WireTypes.PROTOCOL_MESSAGE);
					assertSame(fromJson, fromMsgpack);
					assertSame(fromMsgpack, json.decode(json.encode(fromMsgpack, WireTypes.PROTOCOL_MESSAGE),
							WireTypes.PROTOCOL_MESSAGE));
				});
	}

	// ---------------------------------------------------------------- 4. legacy shapes

	/**
	 * v2/v3: a message's {@code version} is its version serial, beside {@code operation}, {@code createdAt} (the
	 * original timestamp, the top-level {@code timestamp} becoming the version's) and a top-level {@code summary}.
	 * Readers of any version accept that shape.
	 */
	@Test
	void legacyShapesRoundTrip() {
		forAll("legacy v2/v3 shape round trip, JSON and msgpack", TRIES, "ProtocolMessages",
				Case.of(LEGACY_REPRESENTABLE, LEGACY_SHAPE_VERSIONS, FORMATS), c -> {
					ProtocolMessage pm = c.value();
					WireFormat format = Objects.requireNonNull(c.format());
					WireCodec codec = WireCodec.of(format, c.version());
					byte[] bytes = codec.encode(pm, WireTypes.PROTOCOL_MESSAGE);

					// The legacy shape really is on the wire (read back as a plain tree in either format).
					JsonNode tree = codec.decode(bytes, WireTypes.JSON);
					if (pm.messages() != null) {
						for (int i = 0; i < pm.messages().size(); i++) {
							Message m = pm.messages().get(i);
							JsonNode wire = tree.get("messages").get(i);
							assertThat(wire.has("annotations")).as("messages[%d] has no annotations object", i)
								.isFalse();
							if (m.version() != null) {
								assertThat(wire.get("version").isString()).as("messages[%d].version is a serial", i)
									.isTrue();
								assertThat(wire.has("operation")).as("messages[%d].operation", i)
									.isEqualTo(m.version().hasOperation());
								assertThat(wire.has("createdAt")).as("messages[%d].createdAt", i)
									.isEqualTo(m.version().timestamp() != null);
							}
							assertThat(wire.has("summary")).as("messages[%d].summary", i)
								.isEqualTo(m.annotations() != null);
						}
					}

					ProtocolMessage expected = format == WireFormat.JSON ? ProtocolMessageGenerators.afterJson(pm)
							: pm;
					assertSame(expected, codec.decode(bytes, WireTypes.PROTOCOL_MESSAGE));
					assertSame(expected, WireCodec.of(format, ProtocolVersion.CURRENT)
						.decode(bytes, WireTypes.PROTOCOL_MESSAGE));
				});
	}

	/** The object shape written at v4+ is read the same by a reader at any version. */
	@Test
	void readersOfAnyVersionAcceptTheObjectShape() {
		forAll("v" + ProtocolVersion.CURRENT + " object shape read at v" + ProtocolVersion.MIN + "-v"
				+ ProtocolVersion.MAX + ", JSON and msgpack", TRIES / 2, "ProtocolMessages",
				Case.of(ANY_PAYLOADS, ANY_VERSION, FORMATS), c -> {
					ProtocolMessage pm = c.value();
					WireFormat format = Objects.requireNonNull(c.format());
					byte[] bytes = WireCodec.of(format, ProtocolVersion.CURRENT)
						.encode(pm, WireTypes.PROTOCOL_MESSAGE);
					ProtocolMessage expected = format == WireFormat.JSON ? ProtocolMessageGenerators.afterJson(pm)
							: pm;
					assertSame(expected, WireCodec.of(format, c.version()).decode(bytes, WireTypes.PROTOCOL_MESSAGE));
				});
	}

	// ---------------------------------------------------------------- REST bodies

	@Test
	void restMessageListsRoundTrip() {
		forAll("REST message lists round trip, JSON and msgpack, v4-v6", TRIES / 2, "message lists",
				Case.of(REST_MESSAGES, OBJECT_SHAPE_VERSIONS, FORMATS), c -> {
					List<Message> messages = c.value();
					WireFormat format = Objects.requireNonNull(c.format());
					WireCodec codec = WireCodec.of(format, c.version());
					List<Message> decoded = codec.decode(codec.encode(messages, WireTypes.MESSAGES),
							WireTypes.MESSAGES);
					List<Message> expected = format == WireFormat.MSGPACK ? messages : ProtocolMessageGenerators
						.afterJson(ProtocolMessage.builder(ProtocolAction.MESSAGE).messages(messages).build())
						.messages();
					assertSame(expected, decoded);
				});
	}

	// ---------------------------------------------------------------- the property runner

	private static <T> void forAll(String property, int tries, String inputs, Gen<T> cases, Consumer<T> check) {
		forAll(property, tries, inputs, cases, check, () -> "");
	}

	/**
	 * Checks {@code check} against {@code tries} inputs drawn from {@code cases}, each try from its own seed, then
	 * runs {@code afterAll} (which may assert on what was seen and returns details for the summary line). A failing
	 * try is reported with the base seed, the try index and the input.
	 */
	private static <T> void forAll(String property, int tries, String inputs, Gen<T> cases, Consumer<T> check,
			Supplier<String> afterAll) {
		int first = ONLY_TRY != null ? ONLY_TRY : 0;
		int end = ONLY_TRY != null ? ONLY_TRY + 1 : tries;
		for (int i = first; i < end; i++) {
			long seed = trySeed(property, i);
			T input = null;
			try {
				input = cases.next(new SplittableRandom(seed));
				check.accept(input);
			}
			catch (AssertionError | RuntimeException | StackOverflowError ex) {
				throw new AssertionError(String.format(
						"property '%s' failed at try %d of %d (base seed %d; reproduce with -Dably.properties.seed=%d"
								+ " -Dably.properties.try=%d)%n  input: %s%n  failure: %s",
						property, i, tries, BASE_SEED, BASE_SEED, i, abbreviate(String.valueOf(input), 4000), ex), ex);
			}
		}
		String details = afterAll.get();
		System.out.println(property + ": " + (end - first) + " random " + inputs + ", seed " + BASE_SEED
				+ (ONLY_TRY != null ? " (try " + ONLY_TRY + " only)" : "")
				+ (details.isEmpty() ? "" : "; " + details));
	}

	/** Try {@code index}'s seed: a SplitMix64 mix of the base seed, the property and the index. */
	private static long trySeed(String property, int index) {
		long z = BASE_SEED + 0x9e37_79b9_7f4a_7c15L * (index + 1L) + 0x632b_e59b_d9b4_e019L * property.hashCode();
		z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
		return z ^ (z >>> 31);
	}

	private static String abbreviate(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max) + "...(" + text.length() + " chars)";
	}

	// ---------------------------------------------------------------- comparison with a useful failure message

	private static void assertSame(Object expected, Object actual) {
		assertThat(actual).as(() -> "round trip changed the value: " + firstDifference("", expected, actual))
			.isEqualTo(expected);
	}

	/** The path and values of the first difference between two protocol values, or null when none is found. */
	static @Nullable String firstDifference(String path, @Nullable Object expected, @Nullable Object actual) {
		if (expected == null || actual == null) {
			return expected == actual ? null : mismatch(path, expected, actual);
		}
		if (expected instanceof byte[] e && actual instanceof byte[] a) {
			return Arrays.equals(e, a) ? null : mismatch(path, expected, actual);
		}
		if (expected instanceof JsonNode e && actual instanceof JsonNode a) {
			return jsonDifference(path, e, a);
		}
		if (expected instanceof List<?> e && actual instanceof List<?> a) {
			if (e.size() != a.size()) {
				return path + ": expected " + e.size() + " elements but found " + a.size();
			}
			for (int i = 0; i < e.size(); i++) {
				String d = firstDifference(path + "[" + i + "]", e.get(i), a.get(i));
				if (d != null) {
					return d;
				}
			}
			return null;
		}
		if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
			if (!e.keySet().equals(a.keySet())) {
				return path + ": expected keys " + new TreeSet<>(stringKeys(e)) + " but found "
						+ new TreeSet<>(stringKeys(a));
			}
			for (Map.Entry<?, ?> entry : e.entrySet()) {
				String d = firstDifference(path + "." + entry.getKey(), entry.getValue(), a.get(entry.getKey()));
				if (d != null) {
					return d;
				}
			}
			return null;
		}
		if (expected.getClass() != actual.getClass()) {
			return mismatch(path, expected, actual);
		}
		if (expected instanceof Record) {
			for (RecordComponent component : expected.getClass().getRecordComponents()) {
				try {
					String d = firstDifference(path + "." + component.getName(),
							component.getAccessor().invoke(expected), component.getAccessor().invoke(actual));
					if (d != null) {
						return d;
					}
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return expected.equals(actual) ? null : path + ": unequal but no component differs";
		}
		return Objects.equals(expected, actual) ? null : mismatch(path, expected, actual);
	}

	private static @Nullable String jsonDifference(String path, JsonNode expected, JsonNode actual) {
		if (expected.getClass() != actual.getClass()) {
			return mismatch(path, expected, actual);
		}
		if (expected.isObject()) {
			Set<String> keys = new TreeSet<>(expected.propertyNames());
			if (!keys.equals(new TreeSet<>(actual.propertyNames()))) {
				return path + ": expected fields " + keys + " but found " + new TreeSet<>(actual.propertyNames());
			}
			for (String key : keys) {
				String d = jsonDifference(path + "." + key, expected.get(key), actual.get(key));
				if (d != null) {
					return d;
				}
			}
			return null;
		}
		if (expected.isArray()) {
			if (expected.size() != actual.size()) {
				return path + ": expected " + expected.size() + " elements but found " + actual.size();
			}
			Iterator<JsonNode> e = expected.values().iterator();
			Iterator<JsonNode> a = actual.values().iterator();
			for (int i = 0; e.hasNext(); i++) {
				String d = jsonDifference(path + "[" + i + "]", e.next(), a.next());
				if (d != null) {
					return d;
				}
			}
			return null;
		}
		return expected.equals(actual) ? null : mismatch(path, expected, actual);
	}

	private static Set<String> stringKeys(Map<?, ?> map) {
		Set<String> keys = new TreeSet<>();
		map.keySet().forEach(k -> keys.add(String.valueOf(k)));
		return keys;
	}

	private static String mismatch(String path, @Nullable Object expected, @Nullable Object actual) {
		return (path.isEmpty() ? "<root>" : path) + ": expected " + render(expected) + " but was " + render(actual);
	}

	private static String render(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof byte[] bytes) {
			return "byte[" + bytes.length + "] " + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 32));
		}
		String text = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
		if (text.length() > 120) {
			text = text.substring(0, 120) + "...(" + text.length() + " chars)";
		}
		return text + " (" + value.getClass().getSimpleName() + ")";
	}
}
