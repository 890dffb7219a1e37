package io.github.ablyspring.server.auth;

import io.github.ablyspring.protocol.auth.Capability;

import org.jspecify.annotations.Nullable;

/**
 * Who a request or connection is: the key it derives from, what it may do, and its client identity ({@code null}
 * anonymous, {@code *} any). {@code expires} is set for tokens. The token itself is not kept here.
 */
public record AuthContext(String keyName, Capability capability, @Nullable String clientId, @Nullable Long expires,
		boolean basic) {

	public boolean isWildcardClient() {
		return "*".equals(clientId);
	}

	/** The identity messages get when they name none: the context's own, unless wildcard or anonymous. */
	public @Nullable String impliedClientId() {
		return clientId == null || isWildcardClient() ? null : clientId;
	}

	/** Whether a message may carry this clientId (RSA7, RTL6g): identified contexts only their own. */
	public boolean mayActAs(@Nullable String messageClientId) {
		if (messageClientId == null || basic || isWildcardClient()) {
			return true;
		}
		return messageClientId.equals(clientId);
	}

	public AuthContext withClientId(@Nullable String clientId) {
		return new AuthContext(keyName, capability, clientId, expires, basic);
	}
}
