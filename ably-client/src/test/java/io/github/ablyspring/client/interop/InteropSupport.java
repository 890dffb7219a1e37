package io.github.ablyspring.client.interop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.rest.HistoryParams;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.provider.Arguments;
import tools.jackson.databind.JsonNode;

/**
 * Shared pieces of the REST interop tests: the cases (format x AES key size), the payloads our client publishes, the
 * cipher keys (the same bytes on both sides) and our client against the embedded server.
 *
 * <p>Every case uses two channels: {@code <base>-plain} and {@code <base>-secure} (encrypted with the case's key), each
 * carrying a string, a JSON object and binary, named {@code string}, {@code json}, {@code binary} on the plain channel
 * and {@code secure-string}, ... on the encrypted one.
 */
final class InteropSupport {

	static final String OUR_STRING = "héllo from ably-spring rest ✓ \uD83D\uDE80";

	static final String OUR_JSON = "{\"from\":\"ably-spring\",\"n\":42,\"f\":1.5,\"list\":[1,\"two\",true,null],"
			+ "\"nested\":{\"ok\":true,\"empty\":{}},\"unicode\":\"✓\"}";

	static final byte[] OUR_BINARY = { 0, 1, 2, 127, (byte) 128, (byte) 200, (byte) 254, (byte) 255, 0 };

	static final List<String> NAMES = List.of("string", "json", "binary", "secure-string", "secure-json",
			"secure-binary");

	private InteropSupport() {
	}

	/** format x key bits: JSON and msgpack (our client's {@code useBinaryProtocol}), AES-128 and AES-256. */
	static Stream<Arguments> cases() {
		return Stream.of(Arguments.of("json", 128), Arguments.of("json", 256), Arguments.of("msgpack", 128),
				Arguments.of("msgpack", 256));
	}

	static boolean binary(String format) {
		return "msgpack".equals(format);
	}

	/** A fixed AES key of {@code bits}, handed to both clients. */
	static byte[] cipherKey(int bits) {
		byte[] key = new byte[bits / 8];
		new Random(31L * bits).nextBytes(key);
		return key;
	}

	static JsonNode ourJson() {
		return Json.MAPPER.readTree(OUR_JSON);
	}

	static AblyRest ourClient(EmbeddedAblyServer server, String format) {
		return new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).useBinaryProtocol(binary(format))
			.build());
	}

	/** Our client publishes the string, JSON object and binary payloads on the plain and the encrypted channel. */
	static void ourClientPublishes(AblyRest ours, String base, byte[] key) {
		for (String prefix : List.of("", "secure-")) {
			ChannelOptions options = prefix.isEmpty() ? ChannelOptions.defaults() : ChannelOptions.withCipherKey(key);
			String channel = base + (prefix.isEmpty() ? "-plain" : "-secure");
			ours.channels().get(channel, options).publish(prefix + "string", OUR_STRING);
			ours.channels().get(channel, options).publish(prefix + "json", ourJson());
			ours.channels().get(channel, options).publish(prefix + "binary", OUR_BINARY.clone());
		}
	}

	/** Our client reads the history of both channels, oldest first, keyed by message name. */
	static Map<String, Message> ourClientReads(AblyRest ours, String base, byte[] key) {
		Map<String, Message> byName = new LinkedHashMap<>();
		List<Message> all = new ArrayList<>();
		HistoryParams forwards = HistoryParams.builder().direction(HistoryParams.Direction.FORWARDS).build();
		all.addAll(ours.channels().get(base + "-plain", ChannelOptions.defaults()).history(forwards).items());
		all.addAll(ours.channels().get(base + "-secure", ChannelOptions.withCipherKey(key)).history(forwards).items());
		all.forEach((m) -> byName.put(m.name(), m));
		Assertions.assertEquals(NAMES.size(), all.size(), () -> "messages in our client's history: " + all);
		return byName;
	}
}
