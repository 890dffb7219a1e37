package io.github.ablyspring.client.realtime.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ChannelEvent;
import io.github.ablyspring.client.realtime.RealtimeChannel;
import io.github.ablyspring.client.realtime.transport.Transport;
import io.github.ablyspring.client.realtime.transport.TransportFactory;
import io.github.ablyspring.client.realtime.transport.TransportListener;
import io.github.ablyspring.client.realtime.transport.TransportRequest;
import io.github.ablyspring.client.realtime.transport.WebSocketTransportFactory;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.EmbeddedAblyServer;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * UTS realtime/integration/delta_decoding_test.md against the embedded server (which sends real vcdiff deltas). Our
 * client's vcdiff decoder is built in, not a plugin, so the UTS counting/failing decoders become a tap on the real
 * WebSocket transport ({@link DeltaTap}): it counts the deltas that arrive (one decode each), drops one to make a gap
 * (RTL20), or corrupts one so decoding fails (RTL18c).
 */
class DeltaDecodingIntegrationTest {

	private static final List<String> TEST_DATA = List.of(
			"{\"foo\":\"bar\",\"count\":1,\"status\":\"active\"}",
			"{\"foo\":\"bar\",\"count\":2,\"status\":\"active\"}",
			"{\"foo\":\"bar\",\"count\":2,\"status\":\"inactive\"}",
			"{\"foo\":\"bar\",\"count\":3,\"status\":\"inactive\"}",
			"{\"foo\":\"bar\",\"count\":3,\"status\":\"active\"}");

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private enum Fault {
		NONE, DROP_ONE_DELTA, CORRUPT_ONE_DELTA
	}

	/** Passes the real WebSocket through, watching (and optionally spoiling) the deltas that arrive. */
	private static final class DeltaTap implements TransportFactory {

		private final TransportFactory real = new WebSocketTransportFactory();

		final AtomicInteger deltas = new AtomicInteger();

		private final AtomicInteger faults = new AtomicInteger();

		private final Fault fault;

		DeltaTap(Fault fault) {
			this.fault = fault;
		}

		@Override
		public Transport open(TransportRequest request, TransportListener listener) {
			return real.open(request, new TransportListener() {

				@Override
				public void onOpen(Transport transport) {
					listener.onOpen(transport);
				}

				@Override
				public void onMessage(Transport transport, ProtocolMessage message) {
					ProtocolMessage passed = inspect(message);
					if (passed != null) {
						listener.onMessage(transport, passed);
					}
				}

				@Override
				public void onClosed(Transport transport, @Nullable ErrorInfo reason) {
					listener.onClosed(transport, reason);
				}
			});
		}

		private @Nullable ProtocolMessage inspect(ProtocolMessage message) {
			if (message.action() != ProtocolAction.MESSAGE || message.messages() == null
					|| message.messages().stream().noneMatch(DeltaTap::isDelta)) {
				return message;
			}
			deltas.addAndGet((int) message.messages().stream().filter(DeltaTap::isDelta).count());
			if (fault == Fault.DROP_ONE_DELTA && faults.getAndIncrement() == 1) {
				return null;                                                   // lost: the next delta's base is wrong
			}
			if (fault == Fault.CORRUPT_ONE_DELTA && faults.getAndIncrement() == 0) {
				List<Message> spoiled = new ArrayList<>();
				for (Message m : message.messages()) {
					byte[] garbage = new byte[16];
					new Random(7).nextBytes(garbage);
					Object data = m.data() instanceof String ? Base64.getEncoder().encodeToString(garbage) : garbage;
					spoiled.add(isDelta(m) ? m.withData(data, m.encoding()) : m);
				}
				return message.toBuilder().messages(spoiled).build();
			}
			return message;
		}

		private static boolean isDelta(Message m) {
			return m.encoding() != null && m.encoding().contains("vcdiff");
		}
	}

	private static AblyRealtime client(String protocol, DeltaTap tap) throws Exception {
		return IntegrationSupport.connected(IntegrationSupport.options(server, protocol)
			.realtime(r -> r.transportFactory(tap))
			.build());
	}

	private static RealtimeChannel deltaChannel(AblyRealtime client, String prefix) {
		return client.channels()
			.get(IntegrationSupport.randomName(prefix), ChannelOptions.builder().param("delta", "vcdiff").build());
	}

