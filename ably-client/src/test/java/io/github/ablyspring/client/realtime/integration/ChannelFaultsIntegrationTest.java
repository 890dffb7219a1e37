package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ChannelEvent;
import io.github.ablyspring.client.realtime.ChannelState;
import io.github.ablyspring.client.realtime.ChannelStateChange;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * UTS realtime/integration/proxy/channel_faults.md against the embedded server: the proxy's injections and
 * swallowed responses become {@code server.faults()} (send, detachChannel, pauseFrames).
 */
class ChannelFaultsIntegrationTest {

	/** Allowed on {@code allowed:*} only: an ATTACH elsewhere is refused with an ERROR (in place of the proxy's). */
	private static final String LIMITED_KEY = "app.limited:limited-secret";

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder()
			.key(EmbeddedServer.KEY)
			.key(LIMITED_KEY, "{\"allowed:*\":[\"*\"]}")
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@AfterEach
	void unpause() {
		server.faults().resumeFrames();
	}

	private static AblyRealtime client(Duration requestTimeout) throws Exception {
		return IntegrationSupport.connected(IntegrationSupport.options(server, "json")
			.realtime(r -> r.realtimeRequestTimeout(requestTimeout))
			.build());
	}

	@Test
	void RTL4f_attachTimesOutToSuspended() throws Exception {
		try (AblyRealtime client = client(Duration.ofSeconds(1))) {
			RealtimeChannel channel = client.channels().get(IntegrationSupport.randomName("attach-timeout"));
			// The server's ATTACHED (and anything else) never arrives while frames are held.
			server.faults().pauseFrames();
			CompletableFuture<Void> attach = channel.attach();
			ExecutionException failure = catchThrowableOfType(ExecutionException.class,
					() -> attach.get(10, TimeUnit.SECONDS));

			assertThat(failure).as("attach must fail after realtimeRequestTimeout").isNotNull();
			await().atMost(Duration.ofSeconds(5)).until(() -> channel.state() == ChannelState.SUSPENDED);
			assertThat(channel.errorReason()).isNotNull();
		}
	}

	@Test
	void RTL14_errorInReplyToAttachFailsTheChannel() throws Exception {
		try (AblyRealtime client = IntegrationSupport.connected(
				EmbeddedServer.options(server).key(LIMITED_KEY).autoConnect(false).build())) {
			RealtimeChannel channel = client.channels().get(IntegrationSupport.randomName("forbidden"));
			List<ChannelStateChange> changes = new CopyOnWriteArrayList<>();
			channel.on(changes::add);
			ExecutionException failure = catchThrowableOfType(ExecutionException.class,
					() -> channel.attach().get(10, TimeUnit.SECONDS));

			assertThat(failure).isNotNull();
			assertThat(failure.getCause()).isInstanceOf(io.github.ablyspring.protocol.AblyException.class);
			assertThat(((io.github.ablyspring.protocol.AblyException) failure.getCause()).errorInfo().code())
				.isEqualTo(40160);
			await().atMost(Duration.ofSeconds(10)).until(() -> channel.state() == ChannelState.FAILED);
			assertThat(channel.errorReason().code()).isEqualTo(40160);
			await().atMost(Duration.ofSeconds(2)).until(() -> changes.size() >= 2);
			assertThat(changes).extracting(ChannelStateChange::current)
				.containsSubsequence(ChannelState.ATTACHING, ChannelState.FAILED);
			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		}
	}

	@Test
	void RTL5f_detachTimesOutBackToAttached() throws Exception {
		try (AblyRealtime client = client(Duration.ofSeconds(1))) {
			RealtimeChannel channel = client.channels().get(IntegrationSupport.randomName("detach-timeout"));
			channel.attach().get(10, TimeUnit.SECONDS);
			server.faults().pauseFrames();
			CompletableFuture<Void> detach = channel.detach();
			ExecutionException failure = catchThrowableOfType(ExecutionException.class,
					() -> detach.get(10, TimeUnit.SECONDS));

			assertThat(failure).as("detach must fail after realtimeRequestTimeout").isNotNull();
			assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		}
	}

