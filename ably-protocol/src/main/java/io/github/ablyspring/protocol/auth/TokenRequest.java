package io.github.ablyspring.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.TokenWireTypes;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;

/**
 * A token request for Ably's {@code requestToken} endpoint (TE1-TE5), usually signed with an API key by
 * {@link TokenRequestSigner} (RSA9). The {@code mac} is left out of {@link #toString()}: with the nonce unused it is
 * as good as a token.
 *
 * @param keyName the public name of the signing key, {@code appId.keyId} (TE2)
 * @param ttl requested time to live in milliseconds (TE4)
 * @param capability capability JSON text (TE3)
 * @param clientId the client id to bind the token to (TE2)
 * @param timestamp request time in milliseconds since the epoch (TE5)
 * @param nonce replay protection (TE2)
 * @param mac the signature, base64 (TE2)
 */
public record TokenRequest(String keyName, @Nullable Long ttl, @Nullable String capability, @Nullable String clientId,
		@Nullable Long timestamp, @Nullable String nonce, @Nullable String mac) {

	private static final WireCodec JSON = WireCodec.of(WireFormat.JSON);

	public TokenRequest {
		Objects.requireNonNull(keyName, "keyName");
	}

	/** TE6: a token request from its JSON text; fails with a {@code CodecException} (40001) on bad input. */
	public static TokenRequest fromJson(String json) {
		return JSON.decode(json.getBytes(StandardCharsets.UTF_8), TokenWireTypes.TOKEN_REQUEST);
	}

	/** TE6: a token request from a JSON object, as an auth callback may return it. */
	public static TokenRequest fromJson(JsonNode json) {
		return JSON.decode(Json.MAPPER.writeValueAsBytes(json), TokenWireTypes.TOKEN_REQUEST);
	}

	/** This request as JSON text, the body sent to {@code requestToken}. */
	public String toJson() {
		return new String(JSON.encode(this, TokenWireTypes.TOKEN_REQUEST), StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "TokenRequest[keyName=" + keyName + ", ttl=" + ttl + ", capability=" + capability + ", clientId="
				+ clientId + ", timestamp=" + timestamp + ", nonce=" + nonce + ", mac="
				+ (mac != null ? "<redacted>" : null) + "]";
	}
}
