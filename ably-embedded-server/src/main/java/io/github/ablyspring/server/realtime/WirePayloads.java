package io.github.ablyspring.server.realtime;

import java.util.Base64;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceMessage;

import org.jspecify.annotations.Nullable;

/**
 * Payloads as the server keeps them: format-neutral. A trailing {@code base64} step (how JSON carries binary) is
 * undone on arrival, so the codec can send the bytes as msgpack {@code bin} or base64 again, whichever the
 * subscriber speaks. Anything else in the encoding is the client's business and passes through untouched.
 */
public final class WirePayloads {

	private WirePayloads() {
	}

	public static Message normalize(Message message) {
		Object data = message.data();
		String encoding = message.encoding();
		byte[] bytes = decodeTrailingBase64(data, encoding);
		return bytes == null ? message : message.withData(bytes, strip(encoding));
	}

	public static PresenceMessage normalize(PresenceMessage message) {
		byte[] bytes = decodeTrailingBase64(message.data(), message.encoding());
		return bytes == null ? message : message.withData(bytes, strip(message.encoding()));
	}

	/** The size of a message for {@code maxMessageSize} (TM6): data, name, clientId and extras. */
	public static long size(@Nullable String name, @Nullable String clientId, @Nullable Object data,
			@Nullable Object extras) {
		long size = utf8Length(name) + utf8Length(clientId);
		if (data instanceof byte[] bytes) {
			size += bytes.length;
		}
		else if (data != null) {
			size += utf8Length(data.toString());
		}
		if (extras != null) {
			size += utf8Length(extras.toString());
		}
		return size;
	}

	/**
	 * {@code text.getBytes(UTF_8).length} without encoding: 1 byte up to U+007F, 2 up to U+07FF, 4 for a surrogate
	 * pair, 3 for other chars. A lone surrogate counts 1, as the encoder replaces it with {@code '?'}.
	 */
	static long utf8Length(@Nullable String text) {
		if (text == null) {
			return 0;
		}
		int length = text.length();
		long bytes = length;
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				continue;
			}
			if (c < 0x800) {
				bytes += 1;
			}
			else if (Character.isHighSurrogate(c)) {
				if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
					bytes += 2; // 4 bytes for the two chars
					i++;
				}
				// else a lone high surrogate: '?', 1 byte
			}
			else if (!Character.isLowSurrogate(c)) {
				bytes += 2;
			}
			// else a lone low surrogate: '?', 1 byte
		}
		return bytes;
	}

	private static byte @Nullable [] decodeTrailingBase64(@Nullable Object data, @Nullable String encoding) {
		if (!(data instanceof String text) || encoding == null
				|| !(encoding.equals("base64") || encoding.endsWith("/base64"))) {
			return null;
		}
		try {
			return Base64.getMimeDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_DATA_OR_ENCODING, 400,
					"data is not valid base64 although its encoding says so"));
		}
	}

	private static @Nullable String strip(@Nullable String encoding) {
		if (encoding == null || encoding.equals("base64")) {
			return null;
		}
		return encoding.substring(0, encoding.length() - "/base64".length());
	}
}
