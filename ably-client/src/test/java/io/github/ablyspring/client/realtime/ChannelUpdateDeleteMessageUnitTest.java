package io.github.ablyspring.client.realtime;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.rest.MessageOperation;
import io.github.ablyspring.client.rest.UpdateDeleteResult;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.PublishResult;

import static org.assertj.core.api.Assertions.assertThat;

/** uts/realtime/unit/channels/channel_update_delete_message.md: RTL32. */
class ChannelUpdateDeleteMessageUnitTest extends ChannelUnitTestSupport {

	private RealtimeChannel channel;

	private volatile boolean nack;

	@BeforeEach
	void attach() {
		connectedClient();
		serve((c, m) -> {
			if (m.action() == ProtocolAction.ATTACH) {
				c.sendToClient(attached(m.channel()));
			}
			else if (m.action() == ProtocolAction.MESSAGE) {
				c.sendToClient(nack
						? ProtocolMessage.builder(ProtocolAction.NACK).msgSerial(m.msgSerial()).count(1)
							.error(ErrorInfo.of(40160, 401, "Not permitted")).build()
						: ProtocolMessage.builder(ProtocolAction.ACK).msgSerial(m.msgSerial()).count(1)
							.res(List.of(new PublishResult(List.of("01770000000000-000@abcdef:000")))).build());
			}
		});
		channel = client.channels().get("test-RTL32");
		await(channel.attach());
	}

	private Message sentMessage() {
		return sent(ProtocolAction.MESSAGE).get(sent(ProtocolAction.MESSAGE).size() - 1).messages().get(0);
	}

	@Test
	void RTL32b_RTL32b1_updateSendsOneMessageUpdate() {
		await(channel.updateMessage(Message.builder().serial("msg-serial-1").name("updated").data("new-data").build()));
		ProtocolMessage pm = sent(ProtocolAction.MESSAGE).get(0);
		assertThat(pm.channel()).isEqualTo("test-RTL32");
		assertThat(pm.messages()).hasSize(1);
		Message m = pm.messages().get(0);
		assertThat(m.action()).isEqualTo(MessageAction.MESSAGE_UPDATE);
		assertThat(m.serial()).isEqualTo("msg-serial-1");
		assertThat(m.name()).isEqualTo("updated");
		assertThat(m.data()).isEqualTo("new-data");
	}

	@Test
	void RTL32b1_deleteSendsMessageDelete() {
		await(channel.deleteMessage(Message.builder().serial("msg-serial-1").build()));
		assertThat(sentMessage().action()).isEqualTo(MessageAction.MESSAGE_DELETE);
		assertThat(sentMessage().serial()).isEqualTo("msg-serial-1");
	}

	@Test
	void RTL32b1_appendSendsMessageAppend() {
		await(channel.appendMessage(Message.builder().serial("msg-serial-1").data("more").build()));
		assertThat(sentMessage().action()).isEqualTo(MessageAction.MESSAGE_APPEND);
		assertThat(sentMessage().serial()).isEqualTo("msg-serial-1");
	}

	@Test
	void RTL32b2_theOperationBecomesTheVersion() {
		Message message = Message.builder().serial("msg-serial-1").name("n").data("d").build();
		await(channel.updateMessage(message, new MessageOperation(null, "edited content", Map.of("reason", "typo")),
				null));
		await(channel.updateMessage(message));
		List<ProtocolMessage> pms = sent(ProtocolAction.MESSAGE);
		assertThat(pms).hasSize(2);
		assertThat(pms.get(0).messages().get(0).version().description()).isEqualTo("edited content");
		assertThat(pms.get(0).messages().get(0).version().metadata()).containsEntry("reason", "typo");
		assertThat(pms.get(1).messages().get(0).version()).isNull();
	}

	@Test
	void RTL32c_theCallersMessageIsNotChanged() {
		Message original = Message.builder().serial("msg-serial-1").name("original").data("original-data").build();
		await(channel.updateMessage(original));
		assertThat(original.name()).isEqualTo("original");
		assertThat(original.data()).isEqualTo("original-data");
		assertThat(original.serial()).isEqualTo("msg-serial-1");
		assertThat(original.action()).isNull();
	}

	@Test
	void RTL32d_theResultIsTheFirstSerialOfTheAck() {
		UpdateDeleteResult result = await(channel.updateMessage(Message.builder().serial("msg-serial-1").build()));
		assertThat(result.versionSerial()).isEqualTo("01770000000000-000@abcdef:000");
	}

	@Test
	void RTL32d_aNackFailsTheOperation() {
		nack = true;
		ErrorInfo error = awaitFailure(channel.updateMessage(Message.builder().serial("msg-serial-1").build()));
		assertThat(error.code()).isEqualTo(40160);
	}

	@Test
	void RTL32e_paramsTravelOnTheProtocolMessage() {
		await(channel.updateMessage(Message.builder().serial("msg-serial-1").build(), null,
				Map.of("key1", "value1", "key2", "value2")));
		assertThat(sent(ProtocolAction.MESSAGE).get(0).params()).containsEntry("key1", "value1")
			.containsEntry("key2", "value2");
	}

	@Test
	void RTL32a_aSerialIsRequired() {
		assertThat(awaitFailure(channel.updateMessage(Message.builder().serial("").build())).code()).isEqualTo(40003);
		assertThat(awaitFailure(channel.deleteMessage(Message.builder().build())).code()).isEqualTo(40003);
		assertThat(sent(ProtocolAction.MESSAGE)).isEmpty();
	}
}
