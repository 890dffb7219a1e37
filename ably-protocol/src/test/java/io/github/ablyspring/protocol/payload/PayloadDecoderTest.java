package io.github.ablyspring.protocol.payload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.crypto.ChannelCipher;
import io.github.ablyspring.protocol.crypto.Crypto;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadDecoderTest {

	private static final byte[] IV = new byte[16];

	private static final ChannelCipher KEY_A = ChannelCipher.of(Crypto.getDefaultParams(key(16, 1)), IV::clone);

	private static final ChannelCipher KEY_B = ChannelCipher.of(Crypto.getDefaultParams(key(16, 2)), IV::clone);

	private static final ChannelCipher KEY_256 = ChannelCipher.of(Crypto.getDefaultParams(key(32, 3)), IV::clone);

	/** Concatenation stands in for VCDIFF: enough to check what the hook receives and what is done with its result. */
	private static final DeltaDecoder APPEND = (base, delta) -> {
		byte[] out = Arrays.copyOf(base, base.length + delta.length);
		System.arraycopy(delta, 0, out, base.length, delta.length);
		return out;
	};

	@Test
	void RSL6_unencodedDataIsReturnedWithNullEncoding() {
		assertThat(PayloadDecoder.plain().decode(new Payload("x", null)).value()).isEqualTo(new Payload("x", null));
		assertThat(PayloadDecoder.plain().decode(new Payload("x", "")).value()).isEqualTo(new Payload("x", null));
		assertThat(PayloadDecoder.plain().decode(new Payload(null, null)).isComplete()).isTrue();
	}

	@Test
	void RSL6_stepsAreUndoneRightToLeft() {
		String wire = Base64.getEncoder().encodeToString("{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8));

		DecodeResult<Payload> result = PayloadDecoder.plain().decode(new Payload(wire, "json/utf-8/base64"));

		assertThat(result.isComplete()).isTrue();
		assertThat(result.value().encoding()).isNull();
		assertThat(result.value().data()).isEqualTo(Json.MAPPER.readTree("{\"a\":[1,2]}"));
	}

	@Test
	void RSL6_stepNamesAreCaseInsensitive() {
		DecodeResult<Payload> result = PayloadDecoder.plain().decode(new Payload("aGk=", "UTF-8/Base64"));

		assertThat(result.value()).isEqualTo(new Payload("hi", null));
	}

	@Test
	void RSL6_base64IsDecodedLenientlyWithOrWithoutLinefeeds() {
		byte[] bytes = new byte[200];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 7);
		}
		String plain = Base64.getEncoder().encodeToString(bytes);
		String mime = Base64.getMimeEncoder().encodeToString(bytes);
		String unixWrapped = mime.replace("\r\n", "\n") + "\n";
		String unpadded = Base64.getEncoder().withoutPadding().encodeToString(new byte[] { 1, 2, 3, 4 });
		assertThat(mime).contains("\r\n");

		for (String text : new String[] { plain, mime, unixWrapped }) {
			assertThat((byte[]) PayloadDecoder.plain().decode(new Payload(text, "base64")).value().data())
				.isEqualTo(bytes);
		}
		assertThat((byte[]) PayloadDecoder.plain().decode(new Payload(unpadded, "base64")).value().data())
			.containsExactly(1, 2, 3, 4);
	}

	@Test
	void RSL6a_cipherStepsAreDecrypted() {
		Payload sent = PayloadEncoder.of(KEY_256).encode(new Payload(Json.NODES.objectNode().put("k", "v"), null));

		DecodeResult<Payload> result = PayloadDecoder.of(KEY_256).decode(jsonTransport(sent));

		assertThat(result.isComplete()).isTrue();
		assertThat(result.value()).isEqualTo(new Payload(Json.NODES.objectNode().put("k", "v"), null));
	}

	@Test
	void RSL6b_wrongKeyLeavesEncryptedBytesWithResidualEncoding() {
		Payload sent = jsonTransport(PayloadEncoder.of(KEY_A).encode(new Payload("secret", null)));
		assertThat(sent.encoding()).isEqualTo("utf-8/cipher+aes-128-cbc/base64");

		DecodeResult<Payload> result = PayloadDecoder.of(KEY_B).decode(sent);

		assertThat(result.isComplete()).isFalse();
		assertThat(result.value().encoding()).isEqualTo("utf-8/cipher+aes-128-cbc");
		assertThat(result.value().data()).isEqualTo(Base64.getDecoder().decode((String) sent.data()));
		assertThat(result.error().code()).isEqualTo(ErrorCodes.INVALID_DATA_OR_ENCODING);
		assertThat(result.error().statusCode()).isEqualTo(400);
	}

	@Test
	void RSL6b_missingCipherLeavesEncryptedBytesWithResidualEncoding() {
		Payload sent = jsonTransport(PayloadEncoder.of(KEY_A).encode(new Payload("secret", null)));

		DecodeResult<Payload> result = PayloadDecoder.plain().decode(sent);

		assertThat(result.value().encoding()).isEqualTo("utf-8/cipher+aes-128-cbc");
		assertThat(result.value().data()).isInstanceOf(byte[].class);
		assertThat(result.error().code()).isEqualTo(40013);
		assertThat(result.error().message()).contains("no cipher");
	}

	@Test
	void RSL6b_cipherOfAnotherKeyLengthIsNotTried() {
		Payload sent = PayloadEncoder.of(KEY_A).encode(new Payload(new byte[] { 1 }, null));

		DecodeResult<Payload> result = PayloadDecoder.of(KEY_256).decode(sent);

		assertThat(result.value()).isEqualTo(sent);
		assertThat(result.error().message()).contains("cipher+aes-128-cbc").contains("cipher+aes-256-cbc");
	}

	@Test
	void RSL6b_invalidBase64LeavesTheTextUntouched() {
		DecodeResult<Payload> result = PayloadDecoder.plain().decode(new Payload("not*base64!", "utf-8/base64"));

		assertThat(result.value()).isEqualTo(new Payload("not*base64!", "utf-8/base64"));
		assertThat(result.error().code()).isEqualTo(40013);
	}

	@Test
	void RSL6b_unknownEncodingStopsDecodingThere() {
		assertThat(PayloadDecoder.plain().decode(new Payload("abc", "foo")).value())
			.isEqualTo(new Payload("abc", "foo"));

		DecodeResult<Payload> result = PayloadDecoder.plain()
			.decode(new Payload("eyJhIjoxfQ==", "json/foo/utf-8/base64"));

		assertThat(result.value()).isEqualTo(new Payload("{\"a\":1}", "json/foo"));
		assertThat(result.error().code()).isEqualTo(40013);
		assertThat(result.error().message()).contains("foo");
	}

	@Test
	void RSL6b_invalidJsonLeavesTheText() {
		for (String text : new String[] { "{not json", "", "{} trailing" }) {
			DecodeResult<Payload> result = PayloadDecoder.plain().decode(new Payload(text, "json"));

			assertThat(result.value()).as(text).isEqualTo(new Payload(text, "json"));
			assertThat(result.error().code()).isEqualTo(40013);
		}
	}

	@Test
	void RSL6b_invalidUtf8LeavesTheBytes() {
		byte[] bytes = { (byte) 0xC3, (byte) 0x28 };

		DecodeResult<Payload> result = PayloadDecoder.plain().decode(new Payload(bytes, "utf-8"));

		assertThat(result.value()).isEqualTo(new Payload(bytes, "utf-8"));
		assertThat(result.error().code()).isEqualTo(40013);
	}

	@Test
	void RSL6_jsonScalarsFromOtherLibrariesAreKept() {
		DecodeResult<Payload> result = PayloadDecoder.plain().decode(new Payload("42", "json"));

		assertThat(result.value().data()).isEqualTo(Json.NODES.numberNode(42));
	}

	@Test
	void RTL19_deltaIsAppliedToTheBasePayloadOfThePreviousMessage() {
		PayloadDecoder decoder = PayloadDecoder.plain().withDeltaDecoder(APPEND);
		Message first = Message.builder().id("m1").data(b64("hello ")).encoding("utf-8/base64").build();
		Message delta = Message.builder()
			.id("m2")
			.data(b64("world"))
			.encoding("utf-8/vcdiff/base64")
			.extras(Json.MAPPER.readTree("{\"delta\":{\"from\":\"m1\",\"format\":\"vcdiff\"}}"))
			.build();

		DecodeResult<Message> r1 = decoder.decode(first, DeltaContext.none());
		DecodeResult<Message> r2 = decoder.decode(delta, r1.deltaContext());

		assertThat(r1.value().data()).isEqualTo("hello ");
		// RTL19a/b: the stored base is the data once transport base64 is undone.
		assertThat(r1.deltaContext()).isEqualTo(new DeltaContext("m1", "hello ".getBytes(StandardCharsets.UTF_8)));
		assertThat(r2.isComplete()).isTrue();
		assertThat(r2.value().data()).isEqualTo("hello world");
		// RTL19c: the new base is the direct result of applying the delta.
		assertThat(r2.deltaContext()).isEqualTo(new DeltaContext("m2", "hello world".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void PC3a_textBaseIsGivenToTheDeltaDecoderAsUtf8() {
		PayloadDecoder decoder = PayloadDecoder.plain().withDeltaDecoder(APPEND);

		Payload delta = new Payload("ü".getBytes(StandardCharsets.UTF_8), "utf-8/vcdiff");

		DecodeResult<Payload> result = decoder.decode(delta, new DeltaContext(null, "é"));

		assertThat(result.value()).isEqualTo(new Payload("éü", null));
	}

	@Test
	void RTL18_deltaWithoutDecoderFailsWith40018() {
		DecodeResult<Payload> result = PayloadDecoder.plain()
			.decode(new Payload(new byte[] { 1 }, "vcdiff"), new DeltaContext("m1", new byte[] { 0 }));

		assertThat(result.value().encoding()).isEqualTo("vcdiff");
		assertThat(result.error().code()).isEqualTo(ErrorCodes.DELTA_DECODING_FAILED);
		assertThat(result.error().cause().code()).isEqualTo(ErrorCodes.MISSING_PLUGIN);
	}

	@Test
	void RTL18_deltaWithoutBaseOrWithFailingDecoderFailsWith40018() {
		PayloadDecoder failing = PayloadDecoder.plain().withDeltaDecoder((base, delta) -> {
			throw new java.io.IOException("corrupt delta");
		});
		Payload delta = new Payload(b64("x"), "utf-8/vcdiff/base64");

		DecodeResult<Payload> noBase = PayloadDecoder.plain().withDeltaDecoder(APPEND).decode(delta);
		DecodeResult<Payload> broken = failing.decode(delta, new DeltaContext(null, "base"));

		assertThat(noBase.error().code()).isEqualTo(40018);
		assertThat(noBase.value()).isEqualTo(new Payload("x".getBytes(StandardCharsets.UTF_8), "utf-8/vcdiff"));
		assertThat(broken.error().code()).isEqualTo(40018);
		assertThat(broken.error().message()).contains("corrupt delta");
		assertThat(broken.value().encoding()).isEqualTo("utf-8/vcdiff");
	}

	@Test
	void RTL20_deltaFromAnotherMessageFailsWith40018() {
		Message delta = Message.builder()
			.id("m3")
			.data("x".getBytes(StandardCharsets.UTF_8))
			.encoding("utf-8/vcdiff")
			.extras(Json.MAPPER.readTree("{\"delta\":{\"from\":\"m2\"}}"))
			.build();

		DecodeResult<Message> result = PayloadDecoder.plain()
			.withDeltaDecoder(APPEND)
			.decode(delta, new DeltaContext("m1", "base"));

		assertThat(result.error().code()).isEqualTo(40018);
		assertThat(result.error().message()).contains("m2").contains("m1");
	}

	@Test
	void TM_TP_TAN_allPayloadCarryingTypesAreDecodedAlike() {
		PayloadDecoder decoder = PayloadDecoder.of(KEY_A);
		PayloadEncoder encoder = PayloadEncoder.of(KEY_A);
		JsonNode json = Json.NODES.arrayNode().add("a");
		PresenceMessage presence = PresenceMessage.of(PresenceAction.UPDATE, "client", json);
		Annotation annotation = new Annotation("a1", AnnotationAction.ANNOTATION_CREATE, "client", null, 1, json,
				null, 5L, null, "serial", "reaction:distinct.v1", null);

		assertThat(decoder.decode(encoder.encode(presence)).value()).isEqualTo(presence);
		assertThat(decoder.decode(encoder.encode(annotation)).value()).isEqualTo(annotation);
		assertThat(decoder.decode(encoder.encode(Message.of("n", json))).value()).isEqualTo(Message.of("n", json));
	}

	@Test
	void RSL6b_errorIsReportedNotThrown() {
		Message message = Message.builder().data(42).encoding("json").build();

		DecodeResult<Message> result = PayloadDecoder.plain().decode(message);

		assertThat(result.value().data()).isEqualTo(42);
		assertThat(result.error()).isInstanceOf(ErrorInfo.class);
	}

	static Payload jsonTransport(Payload sent) {
		return sent.data() instanceof byte[] bytes
				? new Payload(Base64.getEncoder().encodeToString(bytes), Encodings.append(sent.encoding(), "base64"))
				: sent;
	}

	private static String b64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] key(int size, int fill) {
		byte[] key = new byte[size];
		Arrays.fill(key, (byte) fill);
		return key;
	}
}
