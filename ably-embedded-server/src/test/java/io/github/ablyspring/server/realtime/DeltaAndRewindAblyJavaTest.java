package io.github.ablyspring.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.gson.JsonObject;

import io.ably.lib.debug.DebugOptions;
import io.ably.lib.realtime.AblyRealtime;
import io.ably.lib.realtime.Channel;
import io.ably.lib.realtime.ChannelState;
import io.ably.lib.realtime.ConnectionState;
import io.ably.lib.rest.AblyRest;
import io.ably.lib.types.ChannelOptions;
import io.ably.lib.types.Message;
import io.ably.lib.types.ProtocolMessage;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official ably-java SDK against delta delivery ({@code delta=vcdiff}) and {@code rewind} (RTL4k, RTL18-RTL20). */
class DeltaAndRewindAblyJavaTest {

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	/** Options for the SDK; {@code encodings} collects the encoding of each received message before decoding. */
	private static DebugOptions options(boolean binary, List<String> encodings) throws Exception {
		DebugOptions options = new DebugOptions(server.key());
		options.tls = false;
		options.port = server.port();
		options.realtimeHost = server.host();
		options.restHost = server.host();
		options.useBinaryProtocol = binary;
		options.protocolListener = new DebugOptions.RawProtocolListener() {
			@Override
			public void onRawConnectRequested(String url) {
			}

			@Override
			public void onRawConnect(String url) {
			}

			@Override
			public void onRawMessageSend(ProtocolMessage message) {
			}

			@Override
			public void onRawMessageRecv(ProtocolMessage message) {
				if (message.messages != null) {
					for (Message m : message.messages) {
						encodings.add(String.valueOf(m.encoding));
					}
				}
			}
		};
		return options;
	}

	private static ChannelOptions params(String key, String value) {
		ChannelOptions options = new ChannelOptions();
		options.params = new HashMap<>(Map.of(key, value));
		return options;
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { false, true })
	void deltaSubscriberReceivesExactPayloadsInOrder(boolean binary) throws Exception {
		List<String> encodings = new CopyOnWriteArrayList<>();
		AblyRealtime publisher = new AblyRealtime(options(binary, new ArrayList<>()));
		AblyRealtime subscriber = new AblyRealtime(options(binary, encodings));
		AblyRealtime plain = new AblyRealtime(options(binary, new ArrayList<>()));
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> publisher.connection.state == ConnectionState.connected
					&& subscriber.connection.state == ConnectionState.connected
					&& plain.connection.state == ConnectionState.connected);
			String name = "delta-" + binary;
			Channel in = subscriber.channels.get(name, params("delta", "vcdiff"));
			List<Message> received = new CopyOnWriteArrayList<>();
			in.subscribe(received::add);
			Channel plainIn = plain.channels.get(name);
			List<Message> plainReceived = new CopyOnWriteArrayList<>();
			plainIn.subscribe(plainReceived::add);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> in.state == ChannelState.attached && plainIn.state == ChannelState.attached);

			String base = "{\"player\":\"alice\",\"score\":%d,\"level\":\"forest\",\"items\":[\"sword\",\"shield\"]}";
			List<Object> payloads = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				payloads.add(String.format(base, i * 10));
			}
			payloads.add("grüße " + String.format(base, 99));
			byte[] bytes = String.format(base, 1).getBytes(StandardCharsets.UTF_8);
			payloads.add(bytes);
			byte[] changed = bytes.clone();
			changed[5] = 0;
			changed[6] = (byte) 0xff;
			payloads.add(changed);
			payloads.add(String.format(base, 1000));
			JsonObject json = new JsonObject();
			json.addProperty("score", 1);
			payloads.add(json);
			JsonObject json2 = new JsonObject();
			json2.addProperty("score", 2);
			payloads.add(json2);
			payloads.add("");
			payloads.add(String.format(base, 7));

			Channel out = publisher.channels.get(name);
			for (int i = 0; i < payloads.size(); i++) {
				out.publish("m" + i, payloads.get(i));
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> received.size() == payloads.size() && plainReceived.size() == payloads.size());
			for (int i = 0; i < payloads.size(); i++) {
				assertThat(received.get(i).name).isEqualTo("m" + i);
				assertThat(received.get(i).data).as("message %d", i).isEqualTo(payloads.get(i));
				assertThat(plainReceived.get(i).data).as("plain message %d", i).isEqualTo(payloads.get(i));
			}
			assertThat(in.state).isEqualTo(ChannelState.attached);
			// The first went in full, the next really as deltas.
			assertThat(encodings).hasSize(payloads.size());
			assertThat(encodings.get(0)).doesNotContain("vcdiff");
			assertThat(encodings.get(1)).startsWith("utf-8/vcdiff");
			assertThat(encodings.get(6)).startsWith("vcdiff");
			assertThat(encodings.get(9)).startsWith("json/utf-8/vcdiff");
			assertThat(encodings.stream().filter(e -> e.contains("vcdiff")).count()).isGreaterThanOrEqualTo(8);
		}
		finally {
			publisher.close();
			subscriber.close();
			plain.close();
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { false, true })
	void rewindDeliversTheLastMessagesOldestFirst(boolean binary) throws Exception {
		String name = "rewind-" + binary;
		AblyRest rest = new AblyRest(options(binary, new ArrayList<>()));
		for (int i = 1; i <= 5; i++) {
			rest.channels.get(name).publish("m" + i, "payload " + i);
		}
		AblyRealtime subscriber = new AblyRealtime(options(binary, new ArrayList<>()));
		AblyRealtime byTime = new AblyRealtime(options(binary, new ArrayList<>()));
		try {
			Channel in = subscriber.channels.get(name, params("rewind", "2"));
			List<Message> received = new CopyOnWriteArrayList<>();
			in.subscribe(received::add);
			Channel inByTime = byTime.channels.get(name, params("rewind", "1m"));
			List<Message> receivedByTime = new CopyOnWriteArrayList<>();
			inByTime.subscribe(receivedByTime::add);
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2 && receivedByTime.size() == 5);
			assertThat(received).extracting(m -> m.name).containsExactly("m4", "m5");
			assertThat(received).extracting(m -> m.data).containsExactly("payload 4", "payload 5");
			assertThat(receivedByTime).extracting(m -> m.name).containsExactly("m1", "m2", "m3", "m4", "m5");

			rest.channels.get(name).publish("m6", "payload 6");
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
			assertThat(received.get(2).name).isEqualTo("m6");
			// No rewound message is delivered a second time.
			await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == 3);
		}
		finally {
			subscriber.close();
			byTime.close();
		}
	}
}
