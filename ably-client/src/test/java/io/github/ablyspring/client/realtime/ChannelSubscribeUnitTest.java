package io.github.ablyspring.client.realtime;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/channels/channel_subscribe.md: RTL7, RTL8, RTL17, RTL22. */
class ChannelSubscribeUnitTest extends ChannelUnitTestSupport {

	private static final ChannelOptions NO_IMPLICIT_ATTACH = ChannelOptions.builder().attachOnSubscribe(false).build();

	private final List<Message> received = new CopyOnWriteArrayList<>();

	private RealtimeChannel attachedChannel(String name) {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get(name, NO_IMPLICIT_ATTACH);
		await(channel.attach());
		return channel;
	}

	private void deliver(RealtimeChannel channel, Message... messages) {
		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel.name())
			.messages(Arrays.asList(messages)).build());
		clock.settle();
	}

	private static Message withRef(String name, String data, String timeserial, String type) {
		JsonNode extras = JsonMapper.builder().build().createObjectNode().set("ref",
				JsonMapper.builder().build().createObjectNode().put("timeserial", timeserial).put("type", type));
		return Message.builder().name(name).data(data).extras(extras).build();
	}

	@Test
	void RTL7a_aListenerWithoutNameGetsEveryMessage() {
		RealtimeChannel channel = attachedChannel("test-RTL7a");
		channel.subscribe(received::add);
		deliver(channel, Message.of("event1", "data1"));
		deliver(channel, Message.of("event2", "data2"));
		assertThat(received).extracting(Message::name).containsExactly("event1", "event2");
	}

	@Test
	void RTL7a_everyMessageOfOneProtocolMessageIsDelivered() {
		RealtimeChannel channel = attachedChannel("test-RTL7a-multi");
		channel.subscribe(received::add);
		deliver(channel, Message.of("a", "1"), Message.of("b", "2"), Message.of("c", "3"));
		assertThat(received).extracting(Message::name).containsExactly("a", "b", "c");
	}

	@Test
	void RTL7b_aNamedListenerGetsOnlyThatName() {
		RealtimeChannel channel = attachedChannel("test-RTL7b");
		channel.subscribe("target", received::add);
		deliver(channel, Message.of("other", "x"), Message.of("target", "y"), Message.of(null, "z"));
		assertThat(received).extracting(Message::data).containsExactly("y");
	}

	@Test
	void RTL7b_namedSubscriptionsAreIndependent() {
		RealtimeChannel channel = attachedChannel("test-RTL7b-multi");
		List<Message> alpha = new CopyOnWriteArrayList<>();
		List<Message> beta = new CopyOnWriteArrayList<>();
		channel.subscribe("alpha", alpha::add);
		channel.subscribe("beta", beta::add);
		deliver(channel, Message.of("alpha", "a1"), Message.of("beta", "b1"), Message.of("alpha", "a2"));
		assertThat(alpha).extracting(Message::data).containsExactly("a1", "a2");
		assertThat(beta).extracting(Message::data).containsExactly("b1");
	}

	@Test
	void RTL7g_subscribeAttachesAnInitializedChannel() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL7g");
		channel.subscribe(received::add);
		awaitState(channel, ChannelState.ATTACHED);
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(1);
	}

	@Test
	void RTL7g_subscribeAttachesADetachedChannel() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL7g-detached");
		await(channel.attach());
		await(channel.detach());
		channel.subscribe(received::add);
		awaitState(channel, ChannelState.ATTACHED);
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(2);
	}

	@Test
	void RTL7g_theListenerStaysRegisteredWhenTheImplicitAttachFails() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(channelError(m.channel(), 40160, 401, "Not permitted"));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTL7g-fail");
		channel.subscribe(received::add);
		awaitState(channel, ChannelState.FAILED);

		serveAttachAndDetach();
		await(channel.attach());
		deliver(channel, Message.of("test", "after-reattach"));
		assertThat(received).extracting(Message::data).containsExactly("after-reattach");
	}

	@Test
	void RTL7h_noImplicitAttachWhenAttachOnSubscribeIsOff() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL7h", NO_IMPLICIT_ATTACH);
		channel.subscribe(m -> {
		});
		clock.settle();
		assertThat(channel.state()).isEqualTo(ChannelState.INITIALIZED);
		assertThat(sent(ProtocolAction.ATTACH)).isEmpty();
	}

	@Test
	void RTL7g_noExtraAttachWhenAlreadyAttached() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL7g-attached");
		await(channel.attach());
		channel.subscribe(m -> {
		});
		clock.settle();
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(1);
	}

	@Test
	void RTL7g_noExtraAttachWhileAttaching() {
		connectedClient();
		RealtimeChannel channel = client.channels().get("test-RTL7g-attaching");
		channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		channel.subscribe(m -> {
		});
		clock.settle();
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHING);
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(1);
	}

	@Test
	void RTL17_noMessagesBeforeTheChannelIsAttached() {
		connectedClient();
		RealtimeChannel channel = client.channels().get("test-RTL17", NO_IMPLICIT_ATTACH);
		channel.subscribe(received::add);
		channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		deliver(channel, Message.of("premature", "should-not-deliver"));
		assertThat(received).isEmpty();
	}

	@Test
	void RTL7f_echoMessagesOffAsksTheServerNotToEcho() {
		newClient(r -> r.echoMessages(false));
		client.connect();
		clock.settle();
		assertThat(mock.active().params()).containsEntry("echo", "false");
	}

	@Test
	void RTL8a_unsubscribeRemovesThatListenerOnly() {
		RealtimeChannel channel = attachedChannel("test-RTL8a");
		List<Message> a = new CopyOnWriteArrayList<>();
		List<Message> b = new CopyOnWriteArrayList<>();
		Consumer<Message> listenerA = a::add;
		Consumer<Message> listenerB = b::add;
		channel.subscribe(listenerA);
		channel.subscribe(listenerB);
		deliver(channel, Message.of("msg1", "first"));
		channel.unsubscribe(listenerA);
		deliver(channel, Message.of("msg2", "second"));
		assertThat(a).extracting(Message::name).containsExactly("msg1");
		assertThat(b).extracting(Message::name).containsExactly("msg1", "msg2");
	}

	@Test
	void RTL8b_unsubscribeFromOneNameKeepsTheOthers() {
		RealtimeChannel channel = attachedChannel("test-RTL8b");
		Consumer<Message> listener = received::add;
		channel.subscribe("alpha", listener);
		channel.subscribe("beta", listener);
		deliver(channel, Message.of("alpha", "a1"), Message.of("beta", "b1"));
		assertThat(received).hasSize(2);
		channel.unsubscribe("alpha", listener);
		deliver(channel, Message.of("alpha", "a2"), Message.of("beta", "b2"));
		assertThat(received).hasSize(3);
		assertThat(received.get(2)).extracting(Message::name, Message::data).containsExactly("beta", "b2");
	}

	@Test
	void RTL8c_unsubscribeAllRemovesEveryListener() {
		RealtimeChannel channel = attachedChannel("test-RTL8c");
		List<Message> named = new CopyOnWriteArrayList<>();
		channel.subscribe(received::add);
		channel.subscribe("specific", named::add);
		deliver(channel, Message.of("specific", "first"));
		channel.unsubscribeAll();
		deliver(channel, Message.of("specific", "second"), Message.of("other", "third"));
		assertThat(received).hasSize(1);
		assertThat(named).hasSize(1);
	}

	@Test
	void RTL8a_unsubscribingAnUnknownListenerIsANoOp() {
		RealtimeChannel channel = attachedChannel("test-RTL8a-noop");
		channel.subscribe(received::add);
		channel.unsubscribe(m -> {
		});
		deliver(channel, Message.of("test", "still-works"));
		assertThat(received).extracting(Message::data).containsExactly("still-works");
	}

	@Test
	void RTL22a_MFI2d_filterOnName() {
		RealtimeChannel channel = attachedChannel("test-RTL22a-name");
		channel.subscribe(MessageFilter.byName("target-event"), received::add);
		deliver(channel, Message.of("target-event", "match-1"));
		deliver(channel, Message.of("other-event", "no-match"));
		deliver(channel, Message.of("target-event", "match-2"));
		deliver(channel, Message.of(null, "no-name"));
		assertThat(received).extracting(Message::data).containsExactly("match-1", "match-2");
	}

	@Test
	void RTL22a_MFI2b_filterOnRefTimeserial() {
		RealtimeChannel channel = attachedChannel("test-RTL22a-ref");
		channel.subscribe(new MessageFilter(null, "abc123@1700000000000-0", null, null, null), received::add);
		deliver(channel, withRef("reply", "match", "abc123@1700000000000-0", "com.ably.reply"));
		deliver(channel, withRef("reply", "no-match", "xyz789@1700000000000-0", "com.ably.reply"));
		deliver(channel, Message.of("plain", "no-ref"));
		deliver(channel, withRef("reaction", "match-2", "abc123@1700000000000-0", "com.ably.reaction"));
		assertThat(received).extracting(Message::data).containsExactly("match", "match-2");
	}

	@Test
	void RTL22b_MFI2a_isRefFalseDeliversOnlyMessagesWithoutRef() {
		RealtimeChannel channel = attachedChannel("test-RTL22b");
		channel.subscribe(new MessageFilter(false, null, null, null, null), received::add);
		deliver(channel, Message.of("plain", "no-extras"));
		deliver(channel, withRef("reply", "has-ref", "abc123@1700000000000-0", "com.ably.reply"));
		JsonNode headers = JsonMapper.builder().build().createObjectNode().set("headers",
				JsonMapper.builder().build().createObjectNode().put("custom-key", "custom-value"));
		deliver(channel, Message.builder().name("annotated").data("extras-no-ref").extras(headers).build());
		deliver(channel, withRef("reaction", "also-has-ref", "xyz789@1700000000000-0", "com.ably.reaction"));
		assertThat(received).extracting(Message::name, Message::data)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("plain", "no-extras"),
					org.assertj.core.groups.Tuple.tuple("annotated", "extras-no-ref"));
	}

	@Test
	void RTL22c_MFI2c_everyCriterionMustMatch() {
		RealtimeChannel channel = attachedChannel("test-RTL22c");
		channel.subscribe(new MessageFilter(null, null, "com.ably.reply", "comment", null), received::add);
		deliver(channel, withRef("comment", "both-match", "abc@1700000000000-0", "com.ably.reply"));
		deliver(channel, withRef("comment", "name-only", "def@1700000000000-0", "com.ably.reaction"));
		deliver(channel, withRef("update", "type-only", "ghi@1700000000000-0", "com.ably.reply"));
		deliver(channel, Message.of("update", "neither"));
		deliver(channel, withRef("comment", "both-match-2", "jkl@1700000000000-0", "com.ably.reply"));
		assertThat(received).extracting(Message::data).containsExactly("both-match", "both-match-2");
	}

	@Test
	void RTL22a_MFI2e_filterOnClientId() {
		RealtimeChannel channel = attachedChannel("test-RTL22a-client");
		channel.subscribe(MessageFilter.byClientId("user-42"), received::add);
		deliver(channel, Message.builder().name("chat").data("hello").clientId("user-42").build());
		deliver(channel, Message.builder().name("chat").data("other").clientId("user-99").build());
		deliver(channel, Message.of("chat", "anonymous"));
		deliver(channel, Message.builder().name("chat").data("again").clientId("user-42").build());
		assertThat(received).extracting(Message::data).containsExactly("hello", "again");
	}

	// ---------------------------------------------------------------- message_field_population.md

	private void deliverFrom(RealtimeChannel channel, String id, String connectionId, Long timestamp,
			Message... messages) {
		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel.name()).id(id)
			.connectionId(connectionId).timestamp(timestamp).messages(Arrays.asList(messages)).build());
		clock.settle();
	}

	@Test
	void TM2a_TM2c_TM2f_messagesInheritIdConnectionIdAndTimestamp() {
		RealtimeChannel channel = attachedChannel("test-TM2");
		channel.subscribe(received::add);
		deliverFrom(channel, "connId:7", "connId", 1700000000000L, Message.of("first", "a"), Message.of("second", "b"));
		assertThat(received).extracting(Message::id, Message::connectionId, Message::timestamp, Message::name)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("connId:7:0", "connId", 1700000000000L, "first"),
					org.assertj.core.groups.Tuple.tuple("connId:7:1", "connId", 1700000000000L, "second"));
	}

	@Test
	void TM2a_idIsProtocolIdAndIndex() {
		RealtimeChannel channel = attachedChannel("test-TM2a");
		channel.subscribe(received::add);
		deliverFrom(channel, "abc123:5", "abc123", 1700000000000L, Message.of("a", "1"), Message.of("b", "2"),
				Message.of("c", "3"));
		assertThat(received).extracting(Message::id).containsExactly("abc123:5:0", "abc123:5:1", "abc123:5:2");
	}

	@Test
	void TM2a_TM2c_TM2f_ownFieldsAreKept() {
		RealtimeChannel channel = attachedChannel("test-TM2-own");
		channel.subscribe(received::add);
		deliverFrom(channel, "proto-id:0", "proto-conn", 1700000000000L, Message.builder().id("my-custom-id")
			.connectionId("msg-conn").timestamp(1600000000000L).name("msg").data("hello").build());
		assertThat(received).singleElement().satisfies(m -> {
			assertThat(m.id()).isEqualTo("my-custom-id");
			assertThat(m.connectionId()).isEqualTo("msg-conn");
			assertThat(m.timestamp()).isEqualTo(1600000000000L);
		});
	}

	@Test
	void TM2a_noIdWithoutAProtocolId() {
		RealtimeChannel channel = attachedChannel("test-TM2a-none");
		channel.subscribe(received::add);
		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel(channel.name())
			.connectionId("abc123").messages(List.of(Message.of("msg", "hello"))).build());
		clock.settle();
		assertThat(received).singleElement().satisfies(m -> {
			assertThat(m.id()).isNull();
			assertThat(m.connectionId()).isEqualTo("abc123");
		});
	}
}
