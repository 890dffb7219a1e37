package io.github.ablyspring.protocol.payload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.crypto.ChannelCipher;
import io.github.ablyspring.protocol.crypto.Crypto;

import static org.assertj.core.api.Assertions.assertThat;

/** RSL4/RSL5/RSL6: what is encoded, sent in either transport shape and decoded with the same cipher comes back. */
class RoundTripTest {

	static Stream<Arguments> payloadsAndCiphers() {
		List<Object> payloads = List.of("", "plain text", "ünïcødé ✓ 😀", new byte[0],
				new byte[] { 0, -1, 127, -128 },
				Json.NODES.objectNode().put("a", 1).set("b", Json.NODES.arrayNode().add("c").add(2.5)),
				Json.NODES.arrayNode().add(Json.NODES.objectNode()).add("x"), Json.NODES.objectNode(),
				"x".repeat(10_000).getBytes(StandardCharsets.UTF_8));
		List<Arguments> cases = new ArrayList<>();
		for (Integer bits : new Integer[] { null, 128, 256 }) {
			for (Object payload : payloads) {
				cases.add(Arguments.of(bits == null ? "none" : "aes-" + bits, payload));
			}
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("payloadsAndCiphers")
	void RSL4_RSL5_RSL6_encodeThenDecodeRestoresThePayload(String cipherName, Object data) {
		ChannelCipher cipher = cipherName.equals("none") ? null : ChannelCipher
			.of(Crypto.getDefaultParams(Crypto.generateRandomKey(Integer.parseInt(cipherName.substring(4)))));
		Payload sent = PayloadEncoder.of(cipher).encode(new Payload(data, null));
		PayloadDecoder decoder = PayloadDecoder.of(cipher);

		assertThat(sent.data()).isInstanceOfAny(String.class, byte[].class);
		if (cipher != null) {
			assertThat(sent.data()).isInstanceOf(byte[].class);
			assertThat(sent.encoding()).endsWith(cipher.encoding());
		}
		// msgpack carries the result as is; JSON adds a base64 step for binary.
		for (Payload received : new Payload[] { sent, PayloadDecoderTest.jsonTransport(sent) }) {
			DecodeResult<Payload> result = decoder.decode(received);

			assertThat(result.error()).isNull();
			assertThat(result.value()).isEqualTo(new Payload(data, null));
		}
	}
}
