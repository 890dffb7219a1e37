package io.github.ablyspring.client.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.github.ablyspring.client.LibraryAgent;
import io.github.ablyspring.protocol.codec.ProtocolVersion;
import io.github.ablyspring.protocol.codec.WireFormat;

/** The headers every request carries (RSC7): protocol version, agent, formats and the client's identity. */
final class AblyHeaders {

	static final String VERSION_HEADER = "X-Ably-Version";

	static final String AGENT_HEADER = "Ably-Agent";

	static final String CLIENT_ID_HEADER = "X-Ably-ClientId";

	/** RSC7d: {@code ably-spring/<version>} then the runtime, space separated. */
	static final String AGENT = LibraryAgent.VALUE;

	private final WireFormat format;

	private final @Nullable String encodedClientId;

	private final String agent;

	/** @param agent {@link #AGENT} with the options' extra entries (RSC7d6) */
	AblyHeaders(WireFormat format, @Nullable String clientId, String agent) {
		this.format = format;
		this.agent = agent;
		this.encodedClientId = clientId == null ? null
				: Base64.getEncoder().encodeToString(clientId.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The headers that are the same on every request (all but {@code Content-Type} and {@code Authorization}), in
	 * order; the HTTP client adds them to each request as default headers, not through a Spring header map per request.
	 */
	Map<String, String> fixed() {
		Map<String, String> fixed = new LinkedHashMap<>();
		fixed.put(VERSION_HEADER, Integer.toString(ProtocolVersion.CURRENT));
		fixed.put(AGENT_HEADER, agent);
		fixed.put(HttpHeaders.ACCEPT, format.mediaType());
		if (encodedClientId != null) {
			fixed.put(CLIENT_ID_HEADER, encodedClientId);                              // RSA7e2
		}
		return fixed;
	}

	/** The {@code Content-Type} of request bodies. */
	MediaType contentType() {
		return MediaType.parseMediaType(format.mediaType());
	}
}
