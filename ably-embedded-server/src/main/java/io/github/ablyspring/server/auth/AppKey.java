package io.github.ablyspring.server.auth;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.auth.Capability;

/**
 * An API key the server accepts: {@code appId.keyId:secret} with its capability. The secret never appears in
 * {@link #toString()}.
 */
public record AppKey(String appId, String keyId, String secret, Capability capability, boolean revocableTokens) {

	public static AppKey parse(String key) {
		return parse(key, Capability.ALL);
	}

	public static AppKey parse(String key, Capability capability) {
		int colon = key == null ? -1 : key.indexOf(':');
		int dot = key == null ? -1 : key.indexOf('.');
		if (colon <= 0 || dot <= 0 || dot > colon - 2 || colon == key.length() - 1) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CREDENTIAL, 400,
					"invalid API key: expected the form appId.keyId:secret"));
		}
		return new AppKey(key.substring(0, dot), key.substring(dot + 1, colon), key.substring(colon + 1), capability,
				false);
	}

	/** The public part, {@code appId.keyId}. */
	public String keyName() {
		return appId + "." + keyId;
	}

	/** The full key, for tests and SDK set-up. */
	public String key() {
		return keyName() + ":" + secret;
	}

	@Override
	public String toString() {
		return "AppKey[" + keyName() + ", capability=" + capability + "]";
	}
}
