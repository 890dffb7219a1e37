package io.github.ablyspring.client.http;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.AblyException;

/**
 * What {@link HttpCore} needs from authentication: the {@code Authorization} header of the next request, and a
 * renewed one after a token error (RSA4b). Implemented by {@code client.auth.Auth}; the methods may block.
 */
public interface Credentials {

	/** No {@code Authorization} header (for {@code /time} and signed token requests). */
	Credentials NONE = new Credentials() {

		@Override
		public @Nullable String authorization() {
			return null;
		}

		@Override
		public String renew(AblyException tokenError) {
			throw tokenError;
		}
	};

	/** The header value for the next request, obtaining a token first if there is none yet. */
	@Nullable String authorization();

	/**
	 * A fresh header value after the server rejected the current token with {@code tokenError}; throws 40171 (with
	 * the token error as cause) when the token cannot be renewed.
	 */
	String renew(AblyException tokenError);
}
