package io.github.ablyspring.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.ably.lib.realtime.AblyRealtime;
import io.ably.lib.realtime.Channel;
import io.ably.lib.realtime.ChannelState;
import io.ably.lib.realtime.ConnectionState;
import io.ably.lib.types.ChannelOptions;
import io.ably.lib.types.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Binary transcoding: a publisher on one format and a subscriber on the other (JSON carries binary as base64, msgpack
 * as {@code bin}); plain and encrypted payloads arrive byte for byte.
 */
class MixedFormatTranscodingTest {

	private static final byte[] BINARY = { 0, 1, 2, (byte) 0x7f, (byte) 0x80, (byte) 0xff };

	private static final byte[] KEY = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest(name = "publisher binary={0}, subscriber binary={1}")
	@CsvSource({ "false,true", "true,false" })
	void binaryAndEncryptedPayloadsCrossFormats(boolean publisherBinary, boolean subscriberBinary) throws Exception {
		AblyRealtime publisher = new AblyRealtime(ConformanceSupport.options(server, publisherBinary));
		AblyRealtime subscriber = new AblyRealtime(ConformanceSupport.options(server, subscriberBinary));
		try {
			String name = "mixed-" + publisherBinary + "-" + subscriberBinary;
			Channel in = subscriber.channels.get(name);
			Channel secureIn = subscriber.channels.get(name + "-secure", ChannelOptions.withCipherKey(KEY));
			List<Message> received = new CopyOnWriteArrayList<>();
			in.subscribe(received::add);
			secureIn.subscribe(received::add);
			await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.connection.state == ConnectionState.connected
					&& in.state == ChannelState.attached && secureIn.state == ChannelState.attached);

			publisher.channels.get(name).publish("plain", BINARY);
			publisher.channels.get(name + "-secure", ChannelOptions.withCipherKey(KEY)).publish("secure", BINARY);
			publisher.channels.get(name).publish("text", "héllo");

			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
			assertThat(received).filteredOn(m -> m.name.equals("plain")).singleElement()
				.satisfies(m -> assertThat(m.data).isEqualTo(BINARY));
			assertThat(received).filteredOn(m -> m.name.equals("secure")).singleElement()
				.satisfies(m -> assertThat(m.data).isEqualTo(BINARY));
			assertThat(received).filteredOn(m -> m.name.equals("text")).singleElement()
				.satisfies(m -> assertThat(m.data).isEqualTo("héllo"));
		}
		finally {
			publisher.close();
			subscriber.close();
		}
	}
}
