/**
 * Token types (TK, TE, TD), capabilities and token request signing (RSA9).
 */
@NullMarked
package io.github.ablyspring.protocol.auth;

import org.jspecify.annotations.NullMarked;
