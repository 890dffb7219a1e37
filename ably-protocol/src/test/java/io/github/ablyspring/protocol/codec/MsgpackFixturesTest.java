package io.github.ablyspring.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.Vectors;
import io.github.ablyspring.protocol.payload.DecodeResult;
import io.github.ablyspring.protocol.payload.PayloadDecoder;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * RSL6a3: Ably's msgpack ProtocolMessage fixtures ({@code msgpack_test_fixtures.json}) decode, and their first
 * message's payload decodes to the fixture's data; re-encoding and decoding again gives the same message.
 */
class MsgpackFixturesTest {

	private static final WireCodec MSGPACK = WireCodec.of(WireFormat.MSGPACK);

	@Test
	void RSL6a3_everyMsgpackFixtureDecodesToItsData() {
		JsonNode fixtures = Vectors.json("msgpack_test_fixtures.json");
		int checked = 0;
		for (JsonNode fixture : fixtures) {
			String name = fixture.get("name").asString();
			ProtocolMessage pm = MSGPACK.decode(Base64.getDecoder().decode(fixture.get("msgpack").asString()),
					WireTypes.PROTOCOL_MESSAGE);
			assertThat(pm.msgSerial()).as(name).isZero();
			Message wire = pm.messages().get(0);
			DecodeResult<Message> decoded = PayloadDecoder.plain().decode(wire);
			assertThat(decoded.error()).as(name).isNull();
			Object data = decoded.value().data();
			assertThat(decoded.value().encoding()).as(name).isNull();

			String type = fixture.get("type").asString();
			int repeat = fixture.get("numRepeat").asInt();
			switch (type) {
				case "string" -> assertThat(data).as(name).isEqualTo(fixture.get("data").asString().repeat(repeat));
				case "binary" -> assertThat(data).as(name)
					.isEqualTo(fixture.get("data").asString().repeat(repeat).getBytes(StandardCharsets.UTF_8));
				case "jsonObject", "jsonArray" -> assertThat(data).as(name).isEqualTo(fixture.get("data"));
				default -> throw new AssertionError("unknown fixture type " + type);
			}
			// The fixtures carry no action (it reads as UNKNOWN, which cannot be sent): re-encode as a MESSAGE.
			assertThat(pm.action()).isEqualTo(ProtocolAction.UNKNOWN);
			ProtocolMessage resent = pm.toBuilder().action(ProtocolAction.MESSAGE).build();
			assertThat(MSGPACK.decode(MSGPACK.encode(resent, WireTypes.PROTOCOL_MESSAGE), WireTypes.PROTOCOL_MESSAGE))
				.as(name)
				.isEqualTo(resent);
			checked++;
		}
		assertThat(checked).isEqualTo(fixtures.size()).isPositive();
		System.out.println("msgpack_test_fixtures.json: " + checked + " fixtures decoded to their expected data");
	}
}
