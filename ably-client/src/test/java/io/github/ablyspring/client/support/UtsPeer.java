package io.github.ablyspring.client.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;

/**
 * Helpers for UTS translations on a {@link ScriptedPeer} (the {@code MockHttpClient} of
 * {@code uts/rest/unit/helpers/mock_http.md}): the peer is the only host, JSON is spoken so bodies can be read.
 */
public final class UtsPeer {

	private UtsPeer() {
	}

	/** Options for {@code peer}, JSON protocol, no credentials yet. */
	public static ClientOptions.Builder options(ScriptedPeer peer) {
		return ClientOptions.builder().endpoint("127.0.0.1").tls(false).port(peer.port()).useBinaryProtocol(false);
	}

	/**
	 * The header the UTS writes {@code "Bearer " + token}: RSA3b lets the token be Base64-encoded, and this client
	 * encodes it.
	 */
	public static String bearer(String token) {
		return "Bearer " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
	}

	/** An Ably error response. */
	public static Reply error(int status, int code, String message) {
		return Reply.json(status, "{\"error\":{\"code\":" + code + ",\"statusCode\":" + status + ",\"message\":\""
				+ message + "\"}}");
	}

	/** The decoded {@code Authorization: Basic} credentials, or null. */
	public static String basic(String header) {
		return header == null || !header.startsWith("Basic ") ? null
				: new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
	}
}
