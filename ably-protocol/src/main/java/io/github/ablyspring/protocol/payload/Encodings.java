package io.github.ablyspring.protocol.payload;

import org.jspecify.annotations.Nullable;

/** Names of the payload encoding steps (RSL4, RSL5, RSL6) and the slash-separated list they form (RSL4b). */
public final class Encodings {

	public static final String BASE64 = "base64";

	public static final String UTF8 = "utf-8";

	public static final String JSON = "json";

	public static final String VCDIFF = "vcdiff";

	/** Prefix of the cipher steps, e.g. {@code cipher+aes-128-cbc}. */
	public static final String CIPHER_PREFIX = "cipher+";

	private Encodings() {
	}

	/** The encoding with {@code step} applied last, i.e. appended on the right. */
	public static String append(@Nullable String encoding, String step) {
		return encoding == null || encoding.isEmpty() ? step : encoding + "/" + step;
	}
}
