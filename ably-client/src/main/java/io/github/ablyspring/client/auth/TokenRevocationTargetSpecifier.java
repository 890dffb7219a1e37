package io.github.ablyspring.client.auth;

import java.util.Objects;

/**
 * RSA17a, TRT: which tokens to revoke, such as {@code clientId} {@code alice}; sent as {@code type:value} (RSA17b).
 *
 * @param type {@code clientId}, {@code revocationKey}, {@code channel}, ...
 * @param value the value of that type
 */
public record TokenRevocationTargetSpecifier(String type, String value) {

	public TokenRevocationTargetSpecifier {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(value, "value");
	}

	public static TokenRevocationTargetSpecifier clientId(String clientId) {
		return new TokenRevocationTargetSpecifier("clientId", clientId);
	}

	/** RSA17b: the target as the server takes it. */
	public String target() {
		return type + ":" + value;
	}
}
