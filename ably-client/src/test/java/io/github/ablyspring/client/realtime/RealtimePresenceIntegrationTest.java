package io.github.ablyspring.client.realtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.realtime.transport.Transport;
import io.github.ablyspring.client.realtime.transport.TransportFactory;
import io.github.ablyspring.client.realtime.transport.TransportListener;
import io.github.ablyspring.client.realtime.transport.WebSocketTransportFactory;
import io.github.ablyspring.client.rest.HistoryParams;
import io.github.ablyspring.client.rest.PaginatedResult;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Presence against the embedded server over a real WebSocket: a SYNC of more members than fit one page (the server
 * pages at 100, RTP18), re-entry after the server lost the connection (RTP17), and presence history (RTP12).
 */
class RealtimePresenceIntegrationTest {

	static final Duration WAIT = Duration.ofSeconds(20);

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		// A short connectionStateTtl and leave grace, so that a lost connection is forgotten within the test.
		server = EmbeddedAblyServer.builder().key(EmbeddedServer.KEY).connectionStateTtl(Duration.ofSeconds(2))
			.presenceLeaveGrace(Duration.ofMillis(300)).build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	static ClientOptions.Builder options(boolean binary, @Nullable String clientId) {
		return EmbeddedServer.options(server).key(EmbeddedServer.KEY).useBinaryProtocol(binary).clientId(clientId)
			.realtime(r -> r.connectivityCheckUrl(null).disconnectedRetryTimeout(Duration.ofMillis(200))
				.suspendedRetryTimeout(Duration.ofMillis(500)));
	}

	static <T> T get(CompletableFuture<T> future) throws Exception {
		return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
	}

	/** Counts the SYNC messages a client receives, under the real WebSocket transport. */
	static final class SyncCounter implements TransportFactory {

		final WebSocketTransportFactory delegate = new WebSocketTransportFactory();

		final AtomicInteger syncs = new AtomicInteger();

		final List<String> cursors = new CopyOnWriteArrayList<>();

		@Override
		public Transport open(io.github.ablyspring.client.realtime.transport.TransportRequest request,
				TransportListener listener) {
			return delegate.open(request, new TransportListener() {

				@Override
				public void onOpen(Transport transport) {
					listener.onOpen(transport);
				}

				@Override
				public void onMessage(Transport transport, ProtocolMessage message) {
					if (message.action() == ProtocolAction.SYNC) {
						syncs.incrementAndGet();
						cursors.add(String.valueOf(message.channelSerial()));
					}
					listener.onMessage(transport, message);
				}

				@Override
				public void onClosed(Transport transport, @Nullable ErrorInfo reason) {
					listener.onClosed(transport, reason);
				}
			});
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { false, true })
	void RTP18_RTP4_RTP14d_aSyncOfManyMembersArrivesInPagesAndGetWaitsForAll(boolean binary) throws Exception {
		int count = 250;
		String name = "presence-sync-pages-" + binary;
		SyncCounter counter = new SyncCounter();
		try (AblyRealtime enterer = new AblyRealtime(options(binary, null).build());
				AblyRealtime observer = new AblyRealtime(
						options(binary, null).realtime(r -> r.transportFactory(counter)).build())) {
			RealtimeChannel in = enterer.channels().get(name);
			List<CompletableFuture<Void>> entered = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				entered.add(in.presence().enterClient("member-" + i, "data-" + i));          // RTP14a: key may act as any
			}
			get(CompletableFuture.allOf(entered.toArray(CompletableFuture[]::new)));
			assertThat(get(in.presence().get())).hasSize(count);

			List<PresenceMessage> members = get(observer.channels().get(name).presence().get());

			assertThat(members).hasSize(count);
			for (int i = 0; i < count; i++) {
				String clientId = "member-" + i;
				assertThat(members).filteredOn(m -> clientId.equals(m.clientId())).singleElement()
					.extracting(PresenceMessage::data).isEqualTo("data-" + i);
			}
			// 250 members at 100 a page: three SYNC messages, the cursor empty on the last only (RTP18a, RTP18b)
			assertThat(counter.syncs).hasValue(3);
			assertThat(counter.cursors.get(0)).doesNotEndWith(":");
			assertThat(counter.cursors.get(1)).doesNotEndWith(":");
			assertThat(counter.cursors.get(2)).endsWith(":");
			assertThat(observer.channels().get(name).presence().isSyncComplete()).isTrue();
		}
	}

