package io.github.ablyspring.protocol.payload;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.Vectors;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.protocol.crypto.ChannelCipher;
import io.github.ablyspring.protocol.crypto.CipherParamOptions;
import io.github.ablyspring.protocol.crypto.CipherParams;
import io.github.ablyspring.protocol.crypto.Crypto;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RSL5c: Ably's shared AES-128 fixtures. Each item holds a plain message ({@code encoded}), the same message
 * encrypted with the file's fixed IV in JSON transport shape ({@code encrypted}), and in msgpack ({@code msgpack}).
 */
class CryptoDataVectorsTest {

	private static final String FILE = "crypto-data-128.json";

	@Test
	void RSL5_crypto128Vectors_encryptWithFixedIv() {
		JsonNode vectors = Vectors.json(FILE);
		byte[] iv = Base64.getDecoder().decode(vectors.get("iv").asString());
		PayloadEncoder encoder = PayloadEncoder.of(ChannelCipher.of(params(vectors), iv::clone));
		WireCodec msgpack = WireCodec.of(WireFormat.MSGPACK);
		int count = 0;

		for (JsonNode item : vectors.get("items")) {
			Message plain = plain(item.get("encoded"));
			JsonNode encrypted = item.get("encrypted");

			Message sent = encoder.encode(plain);

			// JSON transport: the codec writes binary as base64 and appends "base64".
			assertThat(sent.data()).isInstanceOf(byte[].class);
			assertThat(Base64.getEncoder().encodeToString((byte[]) sent.data()))
				.isEqualTo(encrypted.get("data").asString());
			assertThat(sent.encoding() + "/base64").isEqualTo(encrypted.get("encoding").asString());
			assertThat(sent.name()).isEqualTo(encrypted.get("name").asString());

			// msgpack transport: binary as bin, no base64 step.
			Message wire = msgpack.decode(Base64.getDecoder().decode(item.get("msgpack").asString()),
					WireTypes.MESSAGE);
			assertThat((byte[]) wire.data()).isEqualTo((byte[]) sent.data());
			assertThat(wire.encoding()).isEqualTo(sent.encoding());
			count++;
		}
		assertThat(count).isEqualTo(4);
		System.out.println(FILE + ": " + count + " items encrypted with the fixed IV match on JSON and msgpack");
	}

	@Test
	void RSL5_crypto128Vectors_decrypt() {
		JsonNode vectors = Vectors.json(FILE);
		PayloadDecoder decoder = PayloadDecoder.of(ChannelCipher.of(params(vectors)));
		WireCodec json = WireCodec.of(WireFormat.JSON);
		WireCodec msgpack = WireCodec.of(WireFormat.MSGPACK);
		int count = 0;

		for (JsonNode item : vectors.get("items")) {
			Message expected = plain(item.get("encoded"));
			Message fromJson = json.decode(Json.MAPPER.writeValueAsBytes(item.get("encrypted")), WireTypes.MESSAGE);
			Message fromMsgpack = msgpack.decode(Base64.getDecoder().decode(item.get("msgpack").asString()),
					WireTypes.MESSAGE);

			for (Message received : new Message[] { fromJson, fromMsgpack }) {
				DecodeResult<Message> result = decoder.decode(received);

				assertThat(result.error()).isNull();
				assertThat(result.value()).isEqualTo(expected);
				assertThat(result.value().encoding()).isNull();
			}
			count++;
		}
		assertThat(count).isEqualTo(4);
		System.out.println(FILE + ": " + count + " items decrypted back on JSON and msgpack");
	}

	@Test
	void RSL5_crypto128Vectors_keyAndAlgorithmDescribeTheParams() {
		JsonNode vectors = Vectors.json(FILE);

		CipherParams params = params(vectors);

		assertThat(params.keyLength()).isEqualTo(vectors.get("keylength").asInt());
		assertThat(ChannelCipher.of(params).encoding()).isEqualTo("cipher+aes-128-cbc");
	}

	private static CipherParams params(JsonNode vectors) {
		return Crypto.getDefaultParams(CipherParamOptions.of(vectors.get("key").asString())
			.withAlgorithm(vectors.get("algorithm").asString())
			.withMode(vectors.get("mode").asString())
			.withKeyLength(vectors.get("keylength").asInt()));
	}

	/** The fixture's plain message, decoded from its own JSON transport encoding ({@code base64} or {@code json}). */
	private static Message plain(JsonNode encoded) {
		JsonNode encoding = encoded.get("encoding");
		Message message = Message.builder()
			.name(encoded.get("name").asString())
			.data(encoded.get("data").asString())
			.encoding(encoding == null ? null : encoding.asString())
			.build();
		DecodeResult<Message> result = PayloadDecoder.plain().decode(message);
		assertThat(result.error()).isNull();
		return result.value();
	}
}
