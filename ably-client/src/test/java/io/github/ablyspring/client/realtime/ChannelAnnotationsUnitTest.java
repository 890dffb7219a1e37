package io.github.ablyspring.client.realtime;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolFlag;
import io.github.ablyspring.protocol.ProtocolMessage;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/channels/channel_annotations.md: RTL26, RTAN1-RTAN5. */
class ChannelAnnotationsUnitTest extends ChannelUnitTestSupport {

	private static final ChannelOptions NO_IMPLICIT_ATTACH = ChannelOptions.builder().attachOnSubscribe(false).build();

	private final List<Annotation> received = new CopyOnWriteArrayList<>();

	private volatile boolean nack;

	/** ATTACH → ATTACHED with {@code flags}; ANNOTATION → ACK (or NACK). */
	private void serveAttached(ProtocolFlag... flags) {
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel(), null, flags));
			}
			else if (m.action() == ProtocolAction.ANNOTATION) {
				c.sendToClient(nack
						? ProtocolMessage.builder(ProtocolAction.NACK).msgSerial(m.msgSerial()).count(1)
							.error(ErrorInfo.of(40160, 401, "Not permitted")).build()
						: ProtocolMessage.builder(ProtocolAction.ACK).msgSerial(m.msgSerial()).count(1).build());
			}
		});
	}

	private RealtimeChannel attachedChannel(String name, ChannelOptions options, ProtocolFlag... flags) {
		connectedClient();
		serveAttached(flags);
		RealtimeChannel channel = client.channels().get(name, options);
		await(channel.attach());
		return channel;
	}

	private static Annotation annotation(@Nullable String type, @Nullable String name, @Nullable Object data) {
		return new Annotation(null, null, null, name, null, data, null, null, null, null, type, null);
	}

	private static Annotation incoming(String id, String type, String name, String clientId, String serial,
			long timestamp) {
		return new Annotation(id, AnnotationAction.ANNOTATION_CREATE, clientId, name, null, null, null, timestamp,
				serial, "msg-serial-1", type, null);
	}

	private void deliver(RealtimeChannel channel, Annotation... annotations) {
		mock.active().sendToClient(ProtocolMessage.builder(ProtocolAction.ANNOTATION).channel(channel.name())
			.annotations(Arrays.asList(annotations)).build());
		clock.settle();
	}

	private Annotation sentAnnotation() {
		List<ProtocolMessage> pms = sent(ProtocolAction.ANNOTATION);
		assertThat(pms).hasSize(1);
		assertThat(pms.get(0).annotations()).hasSize(1);
		return pms.get(0).annotations().get(0);
	}

	@Test
	void RTL26_theChannelHasAnnotations() {
		newClient();
		assertThat(client.channels().get("test-RTL26").annotations()).isInstanceOf(RealtimeAnnotations.class);
	}

	@Test
	void RTAN1a_RTAN1c_publishSendsAnAnnotationCreate() {
		RealtimeChannel channel = attachedChannel("test-RTAN1", ChannelOptions.defaults(), ProtocolFlag.PUBLISH,
				ProtocolFlag.ANNOTATION_PUBLISH);
		await(channel.annotations().publish("msg-serial-1", annotation("com.example.reaction", "like", null)));
		assertThat(sent(ProtocolAction.ANNOTATION).get(0).channel()).isEqualTo("test-RTAN1");
		Annotation sent = sentAnnotation();
		assertThat(sent.action()).isEqualTo(AnnotationAction.ANNOTATION_CREATE);
		assertThat(sent.messageSerial()).isEqualTo("msg-serial-1");
		assertThat(sent.type()).isEqualTo("com.example.reaction");
		assertThat(sent.name()).isEqualTo("like");
	}

	@Test
	void RTAN1a_publishNeedsAType() {
		RealtimeChannel channel = attachedChannel("test-RTAN1a", ChannelOptions.defaults(), ProtocolFlag.PUBLISH,
				ProtocolFlag.ANNOTATION_PUBLISH);
		ErrorInfo error = awaitFailure(channel.annotations().publish("msg-serial-1", annotation(null, "like", null)));
		assertThat(error).isNotNull();
		assertThat(sent(ProtocolAction.ANNOTATION)).isEmpty();
	}

	@Test
	void RTAN1a_publishEncodesDataLikeAMessage() {
		RealtimeChannel channel = attachedChannel("test-RTAN1a-encode", ChannelOptions.defaults(),
				ProtocolFlag.PUBLISH, ProtocolFlag.ANNOTATION_PUBLISH);
		Map<String, Object> data = Map.of("key", "value", "nested", Map.of("a", 1));
		await(channel.annotations().publish("msg-serial-1", annotation("com.example.data", null, data)));
		Annotation sent = sentAnnotation();
		assertThat(sent.data()).isInstanceOf(String.class);
		assertThat(sent.encoding()).isEqualTo("json");
		JsonMapper json = JsonMapper.builder().build();
		assertThat(json.readTree((String) sent.data())).isEqualTo(json.valueToTree(data));
	}

	@Test
	void RTAN1b_publishOnAFailedChannelFails() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(channelError(m.channel(), 40160, 401, "Not permitted"));
			}
		});
		RealtimeChannel channel = client.channels().get("test-RTAN1b");
		awaitFailure(channel.attach());
		assertThat(channel.state()).isEqualTo(ChannelState.FAILED);
		assertThat(awaitFailure(channel.annotations().publish("msg-serial-1",
				annotation("com.example.reaction", "like", null)))).isNotNull();
		assertThat(sent(ProtocolAction.ANNOTATION)).isEmpty();
	}

	@Test
	void RTAN1d_publishCompletesOnAckAndFailsOnNack() {
		RealtimeChannel channel = attachedChannel("test-RTAN1d", ChannelOptions.defaults(), ProtocolFlag.PUBLISH,
				ProtocolFlag.ANNOTATION_PUBLISH);
		await(channel.annotations().publish("msg-serial-1", annotation("com.example.reaction", "like", null)));
		nack = true;
		ErrorInfo error = awaitFailure(channel.annotations().publish("msg-serial-1",
				annotation("com.example.reaction", "like", null)));
		assertThat(error.code()).isEqualTo(40160);
	}

	@Test
	void RTAN2a_deleteSendsAnAnnotationDelete() {
		RealtimeChannel channel = attachedChannel("test-RTAN2", ChannelOptions.defaults(), ProtocolFlag.PUBLISH,
				ProtocolFlag.ANNOTATION_PUBLISH);
		await(channel.annotations().delete("msg-serial-1", annotation("com.example.reaction", "like", null)));
		Annotation sent = sentAnnotation();
		assertThat(sent.action()).isEqualTo(AnnotationAction.ANNOTATION_DELETE);
		assertThat(sent.messageSerial()).isEqualTo("msg-serial-1");
		assertThat(sent.type()).isEqualTo("com.example.reaction");
		assertThat(sent.name()).isEqualTo("like");
	}

	@Test
	void RTAN4a_RTAN4b_subscribeGetsEveryAnnotationOfTheProtocolMessage() {
		RealtimeChannel channel = attachedChannel("test-RTAN4", NO_IMPLICIT_ATTACH, ProtocolFlag.PUBLISH,
				ProtocolFlag.ANNOTATION_PUBLISH, ProtocolFlag.ANNOTATION_SUBSCRIBE);
		channel.annotations().subscribe(received::add);
		deliver(channel, incoming("ann-1", "com.example.reaction", "like", "user-1", "ann-serial-1", 1700000000000L),
				incoming("ann-2", "com.example.reaction", "heart", "user-2", "ann-serial-2", 1700000001000L));
		assertThat(received).hasSize(2);
		Annotation first = received.get(0);
		assertThat(first.id()).isEqualTo("ann-1");
		assertThat(first.action()).isEqualTo(AnnotationAction.ANNOTATION_CREATE);
		assertThat(first.type()).isEqualTo("com.example.reaction");
		assertThat(first.name()).isEqualTo("like");
		assertThat(first.clientId()).isEqualTo("user-1");
		assertThat(first.serial()).isEqualTo("ann-serial-1");
		assertThat(first.messageSerial()).isEqualTo("msg-serial-1");
		assertThat(first.timestamp()).isEqualTo(1700000000000L);
		assertThat(received.get(1)).extracting(Annotation::name, Annotation::clientId).containsExactly("heart",
				"user-2");
	}

	@Test
	void RTAN4c_aTypedSubscriptionGetsOnlyThatType() {
		RealtimeChannel channel = attachedChannel("test-RTAN4c", NO_IMPLICIT_ATTACH, ProtocolFlag.PUBLISH,
				ProtocolFlag.ANNOTATION_PUBLISH, ProtocolFlag.ANNOTATION_SUBSCRIBE);
		channel.annotations().subscribe("com.example.reaction", received::add);
		deliver(channel, incoming("a1", "com.example.reaction", "like", "u", "s1", 1L),
				incoming("a2", "com.example.comment", "text", "u", "s2", 2L),
				incoming("a3", "com.example.reaction.extra", "x", "u", "s3", 3L));
		assertThat(received).extracting(Annotation::id).containsExactly("a1");
	}

	@Test
	void RTAN4d_subscribeAttachesTheChannel() {
		connectedClient();
		serveAttached(ProtocolFlag.ANNOTATION_SUBSCRIBE);
		RealtimeChannel channel = client.channels().get("test-RTAN4d");
		channel.annotations().subscribe(received::add);
		awaitState(channel, ChannelState.ATTACHED);
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(1);
	}

	@Test
	void RTAN4e_subscribeWarnsWithoutTheAnnotationSubscribeMode() {
		RealtimeChannel channel = attachedChannel("test-RTAN4e", NO_IMPLICIT_ATTACH, ProtocolFlag.PUBLISH);
		List<String> warnings = new CopyOnWriteArrayList<>();
		channel.annotations().warnings = warnings::add;
		channel.annotations().subscribe(a -> {
		});
		assertThat(warnings).anyMatch(w -> w.contains("ANNOTATION_SUBSCRIBE"));
	}

	@Test
	void RTAN4e1_noWarningWhileNotAttachedWithoutImplicitAttach() {
		newClient();
		RealtimeChannel channel = client.channels().get("test-RTAN4e1", NO_IMPLICIT_ATTACH);
		List<String> warnings = new CopyOnWriteArrayList<>();
		channel.annotations().warnings = warnings::add;
		channel.annotations().subscribe(a -> {
		});
		clock.settle();
		assertThat(channel.state()).isEqualTo(ChannelState.INITIALIZED);
		assertThat(warnings).noneMatch(w -> w.contains("ANNOTATION_SUBSCRIBE"));
	}

	@Test
	void RTAN5a_unsubscribeRemovesTheListener() {
		RealtimeChannel channel = attachedChannel("test-RTAN5", NO_IMPLICIT_ATTACH,
				ProtocolFlag.ANNOTATION_SUBSCRIBE);
		Consumer<Annotation> listener = received::add;
		channel.annotations().subscribe(listener);
		deliver(channel, incoming("a1", "com.example.reaction", "like", "u", "s1", 1L));
		channel.annotations().unsubscribe(listener);
		deliver(channel, incoming("a2", "com.example.reaction", "heart", "u", "s2", 2L));
		assertThat(received).extracting(Annotation::name).containsExactly("like");
	}

	@Test
	void RTAN5a_unsubscribeFromOneTypeKeepsTheOthers() {
		RealtimeChannel channel = attachedChannel("test-RTAN5a", NO_IMPLICIT_ATTACH,
				ProtocolFlag.ANNOTATION_SUBSCRIBE);
		List<Annotation> reactions = new CopyOnWriteArrayList<>();
		Consumer<Annotation> reactionListener = reactions::add;
		channel.annotations().subscribe("com.example.reaction", reactionListener);
		channel.annotations().subscribe("com.example.comment", received::add);
		channel.annotations().unsubscribe("com.example.reaction", reactionListener);
		deliver(channel, incoming("a1", "com.example.reaction", "like", "u", "s1", 1L),
				incoming("a2", "com.example.comment", "text", "u", "s2", 2L));
		assertThat(reactions).isEmpty();
		assertThat(received).extracting(Annotation::type).containsExactly("com.example.comment");
	}
}
