package io.github.ablyspring.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

/** The same logical MESSAGE ProtocolMessage, built once for our model and once for ably-java's. */
final class BenchMessages {

	static final String CHANNEL = "bench:channel-1";

	static final long MSG_SERIAL = 42L;

	/** The payload shapes of the issue. */
	enum Shape {

		STRING_100_X1("string100x1", 1, 100, false),

		BINARY_1KIB_X10("binary1KiBx10", 10, 1024, true);

		final String param;

		final int count;

		final int size;

		final boolean binary;

		Shape(String param, int count, int size, boolean binary) {
			this.param = param;
			this.count = count;
			this.size = size;
			this.binary = binary;
		}

		static Shape of(String param) {
			for (Shape s : values()) {
				if (s.param.equals(param)) {
					return s;
				}
			}
			throw new IllegalArgumentException("unknown shape " + param);
		}
	}

	private BenchMessages() {
	}

	static String id(int i) {
		return "bench-conn-7f3a:" + MSG_SERIAL + ":" + i;
	}

	static String name(int i) {
		return "event-" + i;
	}

	/** Deterministic payload of message {@code i}: printable ASCII text, or pseudo-random bytes. */
	static Object data(Shape shape, int i) {
		Random random = new Random(1234L + i);
		if (shape.binary) {
			byte[] bytes = new byte[shape.size];
			random.nextBytes(bytes);
			return bytes;
		}
		char[] chars = new char[shape.size];
		for (int c = 0; c < chars.length; c++) {
			chars[c] = (char) ('a' + random.nextInt(26));
		}
		return new String(chars);
	}

	static ProtocolMessage ours(Shape shape) {
		List<Message> messages = new ArrayList<>();
		for (int i = 0; i < shape.count; i++) {
			messages.add(Message.builder().id(id(i)).name(name(i)).data(data(shape, i)).build());
		}
		return ProtocolMessage.builder(ProtocolAction.MESSAGE)
			.channel(CHANNEL)
			.msgSerial(MSG_SERIAL)
			.messages(messages)
			.build();
	}

	static io.ably.lib.types.ProtocolMessage ablyJava(Shape shape) {
		io.ably.lib.types.Message[] messages = new io.ably.lib.types.Message[shape.count];
		for (int i = 0; i < shape.count; i++) {
			io.ably.lib.types.Message m = new io.ably.lib.types.Message(name(i), data(shape, i));
			m.id = id(i);
			messages[i] = m;
		}
		io.ably.lib.types.ProtocolMessage pm = new io.ably.lib.types.ProtocolMessage(
				io.ably.lib.types.ProtocolMessage.Action.message, CHANNEL);
		pm.msgSerial = MSG_SERIAL;
		pm.messages = messages;
		return pm;
	}
}
