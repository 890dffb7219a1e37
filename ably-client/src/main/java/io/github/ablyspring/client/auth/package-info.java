/**
 * REST authentication (RSA): Basic with a key, tokens from a key, a token or an auth callback, renewal on token errors.
 */
@NullMarked
package io.github.ablyspring.client.auth;

import org.jspecify.annotations.NullMarked;
