package io.github.ablyspring.client.auth;

import io.github.ablyspring.protocol.auth.TokenParams;

/**
 * Supplies a token on demand (RSA8d, TO3j5): called with the token params the client wants and returning a token
 * string (an Ably token or a JWT), a {@link io.github.ablyspring.protocol.auth.TokenDetails}, or a
 * {@link io.github.ablyspring.protocol.auth.TokenRequest} that the client then exchanges for a token. Anything else,
 * or a thrown exception, fails authentication with 40170.
 * <p>
 * Called on a client thread; it may block (for example on a call to the application's own token endpoint).
 */
@FunctionalInterface
public interface AuthCallback {

	Object getToken(TokenParams params) throws Exception;
}
