package io.github.ablyspring.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.TokenWireTypes;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;

/**
 * A token with what Ably says about it (TD1-TD6). A bare token string (an Ably token or a JWT) comes in through
 * {@link #ofToken(String)} with nothing else known. The token is a bearer credential, so {@link #toString()} leaves
 * it out.
 *
 * @param token the token string (TD2)
 * @param expires expiry time in milliseconds since the epoch (TD3)
 * @param issued issue time in milliseconds since the epoch (TD4)
 * @param capability capability JSON text (TD5)
 * @param clientId the token's client id: absent for none, {@code "*"} for any (TD6)
 */
public record TokenDetails(String token, @Nullable Long expires, @Nullable Long issued, @Nullable String capability,
		@Nullable String clientId) {

	private static final WireCodec JSON = WireCodec.of(WireFormat.JSON);

	public TokenDetails {
		Objects.requireNonNull(token, "token");
	}

	/** A bare Ably token or JWT, as an auth URL or callback may hand it over (RSA8c, RSA8d). */
	public static TokenDetails ofToken(String token) {
		if (token == null || token.isBlank()) {
			throw AblyException.of(ErrorCodes.INVALID_CREDENTIAL, "token must not be empty");
		}
		return new TokenDetails(token, null, null, null, null);
	}

	/** TD7: token details from their JSON text; fails with a {@code CodecException} (40001) on bad input. */
	public static TokenDetails fromJson(String json) {
		return JSON.decode(json.getBytes(StandardCharsets.UTF_8), TokenWireTypes.TOKEN_DETAILS);
	}

	/** TD7: token details from a JSON object, as an auth callback may return them. */
	public static TokenDetails fromJson(JsonNode json) {
		return JSON.decode(Json.MAPPER.writeValueAsBytes(json), TokenWireTypes.TOKEN_DETAILS);
	}

	/** These details as JSON text. */
	public String toJson() {
		return new String(JSON.encode(this, TokenWireTypes.TOKEN_DETAILS), StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "TokenDetails[token=<redacted>, expires=" + expires + ", issued=" + issued + ", capability="
				+ capability + ", clientId=" + clientId + "]";
	}
}