	@Test
	void RTP17i_RTP17g1_aMemberIsReenteredAfterTheServerForgotItsConnection() throws Exception {
		String name = "presence-reentry";
		try (AblyRealtime alice = new AblyRealtime(options(true, "alice").build());
				AblyRealtime watcher = new AblyRealtime(options(true, "watcher").build())) {
			RealtimeChannel channel = alice.channels().get(name);
			get(channel.presence().enter("here"));
			String firstConnection = alice.connection().id();
			RealtimeChannel watched = watcher.channels().get(name);
			assertThat(get(watched.presence().get())).extracting(PresenceMessage::connectionId)
				.containsExactly(firstConnection);
			List<PresenceMessage> events = new CopyOnWriteArrayList<>();
			watched.presence().subscribe(events::add);

			// The network fails and stays down until the server has discarded the connection and its member.
			server.faults().refuseConnections(true);
			server.faults().dropConnections(firstConnection);
			try {
				await().atMost(WAIT).until(() -> !server.faults().connectionIds().contains(firstConnection));
				await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e.action() == PresenceAction.LEAVE));
			}
			finally {
				server.faults().refuseConnections(false);
			}

			// A new connection: the channel attaches again and presence enters alice again by itself
			await().atMost(WAIT).until(() -> alice.connection().state() == ConnectionState.CONNECTED
					&& channel.state() == ChannelState.ATTACHED);
			String secondConnection = alice.connection().id();
			assertThat(secondConnection).isNotEqualTo(firstConnection);
			await().atMost(WAIT).untilAsserted(() -> assertThat(get(watched.presence().get()))
				.singleElement().satisfies(m -> {
					assertThat(m.clientId()).isEqualTo("alice");
					assertThat(m.connectionId()).isEqualTo(secondConnection);
					assertThat(m.data()).isEqualTo("here");
				}));
			assertThat(events).extracting(PresenceMessage::action).containsSubsequence(PresenceAction.LEAVE,
					PresenceAction.ENTER);
			assertThat(get(channel.presence().get())).extracting(PresenceMessage::connectionId)
				.containsExactly(secondConnection);
		}
	}

	@Test
	void RTP12a_RTP12c_RTP12d_presenceHistoryHasTheEventsOfSeveralClients() throws Exception {
		String name = "presence-history";
		try (AblyRealtime a = new AblyRealtime(options(false, "client-a").build());
				AblyRealtime b = new AblyRealtime(options(true, "client-b").build());
				AblyRealtime c = new AblyRealtime(options(false, "client-c").build());
				AblyRealtime reader = new AblyRealtime(options(true, null).build())) {
			get(a.channels().get(name).presence().enter("a"));
			get(b.channels().get(name).presence().enter("b"));
			get(c.channels().get(name).presence().enter("c"));
			get(a.channels().get(name).presence().update("a2"));
			RealtimePresence presence = reader.channels().get(name).presence();

			PaginatedResult<PresenceMessage> all = presence.history(HistoryParams.DEFAULTS);

			assertThat(all.items()).extracting(PresenceMessage::clientId, PresenceMessage::action)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("client-a", PresenceAction.UPDATE),
						org.assertj.core.groups.Tuple.tuple("client-c", PresenceAction.ENTER),
						org.assertj.core.groups.Tuple.tuple("client-b", PresenceAction.ENTER),
						org.assertj.core.groups.Tuple.tuple("client-a", PresenceAction.ENTER));
			PaginatedResult<PresenceMessage> firstTwo = get(presence.historyAsync(HistoryParams.builder()
				.direction(HistoryParams.Direction.FORWARDS).limit(2).build()));
			assertThat(firstTwo.items()).extracting(PresenceMessage::data).containsExactly("a", "b");
			assertThat(firstTwo.hasNext()).isTrue();
			assertThat(firstTwo.next().items()).extracting(PresenceMessage::data).containsExactly("c", "a2");
			long entered = all.items().get(3).timestamp();
			long updated = all.items().get(0).timestamp();
			PaginatedResult<PresenceMessage> window = presence.history(HistoryParams.builder().start(updated)
				.end(updated).direction(HistoryParams.Direction.BACKWARDS).limit(50).build());
			assertThat(window.items()).allSatisfy(m -> assertThat(m.timestamp()).isEqualTo(updated))
				.extracting(PresenceMessage::data).contains("a2");
			assertThat(entered).isLessThanOrEqualTo(updated);
		}
	}
}
