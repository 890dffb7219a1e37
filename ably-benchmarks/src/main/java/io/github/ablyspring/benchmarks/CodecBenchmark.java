package io.github.ablyspring.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.ably.lib.types.AblyException;
import io.ably.lib.types.ProtocolSerializer;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode then decode of one MESSAGE {@code ProtocolMessage}, with our {@link WireCodec} and, on the same logical
 * message, with ably-java 1.5.0's own {@link ProtocolSerializer}. Both methods return the decoded message so JMH
 * sinks it.
 *
 * <p>
 * Run: {@code java -jar ably-benchmarks/target/ably-benchmarks.jar CodecBenchmark -prof gc}. See
 * {@code docs/benchmarks.md}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

	/** {@code string100x1}: 1 message, 100-char string; {@code binary1KiBx10}: 10 messages, 1 KiB binary each. */
	@Param({ "string100x1", "binary1KiBx10" })
	public String shape;

	@Param({ "msgpack", "json" })
	public String format;

	private WireCodec codec;

	private ProtocolMessage ours;

	private io.ably.lib.types.ProtocolMessage ablyJava;

	private boolean msgpack;

	@Setup
	public void setup() throws AblyException {
		BenchMessages.Shape s = BenchMessages.Shape.of(shape);
		WireFormat wireFormat = WireFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
		msgpack = wireFormat == WireFormat.MSGPACK;
		codec = WireCodec.of(wireFormat);
		ours = BenchMessages.ours(s);
		ablyJava = BenchMessages.ablyJava(s);
		// Fails the trial (before any measurement) unless both round trips give back the message that went in.
		RoundTripCheck.check(s, wireFormat, ours_encodeDecode(), ablyJava_encodeDecode());
	}

	@Benchmark
	public ProtocolMessage ours_encodeDecode() {
		byte[] bytes = codec.encode(ours, WireTypes.PROTOCOL_MESSAGE);
		return codec.decode(bytes, WireTypes.PROTOCOL_MESSAGE);
	}

	/**
	 * ably-java's public serializer API. Its JSON reader takes a {@code String} (its WebSocket transport hands it the
	 * text frame), so the JSON path converts the UTF-8 bytes {@code writeJSON} returns.
	 */
	@Benchmark
	public io.ably.lib.types.ProtocolMessage ablyJava_encodeDecode() throws AblyException {
		if (msgpack) {
			return ProtocolSerializer.readMsgpack(ProtocolSerializer.writeMsgpack(ablyJava));
		}
		return ProtocolSerializer.fromJSON(new String(ProtocolSerializer.writeJSON(ablyJava), StandardCharsets.UTF_8));
	}

	int oursEncodedSize() {
		return codec.encode(ours, WireTypes.PROTOCOL_MESSAGE).length;
	}

	int ablyJavaEncodedSize() throws AblyException {
		return (msgpack ? ProtocolSerializer.writeMsgpack(ablyJava) : ProtocolSerializer.writeJSON(ablyJava)).length;
	}
}
