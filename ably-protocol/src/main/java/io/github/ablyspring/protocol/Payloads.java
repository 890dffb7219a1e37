package io.github.ablyspring.protocol;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** Equality, hashing and a short description of message payloads, which may be {@code byte[]}. */
public final class Payloads {

	private static final int DESCRIBE_LIMIT = 64;

	private Payloads() {
	}

	public static boolean equal(@Nullable Object a, @Nullable Object b) {
		if (a instanceof byte[] x && b instanceof byte[] y) {
			return Arrays.equals(x, y);
		}
		return Objects.equals(a, b);
	}

	public static int hash(@Nullable Object data) {
		return data instanceof byte[] bytes ? Arrays.hashCode(bytes) : Objects.hashCode(data);
	}

	/** A log-safe summary: type and size, and a prefix of text payloads. */
	public static String describe(@Nullable Object data) {
		if (data == null) {
			return "null";
		}
		if (data instanceof byte[] bytes) {
			return "byte[" + bytes.length + "]";
		}
		String text = data.toString();
		return text.length() <= DESCRIBE_LIMIT ? text : text.substring(0, DESCRIBE_LIMIT) + "...(" + text.length() + " chars)";
	}
}
