package io.github.ablyspring.protocol.auth;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of a token request (TK1, TK2). Every attribute is optional: an absent {@code ttl} or
 * {@code capability} lets Ably apply its defaults (RSA5, RSA6), and an absent {@code timestamp} or {@code nonce} is
 * generated when the request is signed (RSA9c, RSA9d). Immutable; build with {@link #builder()}.
 *
 * @param ttl requested time to live in milliseconds (TK2a)
 * @param capability capability JSON text (TK2b)
 * @param clientId the client id to bind the token to, or {@code "*"} for any (TK2c)
 * @param timestamp request time in milliseconds since the epoch; a one-time value (TK2d)
 * @param nonce replay protection (TK2e)
 */
public record TokenParams(@Nullable Long ttl, @Nullable String capability, @Nullable String clientId,
		@Nullable Long timestamp, @Nullable String nonce) {

	/** No parameters at all: Ably's defaults apply. */
	public static final TokenParams EMPTY = new TokenParams(null, null, null, null, null);

	public static Builder builder() {
		return new Builder();
	}

	public Builder toBuilder() {
		return new Builder().ttl(ttl).capability(capability).clientId(clientId).timestamp(timestamp).nonce(nonce);
	}

	/** Mutable builder of {@link TokenParams}. */
	public static final class Builder {

		private @Nullable Long ttl;

		private @Nullable String capability;

		private @Nullable String clientId;

		private @Nullable Long timestamp;

		private @Nullable String nonce;

		private Builder() {
		}

		public Builder ttl(@Nullable Long ttl) {
			this.ttl = ttl;
			return this;
		}

		public Builder capability(@Nullable String capability) {
			this.capability = capability;
			return this;
		}

		public Builder capability(@Nullable Capability capability) {
			this.capability = capability != null ? capability.toJson() : null;
			return this;
		}

		public Builder clientId(@Nullable String clientId) {
			this.clientId = clientId;
			return this;
		}

		public Builder timestamp(@Nullable Long timestamp) {
			this.timestamp = timestamp;
			return this;
		}

		public Builder nonce(@Nullable String nonce) {
			this.nonce = nonce;
			return this;
		}

		public TokenParams build() {
			return new TokenParams(ttl, capability, clientId, timestamp, nonce);
		}
	}
}
