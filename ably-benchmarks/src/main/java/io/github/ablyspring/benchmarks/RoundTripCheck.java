package io.github.ablyspring.benchmarks;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireFormat;

/**
 * Checks, outside any measurement, that both libraries' round trips give back the logical message that went in.
 * On JSON a binary payload comes back as its base64 text with encoding {@code base64} from both libraries (neither
 * serializer does payload decoding, RSL6), so that is what is expected there.
 */
final class RoundTripCheck {

	private RoundTripCheck() {
	}

	/**
	 * Runs every check without JMH and prints the encoded size of each library's message:
	 * {@code java -cp ably-benchmarks/target/ably-benchmarks.jar io.github.ablyspring.benchmarks.RoundTripCheck}.
	 */
	public static void main(String[] args) throws Exception {
		for (String shape : new String[] { "string100x1", "binary1KiBx10" }) {
			for (String format : new String[] { "msgpack", "json" }) {
				CodecBenchmark bench = new CodecBenchmark();
				bench.shape = shape;
				bench.format = format;
				bench.setup();
				System.out.printf("%-14s %-8s ok; encoded bytes: ours %d, ably-java %d%n", shape, format,
						bench.oursEncodedSize(), bench.ablyJavaEncodedSize());
			}
		}
	}

	static void check(BenchMessages.Shape shape, WireFormat format, ProtocolMessage ours,
			io.ably.lib.types.ProtocolMessage ablyJava) {
		String where = shape.param + "/" + format;
		require(ours.action() == ProtocolAction.MESSAGE, where, "ours: action " + ours.action());
		require(BenchMessages.CHANNEL.equals(ours.channel()), where, "ours: channel " + ours.channel());
		require(Objects.equals(BenchMessages.MSG_SERIAL, ours.msgSerial()), where, "ours: msgSerial");
		List<Message> messages = ours.messages();
		require(messages != null && messages.size() == shape.count, where, "ours: message count");
		for (int i = 0; i < shape.count; i++) {
			Message m = messages.get(i);
			require(BenchMessages.id(i).equals(m.id()), where, "ours: id of " + i);
			require(BenchMessages.name(i).equals(m.name()), where, "ours: name of " + i);
			require(dataMatches(shape, format, i, m.data(), m.encoding()), where, "ours: data of " + i + " " + m);
		}

		require(ablyJava.action == io.ably.lib.types.ProtocolMessage.Action.message, where,
				"ably-java: action " + ablyJava.action);
		require(BenchMessages.CHANNEL.equals(ablyJava.channel), where, "ably-java: channel");
		require(Objects.equals(BenchMessages.MSG_SERIAL, ablyJava.msgSerial), where, "ably-java: msgSerial");
		require(ablyJava.messages != null && ablyJava.messages.length == shape.count, where,
				"ably-java: message count");
		for (int i = 0; i < shape.count; i++) {
			io.ably.lib.types.Message m = ablyJava.messages[i];
			require(BenchMessages.id(i).equals(m.id), where, "ably-java: id of " + i);
			require(BenchMessages.name(i).equals(m.name), where, "ably-java: name of " + i);
			require(dataMatches(shape, format, i, m.data, m.encoding), where, "ably-java: data of " + i);
		}
	}

	private static boolean dataMatches(BenchMessages.Shape shape, WireFormat format, int i, Object data,
			String encoding) {
		Object expected = BenchMessages.data(shape, i);
		if (!shape.binary) {
			return expected.equals(data) && encoding == null;
		}
		if (format == WireFormat.MSGPACK) {
			return data instanceof byte[] bytes && Arrays.equals((byte[]) expected, bytes) && encoding == null;
		}
		return Base64.getEncoder().encodeToString((byte[]) expected).equals(data) && "base64".equals(encoding);
	}

	private static void require(boolean ok, String where, String what) {
		if (!ok) {
			throw new IllegalStateException("round trip mismatch (" + where + "): " + what);
		}
	}
}
