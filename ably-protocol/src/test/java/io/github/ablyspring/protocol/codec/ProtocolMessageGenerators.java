package io.github.ablyspring.protocol.codec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;
import io.github.ablyspring.protocol.AuthDetails;
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

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Deterministic random generators of every protocol value the codecs carry, for the round-trip properties and as
 * the seed corpus of the fuzz test. A {@link Gen} draws everything from the {@link RandomGenerator} it is given
 * (a seeded {@link java.util.SplittableRandom} or {@link java.util.Random}), so the same seed yields the same values
 * on every JVM.
 * <p>
 * Values are generated in the form a decoder produces, so that "decode(encode(x)) equals x" is a fair property:
 * text is valid Unicode (no lone surrogates), JSON integers are {@code IntNode} when they fit an int and
 * {@code LongNode} otherwise (what Jackson's parser yields), no {@code BigInteger}, {@code NaN} or binary nodes,
 * {@code null} only nested inside JSON containers (a null field is an absent field to Ably), actions are never
 * {@code UNKNOWN} (never sent) and encodings are never empty (empty reads as none).
 * <p>
 * There are no separate edge-case passes: the generators mix the boundary values (0, ±1, int/long limits, msgpack
 * size-class boundaries, empty and 64 KiB strings and binaries) into the random values.
 */
final class ProtocolMessageGenerators {

	/** A generator of random values of one type: everything it draws comes from the given random source. */
	@FunctionalInterface
	interface Gen<T> {

		T next(RandomGenerator random);

		default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
			return random -> mapper.apply(next(random));
		}

		/** Draws until a value passes (the predicates used here reject rarely). */
		default Gen<T> filter(Predicate<? super T> predicate) {
			return random -> {
				for (int attempt = 0; attempt < 10_000; attempt++) {
					T value = next(random);
					if (predicate.test(value)) {
						return value;
					}
				}
				throw new IllegalStateException("filter rejected 10 000 values in a row");
			};
		}

		/** {@code null} with the given probability, otherwise a value of this generator. */
		default Gen<@Nullable T> injectNull(double probability) {
			return random -> random.nextDouble() < probability ? null : next(random);
		}

		/** Lists (mutable, nulls allowed) of {@code minSize} to {@code maxSize} elements, sizes uniform. */
		default Gen<List<T>> list(int minSize, int maxSize) {
			return random -> {
				int size = random.nextInt(minSize, maxSize + 1);
				List<T> list = new ArrayList<>(size);
				for (int i = 0; i < size; i++) {
					list.add(next(random));
				}
				return list;
			};
		}

		default Gen<List<T>> list(int maxSize) {
			return list(0, maxSize);
		}
	}

	/** A generator with its relative weight, for {@link #frequencyOf}. */
	record Weighted<T>(int weight, Gen<? extends T> gen) {
	}

	/** Which payload types {@code data} may hold. */
	enum Payload {

		/** {@code String} only: survives JSON unchanged. */
		STRING,

		/** {@code String} or {@code byte[]}: {@code byte[]} becomes base64 text on JSON (RSL4d1). */
		STRING_OR_BINARY
	}

	/** Which {@link MessageVersion} values to generate. */
	enum VersionShape {

		/** Any version object: representable from protocol v4 on. */
		OBJECT,

		/**
		 * Versions the v2/v3 shape ({@code version} serial, {@code operation}, {@code createdAt}) can carry: a serial
		 * is always set, and when the version has a timestamp the message has one too.
		 */
		LEGACY
	}

	static final List<ProtocolAction> SENDABLE_ACTIONS = List
		.copyOf(EnumSet.complementOf(EnumSet.of(ProtocolAction.UNKNOWN)));

	private ProtocolMessageGenerators() {
	}

	// ---------------------------------------------------------------- combinators

	static <T> Gen<T> constant(T value) {
		return random -> value;
	}

	/** One of the values, uniformly. */
	@SafeVarargs
	static <T> Gen<T> elements(T... values) {
		// Element by element: passing the varargs array on would let it escape (lint: varargs).
		List<T> list = new ArrayList<>(values.length);
		for (T value : values) {
			list.add(value);
		}
		return elements(list);
	}

	static <T> Gen<T> elements(List<T> values) {
		List<T> copy = List.copyOf(values);
		return random -> copy.get(random.nextInt(copy.size()));
	}

	/** Any constant of the enum except {@code excluded}, uniformly. */
	static <E extends Enum<E>> Gen<E> enumsExcept(E excluded) {
		return elements(List.copyOf(EnumSet.complementOf(EnumSet.of(excluded))));
	}

	/** A value of one of the generators, chosen uniformly. */
	@SafeVarargs
	static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
		List<Gen<? extends T>> list = new ArrayList<>(gens.length);
		for (Gen<? extends T> gen : gens) {
			list.add(gen);
		}
		return random -> list.get(random.nextInt(list.size())).next(random);
	}

	static <T> Weighted<T> weighted(int weight, Gen<? extends T> gen) {
		return new Weighted<>(weight, gen);
	}

	/** A value of one of the generators, chosen with probability proportional to its weight. */
	@SafeVarargs
	static <T> Gen<T> frequencyOf(Weighted<T>... choices) {
		List<Weighted<T>> list = new ArrayList<>(choices.length);
		for (Weighted<T> choice : choices) {
			list.add(choice);
		}
		int total = list.stream().mapToInt(Weighted::weight).sum();
		return random -> {
			int pick = random.nextInt(total);
			for (Weighted<T> choice : list) {
				pick -= choice.weight();
				if (pick < 0) {
					return choice.gen().next(random);
				}
			}
			throw new IllegalStateException("unreachable");
		};
	}

	/** Integers in {@code [min, max]}, uniformly. */
	static Gen<Integer> intsBetween(int min, int max) {
		return random -> (int) random.nextLong(min, (long) max + 1);
	}

	/**
	 * Strings of 0 to {@code maxLength} chars (lengths uniform), each char drawn from one of the inclusive ranges
	 * (given as pairs of bounds; the range is chosen uniformly, then the char within it).
	 */
	static Gen<String> strings(int maxLength, char... rangeBounds) {
		char[] bounds = rangeBounds.clone();
		return random -> {
			int length = random.nextInt(maxLength + 1);
			char[] chars = new char[length];
			for (int i = 0; i < length; i++) {
				int range = random.nextInt(bounds.length / 2);
				chars[i] = (char) random.nextInt(bounds[2 * range], bounds[2 * range + 1] + 1);
			}
			return new String(chars);
		};
	}

	/** Maps (insertion-ordered) of up to {@code maxSize} distinct keys, sizes uniform. */
	static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int maxSize) {
		return random -> {
			int size = random.nextInt(maxSize + 1);
			Map<K, V> map = new LinkedHashMap<>();
			// Colliding keys are drawn again (a few times: the key space may be nearly exhausted, e.g. short keys).
			for (int attempt = 0; map.size() < size && attempt < 20 * size; attempt++) {
				K key = keys.next(random);
				if (!map.containsKey(key)) {
					map.put(key, values.next(random));
				}
			}
			return map;
		};
	}

	// ---------------------------------------------------------------- scalars

	/**
	 * Valid Unicode text: mostly short, with control characters and astral code points, sometimes long enough for
	 * the msgpack str16 header and rarely for str32 (64 KiB and more).
	 */
	static Gen<String> text() {
		// Long values repeat a random unit: drawing 64 K random chars one by one would dominate the run time.
		Gen<String> medium = repeated(200, 1000);
		Gen<String> huge = repeated(65_536, 66_000);
		return frequencyOf(weighted(200, identifiers()), weighted(200, unicodeText()), weighted(10, medium),
				weighted(1, huge));
	}

	/** Short text, for map keys and field names (Jackson rejects JSON names over 50 000 chars). */
	static Gen<String> keys() {
		return oneOf(identifiers(), unicodeText());
	}

	private static Gen<String> repeated(int minLength, int maxLength) {
		Gen<String> units = unicodeText().filter(t -> !t.isEmpty());
		return random -> {
			String unit = units.next(random);
			int length = random.nextInt(minLength, maxLength + 1);
			StringBuilder sb = new StringBuilder(length + unit.length());
			while (sb.length() < length) {
				sb.append(unit);
			}
			return sb.toString();
		};
	}

	private static Gen<byte[]> repeatedBytes(int minLength, int maxLength) {
		Gen<byte[]> units = byteArrays(1, 16);
		return random -> {
			byte[] unit = units.next(random);
			int length = random.nextInt(minLength, maxLength + 1);
			byte[] bytes = new byte[length];
			for (int i = 0; i < length; i++) {
				bytes[i] = unit[i % unit.length];
			}
			return bytes;
		};
	}

	/** Random bytes, {@code minLength} to {@code maxLength} of them (lengths uniform). */
	private static Gen<byte[]> byteArrays(int minLength, int maxLength) {
		return random -> {
			byte[] bytes = new byte[random.nextInt(minLength, maxLength + 1)];
			random.nextBytes(bytes);
			return bytes;
		};
	}

	private static Gen<String> identifiers() {
		// Letters, digits and punctuation, each class as likely; 0 to 16 chars.
		String[] classes = { "abcdefghijklmnopqrstuvwxyz", "0123456789", ":-_.!" };
		return random -> {
			int length = random.nextInt(17);
			StringBuilder sb = new StringBuilder(length);
			for (int i = 0; i < length; i++) {
				String chars = classes[random.nextInt(classes.length)];
				sb.append(chars.charAt(random.nextInt(chars.length())));
			}
			return sb.toString();
		};
	}

	/**
	 * Any Unicode text without lone surrogates: BMP characters (controls included), with the private-use block
	 * U+E000..U+E0FF standing for code points spread over the astral planes (written as surrogate pairs).
	 */
	private static Gen<String> unicodeText() {
		Gen<String> printable = strings(24, ' ', '~');
		Gen<String> any = strings(24, '\u0000', '\u001f', ' ', '~', '\u0080', '\u07ff', '\u0800', '\ud7ff', '\ue000',
				'\uffff')
			.map(ProtocolMessageGenerators::withAstralCodePoints);
		Gen<String> astral = strings(12, '\ue000', '\ue0ff', 'a', 'z')
			.map(ProtocolMessageGenerators::withAstralCodePoints);
		return frequencyOf(weighted(2, printable), weighted(2, any), weighted(1, astral));
	}

	private static String withAstralCodePoints(String text) {
		StringBuilder sb = new StringBuilder(text.length() + 8);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '\ue000' && c <= '\ue0ff') {
				sb.appendCodePoint(0x10000 + (c - 0xe000) * 4112);
			}
			else {
				sb.append(c);
			}
		}
		return sb.toString();
	}

	static Gen<String> nonEmptyText() {
		return text().filter(s -> !s.isEmpty());
	}

	/**
	 * Any long, with the interesting ones (0, ±1, min, max, int, 32-bit and msgpack size-class boundaries), small
	 * values and realistic timestamps.
	 */
	static Gen<Long> longs() {
		return frequencyOf(weighted(4, RandomGenerator::nextLong), weighted(1, random -> random.nextLong(-300, 301)),
				weighted(2, random -> random.nextLong(0, 4_102_444_800_001L)),
				weighted(2, elements(0L, 1L, -1L, 127L, 128L, 255L, 256L, 65_535L, 65_536L, 0xffff_ffffL,
						0x1_0000_0000L, -32L, -33L, -128L, -129L, -32_768L, -32_769L, (long) Integer.MAX_VALUE,
						(long) Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, Long.MAX_VALUE,
						Long.MIN_VALUE)));
	}

	static Gen<Integer> ints() {
		return frequencyOf(weighted(3, RandomGenerator::nextInt), weighted(3, intsBetween(0, 100_000)),
				weighted(1, elements(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE)));
	}

	/**
	 * Finite doubles (never NaN or infinite): decimals with two fraction digits, arbitrary bit patterns (subnormals
	 * and extremes included) and a few fixed values.
	 */
	static Gen<Double> doubles() {
		Gen<Double> decimals = random -> BigDecimal.valueOf(random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L), 2)
			.doubleValue();
		Gen<Double> anyBits = random -> {
			double d;
			do {
				d = Double.longBitsToDouble(random.nextLong());
			}
			while (!Double.isFinite(d));
			return d;
		};
		return frequencyOf(weighted(2, decimals), weighted(1, anyBits), weighted(1, elements(0.0, 1.0, -1.0, 0.5,
				1e-7, 1e21, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE)));
	}

	static Gen<Map<String, String>> stringMaps() {
		return maps(keys(), text(), 4);
	}

	static Gen<String> encodings() {
		return oneOf(elements("utf-8", "json", "base64", "json/utf-8/base64", "cipher+aes-128-cbc/base64", "vcdiff",
				"utf-8/cipher+aes-256-cbc"), nonEmptyText());
	}

	static Gen<byte[]> bytes() {
		// Up to bin8 (empty included), bin16 and (rarely) bin32 sizes.
		return frequencyOf(weighted(40, byteArrays(0, 64)), weighted(4, repeatedBytes(200, 1000)),
				weighted(1, repeatedBytes(65_536, 66_000)));
	}

	static Gen<Object> data(Payload payload) {
		if (payload == Payload.STRING) {
			return text().map(Object.class::cast);
		}
		return oneOf(text(), bytes());
	}

	// ---------------------------------------------------------------- JSON trees

	/** An integer node as Jackson's parser would build it: int-sized values are IntNode, others LongNode. */
	static JsonNode canonicalInteger(long value) {
		return value == (int) value ? Json.NODES.numberNode((int) value) : Json.NODES.numberNode(value);
	}

	static Gen<JsonNode> jsonScalars() {
		return oneOf(text().map(Json.NODES::stringNode), longs().map(ProtocolMessageGenerators::canonicalInteger),
				doubles().map(d -> (JsonNode) Json.NODES.numberNode(d)),
				elements(true, false).map(b -> (JsonNode) Json.NODES.booleanNode(b)), constant(Json.NODES.nullNode()));
	}

	/** Any JSON value nested up to three deep (nulls only as scalars inside containers or at the top). */
	static Gen<JsonNode> jsonValues() {
		return jsonValues(3);
	}

	private static Gen<JsonNode> jsonValues(int depth) {
		if (depth == 0) {
			return jsonScalars();
		}
		Gen<JsonNode> inner = jsonValues(depth - 1);
		return frequencyOf(weighted(6, jsonScalars()), weighted(1, arraysOf(inner)), weighted(1, objectsOf(inner)));
	}

	static Gen<ObjectNode> jsonObjects() {
		// Mostly shallow (generating trees is the expensive part of these properties), sometimes four deep.
		return frequencyOf(weighted(4, objectsOf(jsonValues(1))), weighted(1, objectsOf(jsonValues(3))));
	}

	private static Gen<ObjectNode> objectsOf(Gen<JsonNode> values) {
		return maps(keys(), values, 4).map(map -> {
			ObjectNode object = Json.NODES.objectNode();
			map.forEach(object::set);
			return object;
		});
	}

	private static Gen<JsonNode> arraysOf(Gen<JsonNode> values) {
		return values.list(4).map(list -> {
			ArrayNode array = Json.NODES.arrayNode();
			list.forEach(array::add);
			return array;
		});
	}

	// ---------------------------------------------------------------- protocol values

	static Gen<ErrorInfo> errorInfos() {
		// Causes nest up to three deep.
		Gen<ErrorInfo> errors = errorInfos(constant(null));
		for (int depth = 1; depth <= 3; depth++) {
			errors = errorInfos(errors.injectNull(0.5));
		}
		return errors;
	}

	private static Gen<ErrorInfo> errorInfos(Gen<@Nullable ErrorInfo> causes) {
		Gen<Integer> ints = ints();
		Gen<@Nullable String> message = text().injectNull(0.2);
		Gen<@Nullable String> href = text().injectNull(0.7);
		Gen<@Nullable String> requestId = text().injectNull(0.7);
		Gen<@Nullable Map<String, String>> detail = stringMaps().injectNull(0.5);
		return random -> new ErrorInfo(ints.next(random), ints.next(random), message.next(random), href.next(random),
				requestId.next(random), causes.next(random), detail.next(random));
	}

	static Gen<ConnectionDetails> connectionDetails() {
		Gen<@Nullable String> text = optionalText();
		Gen<@Nullable Long> number = optionalLong();
		return random -> new ConnectionDetails(text.next(random), text.next(random), number.next(random),
				number.next(random), number.next(random), number.next(random), text.next(random), number.next(random),
				number.next(random), text.next(random));
	}

	static Gen<MessageVersion> messageVersions() {
		Gen<@Nullable String> text = optionalText();
		Gen<@Nullable Long> number = optionalLong();
		Gen<@Nullable Map<String, String>> metadata = stringMaps().injectNull(0.6);
		return random -> new MessageVersion(text.next(random), number.next(random), text.next(random),
				text.next(random), metadata.next(random));
	}

	static Gen<MessageAnnotations> messageAnnotations() {
		// Summaries are objects per annotation type (TM8a); a null summary entry would read as absent.
		Gen<JsonNode> summaries = frequencyOf(weighted(3, jsonObjects()),
				weighted(1, jsonScalars().filter(n -> !n.isNull())));
		return maps(keys(), summaries, 3).map(MessageAnnotations::new);
	}

	static Gen<Message> messages(Payload payload, VersionShape shape) {
		Gen<@Nullable String> text = optionalText();
		Gen<@Nullable Object> data = data(payload).injectNull(0.2);
		Gen<@Nullable String> encoding = encodings().injectNull(0.5);
		Gen<@Nullable ObjectNode> extras = jsonObjects().injectNull(0.6);
		Gen<@Nullable Long> timestamp = optionalLong();
		Gen<@Nullable MessageAction> action = enumsExcept(MessageAction.UNKNOWN).injectNull(0.3);
		Gen<@Nullable MessageVersion> version = messageVersions().injectNull(0.4);
		Gen<@Nullable MessageAnnotations> annotations = messageAnnotations().injectNull(0.6);
		Gen<Message> messages = random -> new Message(text.next(random), text.next(random), text.next(random),
				text.next(random), text.next(random), data.next(random), encoding.next(random), extras.next(random),
				timestamp.next(random), action.next(random), text.next(random), version.next(random),
				annotations.next(random));
		if (shape == VersionShape.OBJECT) {
			return messages;
		}
		Gen<String> serials = nonEmptyText();
		Gen<Long> timestamps = longs();
		return random -> toLegacyShape(messages.next(random), serials.next(random), timestamps.next(random));
	}

	/** Makes the version representable in the v2/v3 shape, with the given serial / timestamp where missing. */
	static Message toLegacyShape(Message m, String serial, long timestamp) {
		MessageVersion v = m.version();
		if (v == null) {
			return m;
		}
		Message.Builder b = m.toBuilder();
		if (v.serial() == null) {
			b.version(new MessageVersion(serial, v.timestamp(), v.clientId(), v.description(), v.metadata()));
		}
		if (v.timestamp() != null && m.timestamp() == null) {
			b.timestamp(timestamp);
		}
		return b.build();
	}

	static Gen<PresenceMessage> presenceMessages(Payload payload) {
		Gen<@Nullable String> text = optionalText();
		Gen<@Nullable PresenceAction> action = enumsExcept(PresenceAction.UNKNOWN).injectNull(0.2);
		Gen<@Nullable Object> data = data(payload).injectNull(0.2);
		Gen<@Nullable String> encoding = encodings().injectNull(0.5);
		Gen<@Nullable ObjectNode> extras = jsonObjects().injectNull(0.6);
		Gen<@Nullable Long> timestamp = optionalLong();
		return random -> new PresenceMessage(text.next(random), action.next(random), text.next(random),
				text.next(random), data.next(random), encoding.next(random), extras.next(random),
				timestamp.next(random));
	}

	static Gen<Annotation> annotations(Payload payload) {
		Gen<@Nullable String> text = optionalText();
		Gen<@Nullable AnnotationAction> action = enumsExcept(AnnotationAction.UNKNOWN).injectNull(0.2);
		Gen<@Nullable Integer> count = ints().injectNull(0.5);
		Gen<@Nullable Object> data = data(payload).injectNull(0.3);
		Gen<@Nullable String> encoding = encodings().injectNull(0.5);
		Gen<@Nullable Long> timestamp = optionalLong();
		Gen<@Nullable ObjectNode> extras = jsonObjects().injectNull(0.6);
		return random -> new Annotation(text.next(random), action.next(random), text.next(random), text.next(random),
				count.next(random), data.next(random), encoding.next(random), timestamp.next(random),
				text.next(random), text.next(random), text.next(random), extras.next(random));
	}

	static Gen<PublishResult> publishResults() {
		// Conflated messages have a null serial (PBR2a).
		return text().injectNull(0.3).list(5).map(PublishResult::new);
	}

	static Gen<ProtocolAction> actions() {
		return elements(SENDABLE_ACTIONS);
	}

	/** ProtocolMessages of every sendable action with any combination of optional fields. */
	static Gen<ProtocolMessage> protocolMessages(Payload payload, VersionShape shape) {
		Gen<ProtocolAction> action = actions();
		Gen<@Nullable String> text = optionalText();
		Gen<@Nullable AuthDetails> auth = text().map(AuthDetails::new).injectNull(0.8);
		Gen<@Nullable ConnectionDetails> connectionDetails = connectionDetails().injectNull(0.7);
		Gen<@Nullable Integer> count = ints().injectNull(0.6);
		Gen<@Nullable ErrorInfo> error = errorInfos().injectNull(0.6);
		Gen<@Nullable Long> flags = longs().injectNull(0.5);
		// msgSerial 0 is a value, not an absence (TR4j).
		Gen<@Nullable Long> msgSerial = ProtocolMessageGenerators.<Long>oneOf(constant(0L), longs()).injectNull(0.4);
		Gen<@Nullable List<Message>> messages = messages(payload, shape).list(3).injectNull(0.4);
		Gen<@Nullable List<PresenceMessage>> presence = presenceMessages(payload).list(3).injectNull(0.6);
		Gen<@Nullable List<Annotation>> annotations = annotations(payload).list(3).injectNull(0.7);
		Gen<@Nullable List<JsonNode>> state = jsonObjects().map(JsonNode.class::cast).list(3).injectNull(0.7);
		Gen<@Nullable Long> timestamp = optionalLong();
		Gen<@Nullable Map<String, String>> params = stringMaps().injectNull(0.7);
		Gen<@Nullable List<PublishResult>> res = publishResults().list(3).injectNull(0.7);
		return random -> new ProtocolMessage(action.next(random), text.next(random), auth.next(random),
				text.next(random), text.next(random), text.next(random), text.next(random),
				connectionDetails.next(random), count.next(random), error.next(random), flags.next(random),
				msgSerial.next(random), messages.next(random), presence.next(random), annotations.next(random),
				state.next(random), timestamp.next(random), params.next(random), res.next(random));
	}

	// ---------------------------------------------------------------- expectations

	/**
	 * What a JSON round trip yields: binary payloads come back as their base64 text with {@code base64} appended to
	 * the encoding (RSL4d1); everything else is unchanged.
	 */
	static ProtocolMessage afterJson(ProtocolMessage pm) {
		ProtocolMessage.Builder b = pm.toBuilder();
		if (pm.messages() != null) {
			b.messages(pm.messages().stream().map(m -> {
				String[] enc = base64(m.data(), m.encoding());
				return enc == null ? m : m.withData(enc[0], enc[1]);
			}).toList());
		}
		if (pm.presence() != null) {
			b.presence(pm.presence().stream().map(p -> {
				String[] enc = base64(p.data(), p.encoding());
				return enc == null ? p : p.withData(enc[0], enc[1]);
			}).toList());
		}
		if (pm.annotations() != null) {
			b.annotations(pm.annotations().stream().map(a -> {
				String[] enc = base64(a.data(), a.encoding());
				return enc == null ? a : a.withData(enc[0], enc[1]);
			}).toList());
		}
		return b.build();
	}

	/** {data, encoding} as JSON carries binary data, or null when the data is not binary. */
	static String @Nullable [] base64(@Nullable Object data, @Nullable String encoding) {
		if (!(data instanceof byte[] bytes)) {
			return null;
		}
		return new String[] { Base64.getEncoder().encodeToString(bytes),
				encoding == null ? "base64" : encoding + "/base64" };
	}

	static boolean hasBinaryData(ProtocolMessage pm) {
		return pm.messages() != null && pm.messages().stream().anyMatch(m -> m.data() instanceof byte[])
				|| pm.presence() != null && pm.presence().stream().anyMatch(p -> p.data() instanceof byte[])
				|| pm.annotations() != null && pm.annotations().stream().anyMatch(a -> a.data() instanceof byte[]);
	}

	// ---------------------------------------------------------------- helpers

	private static Gen<@Nullable String> optionalText() {
		return text().injectNull(0.5);
	}

	private static Gen<@Nullable Long> optionalLong() {
		return longs().injectNull(0.5);
	}
}
