package io.github.ablyspring.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.davidehrmann.vcdiff.VCDiffDecoderBuilder;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Delta delivery on the wire, over raw JSON frames: encoding, extras.delta and a payload that really is a VCDIFF. */
class DeltaWireFormatTest {

	private static final WireCodec CODEC = WireCodec.of(WireFormat.JSON, 5);

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void secondMessageArrivesAsVcdiffDeltaFromThePreviousId() throws Exception {
		RawClient subscriber = new RawClient();
		RawClient publisher = new RawClient();
		try {
			subscriber.send(ProtocolMessage.builder(ProtocolAction.ATTACH)
				.channel("wire-delta")
				.params(Map.of("delta", "vcdiff"))
				.build());
			JsonNode attached = subscriber.await(f -> "wire-delta".equals(f.path("channel").asString())
					&& f.path("action").asInt() == ProtocolAction.ATTACHED.code());
			assertThat(attached.path("params").path("delta").asString()).isEqualTo("vcdiff");

			String first = "{\"temperature\":21.5,\"humidity\":40,\"station\":\"north-field\"}";
			String second = "{\"temperature\":21.7,\"humidity\":40,\"station\":\"north-field\"}";
			byte[] third = second.getBytes(StandardCharsets.UTF_8);
			publisher.send(publish(0, Message.of("reading", first)));
			publisher.send(publish(1, Message.of("reading", second)));
			publisher.send(publish(2, Message.of("raw", third)));

			List<JsonNode> messages = subscriber.messages("wire-delta", 3);
			JsonNode m1 = messages.get(0);
			JsonNode m2 = messages.get(1);
			JsonNode m3 = messages.get(2);
			assertThat(m1.path("data").asString()).isEqualTo(first);
			assertThat(m1.path("encoding").isMissingNode() || m1.path("encoding").isNull()).isTrue();
			assertThat(m1.path("extras").path("delta").isMissingNode()).isTrue();

			assertThat(m2.path("encoding").asString()).isEqualTo("utf-8/vcdiff/base64");
			assertThat(m2.path("extras").path("delta").path("from").asString()).isEqualTo(m1.path("id").asString());
			assertThat(m2.path("extras").path("delta").path("format").asString()).isEqualTo("vcdiff");
			byte[] delta2 = Base64.getDecoder().decode(m2.path("data").asString());
			assertThat(new String(decode(first.getBytes(StandardCharsets.UTF_8), delta2), StandardCharsets.UTF_8))
				.isEqualTo(second);

			assertThat(m3.path("encoding").asString()).isEqualTo("vcdiff/base64");
			assertThat(m3.path("extras").path("delta").path("from").asString()).isEqualTo(m2.path("id").asString());
			byte[] delta3 = Base64.getDecoder().decode(m3.path("data").asString());
			assertThat(decode(second.getBytes(StandardCharsets.UTF_8), delta3)).isEqualTo(third);
		}
		finally {
			subscriber.close();
			publisher.close();
		}
	}

	@Test
	void subscriberWithoutDeltaParamGetsFullPayloads() throws Exception {
		RawClient subscriber = new RawClient();
		RawClient publisher = new RawClient();
		try {
			subscriber.send(ProtocolMessage.builder(ProtocolAction.ATTACH).channel("wire-plain").build());
			subscriber.await(f -> f.path("action").asInt() == ProtocolAction.ATTACHED.code());
			publisher.send(publish("wire-plain", 0, Message.of("a", "one two three")));
			publisher.send(publish("wire-plain", 1, Message.of("a", "one two four")));
			List<JsonNode> messages = subscriber.messages("wire-plain", 2);
			assertThat(messages.get(1).path("data").asString()).isEqualTo("one two four");
			assertThat(messages.get(1).path("extras").path("delta").isMissingNode()).isTrue();
		}
		finally {
			subscriber.close();
			publisher.close();
		}
	}

	private static ProtocolMessage publish(long msgSerial, Message message) {
		return publish("wire-delta", msgSerial, message);
	}

	private static ProtocolMessage publish(String channel, long msgSerial, Message message) {
		return ProtocolMessage.builder(ProtocolAction.MESSAGE)
			.channel(channel)
			.msgSerial(msgSerial)
			.messages(List.of(message))
			.build();
	}

	private static byte[] decode(byte[] base, byte[] delta) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		VCDiffDecoderBuilder.builder().buildSimple().decode(base, delta, out);
		return out.toByteArray();
	}

	/** A bare JSON WebSocket client recording every frame as a JSON tree. */
	private static final class RawClient implements WebSocket.Listener {

		private final List<JsonNode> frames = new CopyOnWriteArrayList<>();

		private final StringBuilder text = new StringBuilder();

		private final WebSocket socket;

		RawClient() {
			socket = HttpClient.newHttpClient()
				.newWebSocketBuilder()
				.buildAsync(URI.create("ws://" + server.host() + ":" + server.port()
						+ "/?v=5&format=json&key=app.key:secret"), this)
				.join();
			await(f -> f.path("action").asInt() == ProtocolAction.CONNECTED.code());
		}

		void send(ProtocolMessage message) {
			socket.sendText(new String(CODEC.encode(message, WireTypes.PROTOCOL_MESSAGE), StandardCharsets.UTF_8),
					true).join();
		}

		JsonNode await(Predicate<JsonNode> matches) {
			return Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> frames.stream().filter(matches).findFirst(), java.util.Optional::isPresent)
				.get();
		}

		/** The first {@code count} messages delivered on {@code channel}, across frames, in order. */
		List<JsonNode> messages(String channel, int count) {
			return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
				List<JsonNode> all = new java.util.ArrayList<>();
				for (JsonNode f : frames) {
					if (f.path("action").asInt() == ProtocolAction.MESSAGE.code()
							&& channel.equals(f.path("channel").asString())) {
						f.path("messages").forEach(all::add);
					}
				}
				return all;
			}, all -> all.size() >= count);
		}

		void close() {
			socket.abort();
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			text.append(data);
			if (last) {
				frames.add(Json.MAPPER.readTree(text.toString()));
				text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}
	}
}
