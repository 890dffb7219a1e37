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
import io.ably.lib.types.ClientOptions;
import io.ably.lib.types.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official ably-java SDK, unmodified, against the embedded server: connect, attach, publish and subscribe. */
class AblyJavaPubSubTest {

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	static ClientOptions options(boolean binary) throws Exception {
		ClientOptions options = new ClientOptions(server.key());
		options.tls = false;
		options.port = server.port();
		options.realtimeHost = server.host();
		options.restHost = server.host();
		options.useBinaryProtocol = binary;
		return options;
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { false, true })
	void connectAttachPublishSubscribe(boolean binary) throws Exception {
		AblyRealtime publisher = new AblyRealtime(options(binary));
		AblyRealtime subscriber = new AblyRealtime(options(binary));
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> publisher.connection.state == ConnectionState.connected
					&& subscriber.connection.state == ConnectionState.connected);
			String name = "conformance-" + binary;
			Channel in = subscriber.channels.get(name);
			List<Message> received = new CopyOnWriteArrayList<>();
			in.subscribe(received::add);
			await().atMost(Duration.ofSeconds(10)).until(() -> in.state == ChannelState.attached);

			Channel out = publisher.channels.get(name);
			out.publish("greeting", "hello");
			out.publish("bytes", new byte[] { 1, 2, 3 });
			await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
			assertThat(received.get(0).name).isEqualTo("greeting");
			assertThat(received.get(0).data).isEqualTo("hello");
			assertThat(received.get(1).data).isEqualTo(new byte[] { 1, 2, 3 });
			assertThat(received.get(0).connectionId).isEqualTo(publisher.connection.id);
		}
		finally {
			publisher.close();
			subscriber.close();
		}
	}
}
