package io.github.ablyspring.client.realtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.davidehrmann.vcdiff.VCDiffEncoderBuilder;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.payload.DeltaDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * uts/realtime/unit/channels/channel_delta_decoding.md: RTL18-RTL21, PC3. The mock peer speaks msgpack, so deltas
 * travel as binary like a real server sends them; string results carry a {@code utf-8} step before {@code vcdiff}.
 */
class ChannelDeltaDecodingUnitTest extends ChannelUnitTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Message> received = new CopyOnWriteArrayList<>();

	private final List<ChannelStateChange> changes = new CopyOnWriteArrayList<>();

	private RealtimeChannel channel;

	private void attachWith(@Nullable DeltaDecoder decoder) {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
		});
		channel = client.channels().get("test-delta", ChannelOptions.builder().param("delta", "vcdiff").build());
		channel.deltaDecoder(decoder);
		channel.subscribe(received::add);
		await(channel.attach());
		channel.on(changes::add);
	}

	private void send(@Nullable String id, @Nullable String channelSerial, Message... messages) {
		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel.name()).id(id)
			.channelSerial(channelSerial).messages(Arrays.asList(messages)).build());
		clock.settle();
	}

	private static Message plain(String id, Object data, @Nullable String encoding) {
		return Message.builder().id(id).data(data).encoding(encoding).build();
	}

	private static Message delta(String id, String from, byte[] delta, String encoding) {
		JsonNode extras = JSON.createObjectNode().set("delta",
				JSON.createObjectNode().put("from", from).put("format", "vcdiff"));
		return Message.builder().id(id).data(delta).encoding(encoding).extras(extras).build();
	}

	@Test
	void RTL21_messagesOfOneProtocolMessageAreDecodedInOrder() {
		attachWith(new MockVcdiff());
		send("serial:0", null, plain("serial:0", "first message", null),
				delta("serial:1", "serial:0", MockVcdiff.encode("first message", "second message"), "utf-8/vcdiff"),
				delta("serial:2", "serial:1", MockVcdiff.encode("second message", "third message"), "utf-8/vcdiff"));
		assertThat(received).extracting(Message::data).containsExactly("first message", "second message",
				"third message");
	}

	@Test
	void RTL19b_aNonDeltaMessageIsTheNextBase() {
		attachWith(new MockVcdiff());
		send("msg-1:0", null, plain("msg-1:0", "base payload", null));
		send("msg-2:0", null,
				delta("msg-2:0", "msg-1:0", MockVcdiff.encode("base payload", "updated payload"), "utf-8/vcdiff"));
		assertThat(received).extracting(Message::data).containsExactly("base payload", "updated payload");
	}

	@Test
	void RTL19b_theBaseOfAJsonMessageIsItsWireString() {
		attachWith(new MockVcdiff());
		String first = "{\"foo\":\"bar\",\"count\":1}";
		String second = "{\"foo\":\"baz\",\"count\":2}";
		send("msg-1:0", null, plain("msg-1:0", first, "json"));
		send("msg-2:0", null, delta("msg-2:0", "msg-1:0", MockVcdiff.encode(first, second), "utf-8/vcdiff"));
		assertThat(received).hasSize(2);
		JsonNode firstData = JSON.valueToTree(received.get(0).data());
		JsonNode expected = JSON.valueToTree(Map.of("foo", "bar", "count", 1));
		assertThat(firstData).isEqualTo(expected);
		assertThat(received.get(1).data()).isEqualTo(second);
	}

	@Test
	void RTL19a_base64IsUndoneBeforeTheBaseIsStored() {
		attachWith(new MockVcdiff());
		byte[] hello = "Hello".getBytes(StandardCharsets.UTF_8);
		byte[] world = "World".getBytes(StandardCharsets.UTF_8);
		send("msg-1:0", null, plain("msg-1:0", "SGVsbG8=", "base64"));
		send("msg-2:0", null, delta("msg-2:0", "msg-1:0", new byte[0], "vcdiff/base64").toBuilder()
			.data(Base64.getEncoder().encodeToString(MockVcdiff.encode(hello, world))).build());
		assertThat(received).hasSize(2);
		assertThat((byte[]) received.get(0).data()).isEqualTo(hello);
		assertThat((byte[]) received.get(1).data()).isEqualTo(world);
	}

	@Test
	void RTL19c_aDecodedDeltaIsTheNextBase() {
		attachWith(new MockVcdiff());
		send("msg-1:0", null, plain("msg-1:0", "value-A", null));
		send("msg-2:0", null, delta("msg-2:0", "msg-1:0", MockVcdiff.encode("value-A", "value-B"), "utf-8/vcdiff"));
		send("msg-3:0", null, delta("msg-3:0", "msg-2:0", MockVcdiff.encode("value-B", "value-C"), "utf-8/vcdiff"));
		assertThat(received).extracting(Message::data).containsExactly("value-A", "value-B", "value-C");
	}

	@Test
	void RTL20_RTL18c_aDeltaFromAnotherMessageStartsRecoveryFromTheLastSerial() {
		attachWith(new MockVcdiff());
		send("msg-1:0", "serial-1", plain("msg-1:0", "base payload", null));
		changes.clear();
		int attachesBefore = sent(ProtocolAction.ATTACH).size();
		send("msg-2:0", "serial-2",
				delta("msg-2:0", "msg-999:0", MockVcdiff.encode("base payload", "new payload"), "utf-8/vcdiff"));
		awaitUntil(() -> changes.stream().anyMatch(c -> c.current() == ChannelState.ATTACHING));

		assertThat(sent(ProtocolAction.ATTACH)).hasSize(attachesBefore + 1);
		assertThat(sent(ProtocolAction.ATTACH).get(attachesBefore).channelSerial()).isEqualTo("serial-1");
		assertThat(changes).filteredOn(c -> c.current() == ChannelState.ATTACHING).singleElement()
			.satisfies(c -> assertThat(c.reason().code()).isEqualTo(40018));
		assertThat(received).extracting(Message::data).containsExactly("base payload");
	}

	@Test
	void RTL20_theLastMessageOfAProtocolMessageIsTheBase() {
		attachWith(new MockVcdiff());
		send("serial:0", null, plain("serial:0", "first", null), plain("serial:1", "second", null));
		send("serial:2", null, delta("serial:2", "serial:1", MockVcdiff.encode("second", "third"), "utf-8/vcdiff"));
		assertThat(received).extracting(Message::data).containsExactly("first", "second", "third");
	}

	@Test
	void PC3_PC3a_theDecoderGetsTheUtf8BaseAndTheRawDelta() {
		List<byte[][]> calls = new ArrayList<>();
		MockVcdiff mockDecoder = new MockVcdiff();
		attachWith((base, delta) -> {
			calls.add(new byte[][] { base, delta });
			return mockDecoder.apply(base, delta);
		});
		byte[] delta = MockVcdiff.encode("hello world", "goodbye world");
		send("msg-1:0", null, plain("msg-1:0", "hello world", null));
		send("msg-2:0", null, delta("msg-2:0", "msg-1:0", delta, "utf-8/vcdiff"));
		assertThat(calls).hasSize(1);
		assertThat(calls.get(0)[0]).isEqualTo("hello world".getBytes(StandardCharsets.UTF_8));
		assertThat(calls.get(0)[1]).isEqualTo(delta);
		assertThat(received.get(1).data()).isEqualTo("goodbye world");
	}

	@Test
	void PC3_aDeltaWithoutAVcdiffPluginFailsTheChannelWith40019() {
		attachWith(null);
		send("msg-1:0", null, plain("msg-1:0", "base", null));
		send("msg-2:0", null, delta("msg-2:0", "msg-1:0", MockVcdiff.encode("base", "next"), "vcdiff"));
		awaitState(channel, ChannelState.FAILED);
		assertThat(channel.errorReason().code()).isEqualTo(40019);
	}

	@Test
	void PC3_theShippedVcdiffDecoderAppliesRealDeltas() throws Exception {
		attachWith(VcdiffDeltaDecoder.INSTANCE);
		byte[] base = "the quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);
		byte[] target = "the quick brown cat jumps over the lazy dog!".getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream delta = new ByteArrayOutputStream();
		VCDiffEncoderBuilder.builder().withDictionary(base).buildSimple().encode(target, delta);
		send("msg-1:0", null, plain("msg-1:0", new String(base, StandardCharsets.UTF_8), null));
		send("msg-2:0", null, delta("msg-2:0", "msg-1:0", delta.toByteArray(), "utf-8/vcdiff"));
		assertThat(received).extracting(Message::data).containsExactly(new String(base, StandardCharsets.UTF_8),
				new String(target, StandardCharsets.UTF_8));
	}

	@Test
	void RTL18_aFailingDecoderDropsTheMessageAndReattachesFromTheLastSerial() {
		attachWith(MockVcdiff.failing());
		send("msg-1:0", "serial-100", plain("msg-1:0", "base payload", null));
		changes.clear();
		int attachesBefore = sent(ProtocolAction.ATTACH).size();
		send("msg-2:0", "serial-101",
				delta("msg-2:0", "msg-1:0", MockVcdiff.encode("base payload", "next"), "utf-8/vcdiff"));
		awaitUntil(() -> changes.stream().anyMatch(c -> c.current() == ChannelState.ATTACHING));

		assertThat(received).extracting(Message::data).containsExactly("base payload");
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(attachesBefore + 1);
		assertThat(sent(ProtocolAction.ATTACH).get(attachesBefore).channelSerial()).isEqualTo("serial-100");
		assertThat(changes).extracting(ChannelStateChange::current).containsSubsequence(ChannelState.ATTACHING);
		assertThat(changes).filteredOn(c -> c.current() == ChannelState.ATTACHING).singleElement()
			.satisfies(c -> assertThat(c.reason().code()).isEqualTo(40018));
	}

	@Test
	void RTL18c_recoveryEndsWithAttachedAndMessagesFlowAgain() {
		AtomicInteger attempts = new AtomicInteger();
		MockVcdiff mockDecoder = new MockVcdiff();
		attachWith((base, delta) -> {
			if (attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("Simulated vcdiff decode failure");
			}
			return mockDecoder.apply(base, delta);
		});
		send("msg-1:0", "serial-1", plain("msg-1:0", "original base", null));
		send("msg-2:0", "serial-2",
				delta("msg-2:0", "msg-1:0", MockVcdiff.encode("original base", "lost"), "utf-8/vcdiff"));
		awaitState(channel, ChannelState.ATTACHED);
		send("msg-3:0", "serial-3", plain("msg-3:0", "fresh after recovery", null));
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(received).extracting(Message::data).containsExactly("original base", "fresh after recovery");
	}

	@Test
	void RTL18_onlyOneRecoveryAtATime() {
		connectedClient();
		channel = client.channels().get("test-delta-single");
		channel.deltaDecoder(MockVcdiff.failing());
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH && sent(ProtocolAction.ATTACH).size() == 1) {
				c.sendToClient(attached(m.channel()));
			}
		});
		await(channel.attach());
		int initial = sent(ProtocolAction.ATTACH).size();
		send("msg-1:0", "serial-1", plain("msg-1:0", "base", null));
		send("msg-2:0", "serial-2", delta("msg-2:0", "msg-1:0", MockVcdiff.encode("base", "b"), "utf-8/vcdiff"));
		awaitState(channel, ChannelState.ATTACHING);
		send("msg-3:0", "serial-3", delta("msg-3:0", "msg-2:0", MockVcdiff.encode("b", "c"), "utf-8/vcdiff"));
		assertThat(sent(ProtocolAction.ATTACH).size() - initial).isEqualTo(1);
	}
}