	@Test
	void RTL13a_unsolicitedDetachedReattaches() throws Exception {
		try (AblyRealtime client = client(Duration.ofSeconds(10))) {
			String name = IntegrationSupport.randomName("unsolicited-detach");
			RealtimeChannel channel = client.channels().get(name);
			channel.attach().get(10, TimeUnit.SECONDS);
			List<ChannelStateChange> changes = new CopyOnWriteArrayList<>();
			channel.on(changes::add);
			server.faults().send(client.connection().id(), ProtocolMessage.builder(ProtocolAction.DETACHED)
				.channel(name)
				.error(ErrorInfo.of(90198, 500, "Channel detached by server"))
				.build());

			await().atMost(Duration.ofSeconds(15))
				.until(() -> changes.stream().anyMatch(c -> c.current() == ChannelState.ATTACHED));
			assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
			assertThat(changes).extracting(ChannelStateChange::current)
				.containsExactly(ChannelState.ATTACHING, ChannelState.ATTACHED);
			assertThat(changes.get(0).reason()).isNotNull();
			assertThat(changes.get(0).reason().code()).isEqualTo(90198);
		}
	}

	@Test
	void RTL13a_serverDetachOfTheChannelReattachesAndDeliveryGoesOn() throws Exception {
		try (AblyRealtime client = client(Duration.ofSeconds(10));
				AblyRealtime publisher = client(Duration.ofSeconds(10))) {
			String name = IntegrationSupport.randomName("server-detach");
			RealtimeChannel channel = client.channels().get(name);
			List<String> received = new CopyOnWriteArrayList<>();
			channel.subscribe(m -> received.add((String) m.data()));
			channel.whenState(ChannelState.ATTACHED).get(10, TimeUnit.SECONDS);
			List<ChannelStateChange> changes = new CopyOnWriteArrayList<>();
			channel.on(changes::add);
			server.faults().detachChannel(name, ErrorInfo.of(90198, 500, "detached by the server"));

			await().atMost(Duration.ofSeconds(15))
				.until(() -> changes.stream().anyMatch(c -> c.current() == ChannelState.ATTACHED));
			publisher.channels().get(name).publish("m", "after reattach").get(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("after reattach"));
			assertThat(changes).extracting(ChannelStateChange::current)
				.containsExactly(ChannelState.ATTACHING, ChannelState.ATTACHED);
		}
	}

	@Test
	void RTL14_channelErrorFailsTheChannelOnly() throws Exception {
		try (AblyRealtime client = client(Duration.ofSeconds(10))) {
			String name = IntegrationSupport.randomName("channel-error");
			RealtimeChannel channel = client.channels().get(name);
			channel.attach().get(10, TimeUnit.SECONDS);
			server.faults().send(client.connection().id(), ProtocolMessage.builder(ProtocolAction.ERROR)
				.channel(name)
				.error(ErrorInfo.of(40160, 403, "Not permitted"))
				.build());

			await().atMost(Duration.ofSeconds(10)).until(() -> channel.state() == ChannelState.FAILED);
			assertThat(channel.errorReason()).isNotNull();
			assertThat(channel.errorReason().code()).isEqualTo(40160);
			assertThat(client.connection().state()).isEqualTo(ConnectionState.CONNECTED);
		}
	}

	@Test
	void RTL12_attachedWithoutResumedOnAnAttachedChannelEmitsUpdate() throws Exception {
		try (AblyRealtime client = client(Duration.ofSeconds(10))) {
			String name = IntegrationSupport.randomName("attached-update");
			RealtimeChannel channel = client.channels().get(name);
			channel.attach().get(10, TimeUnit.SECONDS);
			List<ChannelStateChange> updates = new CopyOnWriteArrayList<>();
			List<ChannelStateChange> attached = new CopyOnWriteArrayList<>();
			channel.on(ChannelEvent.UPDATE, updates::add);
			channel.on(ChannelEvent.ATTACHED, attached::add);
			server.faults().send(client.connection().id(), ProtocolMessage.builder(ProtocolAction.ATTACHED)
				.channel(name)
				.flags(0L)
				.error(ErrorInfo.of(91001, 500, "Continuity lost"))
				.build());

			await().atMost(Duration.ofSeconds(10)).until(() -> updates.size() >= 1);
			assertThat(updates.get(0).current()).isEqualTo(ChannelState.ATTACHED);
			assertThat(updates.get(0).previous()).isEqualTo(ChannelState.ATTACHED);
			assertThat(updates.get(0).resumed()).isFalse();
			assertThat(updates.get(0).reason()).isNotNull();
			assertThat(updates.get(0).reason().code()).isEqualTo(91001);
			assertThat(attached).isEmpty();
			assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		}
	}
}
