package io.github.ablyspring.protocol.payload;

import java.util.Base64;

/**
 * Lenient base64 decoding of received payloads. Other libraries and the REST API may wrap base64 at 76 columns
 * (MIME style) or not, and may drop padding, so whitespace is ignored and padding is optional; the base64url
 * alphabet (RFC 4648 s.5) is accepted too since no valid standard text contains its two extra characters. Any other
 * character is an error, unlike the JDK's MIME decoder, which silently skips it.
 */
final class Base64Text {

	private Base64Text() {
	}

	static byte[] decode(String text) {
		StringBuilder normalised = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean skip = c == '\r' || c == '\n' || c == ' ' || c == '\t';
			char mapped = c == '-' ? '+' : c == '_' ? '/' : c;
			if (normalised == null && (skip || mapped != c)) {
				normalised = new StringBuilder(text.length()).append(text, 0, i);
			}
			if (normalised != null && !skip) {
				normalised.append(mapped);
			}
		}
		return Base64.getDecoder().decode(normalised == null ? text : normalised.toString());
	}
}
