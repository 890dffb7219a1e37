package io.github.ablyspring.client.realtime.integration;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ChannelState;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** UTS realtime/integration/channels/channel_attach_test.md against the embedded server. */
class ChannelAttachIntegrationTest {

	/** The sandbox app's keys[3]: subscribe-only on every channel. */
	private static final String SUBSCRIBE_ONLY_KEY = "app.subonly:subscribe-secret";

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder()
			.key(EmbeddedServer.KEY)
			.key(SUBSCRIBE_ONLY_KEY, "{\"*\":[\"subscribe\"]}")
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void RTL4c_attachSucceeds() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build())) {
			RealtimeChannel channel = client.channels().get(IntegrationSupport.randomName("attach-RTL4c"));
			assertThat(channel.state()).isEqualTo(ChannelState.INITIALIZED);
			channel.attach().get(10, TimeUnit.SECONDS);

			assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
			assertThat(channel.errorReason()).isNull();
		}
	}

	@Test
	void RTL5d_detachSucceeds() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(IntegrationSupport.options(server, "json").build())) {
			RealtimeChannel channel = client.channels().get(IntegrationSupport.randomName("detach-RTL5d"));
			channel.attach().get(10, TimeUnit.SECONDS);
			assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
			channel.detach().get(10, TimeUnit.SECONDS);

			assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		}
	}

	@Test
	void RTL14_publishWithoutCapabilityFailsAndTheConnectionStays() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(
				EmbeddedServer.options(server).key(SUBSCRIBE_ONLY_KEY).autoConnect(false).build())) {
			RealtimeChannel channel = client.channels().get(IntegrationSupport.randomName("publish-not-allowed"));
			channel.attach().get(10, TimeUnit.SECONDS);
			assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);

			ExecutionException failure = catchThrowableOfType(ExecutionException.class,
					() -> channel.publish("test", "data").get(10, TimeUnit.SECONDS));
			assertThat(failure.getCause()).isInstanceOf(AblyException.class);
			AblyException error = (AblyException) failure.getCause();
			assertThat(error.errorInfo().code()).isEqualTo(40160);
			assertThat(error.errorInfo().statusCode()).isEqualTo(401);
			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		}
	}
}