	private static void publishAll(RealtimeChannel channel, List<?> data) throws Exception {
		for (int i = 0; i < data.size(); i++) {
			Object payload = data.get(i) instanceof String s ? Json.MAPPER.readTree(s) : data.get(i);
			channel.publish(Integer.toString(i), payload).get(10, TimeUnit.SECONDS);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "msgpack" })
	void PC3_deltasAreDecodedEndToEnd(String protocol) throws Exception {
		DeltaTap tap = new DeltaTap(Fault.NONE);
		try (AblyRealtime client = client(protocol, tap)) {
			RealtimeChannel channel = deltaChannel(client, "delta-PC3");
			channel.attach().get(10, TimeUnit.SECONDS);
			List<Message> received = new CopyOnWriteArrayList<>();
			List<Object> reattaches = new CopyOnWriteArrayList<>();
			channel.on(ChannelEvent.ATTACHING, reattaches::add);
			channel.subscribe(received::add);
			publishAll(channel, TEST_DATA);
			await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == TEST_DATA.size());

			for (int i = 0; i < TEST_DATA.size(); i++) {
				assertThat(received.get(i).name()).isEqualTo(Integer.toString(i));
				assertThat(received.get(i).data()).isEqualTo(Json.MAPPER.readTree(TEST_DATA.get(i)));
			}
			assertThat(tap.deltas.get()).as("all but the first arrived as deltas").isEqualTo(TEST_DATA.size() - 1);
			assertThat(reattaches).as("no decode failure").isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "msgpack" })
	void RTL19b_dissimilarPayloadsArriveIntact(String protocol) throws Exception {
		DeltaTap tap = new DeltaTap(Fault.NONE);
		Random random = new Random(42);
		List<byte[]> payloads = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			byte[] bytes = new byte[1024];
			random.nextBytes(bytes);
			payloads.add(bytes);
		}
		try (AblyRealtime client = client(protocol, tap)) {
			RealtimeChannel channel = deltaChannel(client, "delta-dissimilar");
			channel.attach().get(10, TimeUnit.SECONDS);
			List<Message> received = new CopyOnWriteArrayList<>();
			List<Object> reattaches = new CopyOnWriteArrayList<>();
			channel.on(ChannelEvent.ATTACHING, reattaches::add);
			channel.subscribe(received::add);
			publishAll(channel, payloads);
			await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == payloads.size());

			for (int i = 0; i < payloads.size(); i++) {
				assertThat(received.get(i).name()).isEqualTo(Integer.toString(i));
				assertThat(received.get(i).data()).isEqualTo(payloads.get(i));
			}
			assertThat(reattaches).isEmpty();
			System.out.println("delta RTL19b [" + protocol + "]: " + tap.deltas.get() + " deltas for 5 dissimilar payloads");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "msgpack" })
	void PC3_noDeltasWithoutTheDeltaParam(String protocol) throws Exception {
		DeltaTap tap = new DeltaTap(Fault.NONE);
		try (AblyRealtime client = client(protocol, tap)) {
			RealtimeChannel channel = client.channels().get(IntegrationSupport.randomName("delta-no-param"));
			channel.attach().get(10, TimeUnit.SECONDS);
			List<Message> received = new CopyOnWriteArrayList<>();
			channel.subscribe(received::add);
			publishAll(channel, TEST_DATA);
			await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == TEST_DATA.size());

			for (int i = 0; i < TEST_DATA.size(); i++) {
				assertThat(received.get(i).data()).isEqualTo(Json.MAPPER.readTree(TEST_DATA.get(i)));
			}
			assertThat(tap.deltas.get()).isZero();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "msgpack" })
	void RTL18_RTL18b_RTL18c_RTL20_aGapBeforeADeltaRecoversByReattaching(String protocol) throws Exception {
		assertRecovers(protocol, Fault.DROP_ONE_DELTA);
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "msgpack" })
	void RTL18_RTL18c_aDeltaThatFailsToDecodeRecoversByReattaching(String protocol) throws Exception {
		assertRecovers(protocol, Fault.CORRUPT_ONE_DELTA);
	}

	private static void assertRecovers(String protocol, Fault fault) throws Exception {
		DeltaTap tap = new DeltaTap(fault);
		try (AblyRealtime client = client(protocol, tap)) {
			RealtimeChannel channel = deltaChannel(client, "delta-recovery");
			channel.attach().get(10, TimeUnit.SECONDS);
			List<Message> received = new CopyOnWriteArrayList<>();
			List<ErrorInfo> attachingReasons = new CopyOnWriteArrayList<>();
			channel.on(ChannelEvent.ATTACHING, c -> attachingReasons.add(c.reason()));
			channel.subscribe(received::add);
			publishAll(channel, TEST_DATA);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> received.stream().map(Message::name).distinct().count() == TEST_DATA.size());

			for (int i = 0; i < TEST_DATA.size(); i++) {
				String name = Integer.toString(i);
				JsonNode expected = Json.MAPPER.readTree(TEST_DATA.get(i));
				assertThat(received).filteredOn(m -> name.equals(m.name()))
					.isNotEmpty()
					.allSatisfy(m -> assertThat(m.data()).isEqualTo(expected));
			}
			assertThat(attachingReasons).isNotEmpty();
			assertThat(attachingReasons.get(0)).isNotNull();
			assertThat(attachingReasons.get(0).code()).isEqualTo(40018);
		}
	}
}
