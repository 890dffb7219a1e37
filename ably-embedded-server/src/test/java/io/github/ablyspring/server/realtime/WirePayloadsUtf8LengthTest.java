package io.github.ablyspring.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link WirePayloads#utf8Length} counts what {@code String.getBytes(UTF_8)} would produce, without encoding. */
class WirePayloadsUtf8LengthTest {

	private static int encoded(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a", "hello world", "\u007f", "\u0080", "é", "ß", "\u07ff", "\u0800", "€", "日本語",
			"\uffff", "\ud7ff", "\ue000", "😀", "a😀b", "😀😀", "\ud83d\ude00\u00e9\u20ac", "\ud800", "\udc00",
			"\ud800a", "a\udc00", "\udc00\ud800", "\ud800\ud800\udc00", "\ud83d", "x\ud83d", "\ud800\u00e9",
			"mixed é € 😀 \ud800 ascii" })
	void matchesGetBytes(String text) {
		assertThat(WirePayloads.utf8Length(text)).isEqualTo(encoded(text));
	}

	@Test
	void countsEachWidth() {
		assertThat(WirePayloads.utf8Length(null)).isZero();
		assertThat(WirePayloads.utf8Length("abc")).isEqualTo(3);
		assertThat(WirePayloads.utf8Length("é")).isEqualTo(2);
		assertThat(WirePayloads.utf8Length("€")).isEqualTo(3);
		assertThat(WirePayloads.utf8Length("😀")).isEqualTo(4);
		// A lone surrogate is encoded as '?': 1 byte.
		assertThat(WirePayloads.utf8Length("\ud83d")).isEqualTo(1);
		assertThat(WirePayloads.utf8Length("\ude00")).isEqualTo(1);
		assertThat(WirePayloads.utf8Length("\ude00\ud83d")).isEqualTo(2);
	}

	@Test
	void matchesGetBytesOnRandomText() {
		Random random = new Random(42);
		char[] interesting = { 'a', '\u007f', '\u0080', '\u07ff', '\u0800', '\ud7ff', '\ud800', '\udbff', '\udc00',
				'\udfff', '\ue000', '\uffff' };
		for (int run = 0; run < 2_000; run++) {
			char[] chars = new char[random.nextInt(12)];
			for (int i = 0; i < chars.length; i++) {
				chars[i] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
						: (char) random.nextInt(0x10000);
			}
			String text = new String(chars);
			assertThat(WirePayloads.utf8Length(text)).as("%s", text.chars().mapToObj(Integer::toHexString).toList())
				.isEqualTo(encoded(text));
		}
	}

	@Test
	void sizeAddsNameClientIdDataAndExtras() {
		assertThat(WirePayloads.size("né", "c😀", "€", null)).isEqualTo(3 + 5 + 3);
		assertThat(WirePayloads.size(null, null, new byte[7], "{\"k\":\"é\"}")).isEqualTo(7 + 10);
	}
}
