package io.github.ablyspring.protocol.payload;

import java.util.Objects;

import io.github.ablyspring.protocol.Payloads;

import org.jspecify.annotations.Nullable;

/**
 * What a channel remembers of its last message to decode the next {@code vcdiff} delta (RTL19, RTL20): its
 * {@code id} and its base payload ({@code String} or {@code byte[]}). Each decode returns the context for the next
 * message in {@link DecodeResult#deltaContext()}.
 *
 * @param messageId the id of the message the base payload came from, compared with a delta's
 * {@code extras.delta.from}
 * @param base the base payload, or {@code null} when no message was received yet
 */
public record DeltaContext(@Nullable String messageId, @Nullable Object base) {

	private static final DeltaContext NONE = new DeltaContext(null, null);

	/** No previous message: a delta cannot be decoded. */
	public static DeltaContext none() {
		return NONE;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof DeltaContext c && Objects.equals(messageId, c.messageId)
				&& Payloads.equal(base, c.base);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(messageId) * 31 + Payloads.hash(base);
	}

	@Override
	public String toString() {
		return "DeltaContext[messageId=" + messageId + ", base=" + Payloads.describe(base)
				+ "]";
	}
}
