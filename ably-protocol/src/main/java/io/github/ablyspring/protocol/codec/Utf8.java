package io.github.ablyspring.protocol.codec;

/**
 * Strict UTF-8 validation (RFC 3629) for JSON input, which Jackson decodes leniently: overlong forms (a way to
 * smuggle {@code ../}), surrogates and code points past U+10FFFF are rejected, without allocating.
 */
final class Utf8 {

	private Utf8() {
	}

	/** The offset of the first invalid sequence, or -1 when all of {@code bytes} is valid UTF-8. */
	static int firstInvalid(byte[] bytes) {
		int i = 0;
		int n = bytes.length;
		while (i < n) {
			int b = bytes[i];
			if (b >= 0) {
				i++;
				continue;
			}
			int lead = b & 0xFF;
			int length;
			int min;
			if (lead >= 0xC2 && lead <= 0xDF) {
				length = 2;
				min = 0x80;
			}
			else if (lead >= 0xE0 && lead <= 0xEF) {
				length = 3;
				min = 0x800;
			}
			else if (lead >= 0xF0 && lead <= 0xF4) {
				length = 4;
				min = 0x10000;
			}
			else {
				return i;
			}
			if (i + length > n) {
				return i;
			}
			int cp = lead & (0xFF >> (length + 1));
			for (int k = 1; k < length; k++) {
				int c = bytes[i + k] & 0xFF;
				if ((c & 0xC0) != 0x80) {
					return i;
				}
				cp = (cp << 6) | (c & 0x3F);
			}
			if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
				return i;
			}
			i += length;
		}
		return -1;
	}
}
