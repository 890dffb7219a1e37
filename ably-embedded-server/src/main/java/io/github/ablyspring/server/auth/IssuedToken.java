package io.github.ablyspring.server.auth;

import io.github.ablyspring.protocol.auth.Capability;

import org.jspecify.annotations.Nullable;

/** A token this server issued, as the token store remembers it. */
record IssuedToken(String keyName, Capability capability, @Nullable String clientId, long issued, long expires) {
}
