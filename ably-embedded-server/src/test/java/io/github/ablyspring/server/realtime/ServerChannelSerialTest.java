package io.github.ablyspring.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written serial formatter, id window and serial parser of {@link ServerChannel}. */
class ServerChannelSerialTest {

	private static String formatted(long sequence, int index) {
		return String.format(Locale.ROOT, "%016d-%03d@embedded", sequence, index);
	}

	@ParameterizedTest
	@CsvSource({ "0,0", "1,0", "1,1", "9,9", "10,10", "99,99", "100,100", "999,999", "1000,1000", "12345,7",
			"123456789,42", "999999999999999,998", "1000000000000000,0", "9999999999999999,999",
			"10000000000000000,1", "9223372036854775807,2147483647", "-1,0", "0,-1", "-9223372036854775808,-5" })
	void serialIsByteIdenticalToStringFormat(long sequence, int index) {
		assertThat(ServerChannel.serial(sequence, index)).isEqualTo(formatted(sequence, index));
	}

	@Test
	void serialsMatchStringFormatAcrossDigitBoundaries() {
		for (long sequence = 0, step = 1; sequence >= 0 && sequence < Long.MAX_VALUE / 3; sequence = sequence * 3 + step) {
			for (int index : new int[] { 0, 1, 9, 10, 99, 100, 999, 1000, 12345 }) {
				assertThat(ServerChannel.serial(sequence, index)).isEqualTo(formatted(sequence, index));
				assertThat(ServerChannel.serial(sequence - 1 < 0 ? 0 : sequence - 1, index))
					.isEqualTo(formatted(sequence - 1 < 0 ? 0 : sequence - 1, index));
			}
		}
	}

	@Test
	void nextSerialNumbersMessagesWithinOneProtocolMessage() {
		ServerChannel channel = new ServerChannel("c");
		assertThat(channel.channelSerial()).isEqualTo("0000000000000000-000@embedded");
		assertThat(channel.nextSerial(0)).isEqualTo("0000000000000001-000@embedded");
		assertThat(channel.nextSerial(1)).isEqualTo("0000000000000001-001@embedded");
		assertThat(channel.nextSerial(0)).isEqualTo("0000000000000002-000@embedded");
		assertThat(channel.channelSerial()).isEqualTo("0000000000000002-000@embedded");
	}

	@Test
	void sequenceOfParsesTheLeadingSixteenDigits() {
		assertThat(ServerChannel.sequenceOf(ServerChannel.serial(0, 0))).isZero();
		assertThat(ServerChannel.sequenceOf(ServerChannel.serial(123456789, 3))).isEqualTo(123456789L);
		assertThat(ServerChannel.sequenceOf(ServerChannel.serial(9999999999999999L, 999))).isEqualTo(9999999999999999L);
		assertThat(ServerChannel.sequenceOf(null)).isEqualTo(-1);
		assertThat(ServerChannel.sequenceOf("000000000000001")).isEqualTo(-1);
		assertThat(ServerChannel.sequenceOf("00000000000000x1-000@embedded")).isEqualTo(-1);
		assertThat(ServerChannel.sequenceOf("not-a-serial-of-ours")).isEqualTo(-1);
		// Not ASCII digits only: parsed as Long.parseLong always did.
		assertThat(ServerChannel.sequenceOf("+000000000000005-000@embedded")).isEqualTo(5);
		assertThat(ServerChannel.sequenceOf("-000000000000005-000@embedded")).isEqualTo(-5);
	}

	@Test
	void rememberIdKeepsAWindowOfTheLastTenThousandDistinctIds() {
		ServerChannel channel = new ServerChannel("c");
		assertThat(channel.rememberId("a")).isTrue();
		assertThat(channel.rememberId("a")).isFalse();
		for (int i = 1; i < 10_000; i++) {
			assertThat(channel.rememberId("id" + i)).isTrue();
		}
		// 10,000 remembered: "a" is the oldest and still within the window.
		assertThat(channel.rememberId("a")).isFalse();
		assertThat(channel.rememberId("id10000")).isTrue();
		// The 10,001st distinct id evicted "a" (a duplicate does not refresh its place).
		assertThat(channel.rememberId("id1")).isFalse();
		assertThat(channel.rememberId("a")).isTrue();
		// Remembering "a" again evicted the then-oldest, "id1".
		assertThat(channel.rememberId("id1")).isTrue();
		assertThat(channel.rememberId("id9999")).isFalse();
	}
}
