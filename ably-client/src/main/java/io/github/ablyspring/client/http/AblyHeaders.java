package io.github.ablyspring.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;

import io.github.ablyspring.protocol.codec.ProtocolVersion;
import io.github.ablyspring.protocol.codec.WireFormat;

/** The headers every request carries (RSC7): protocol version, agent, formats and the client's identity. */
final class AblyHeaders {

	static final String VERSION_HEADER = "X-Ably-Version";

	static final String AGENT_HEADER = "Ably-Agent";

	static final String CLIENT_ID_HEADER = "X-Ably-ClientId";

	/** RSC7d: {@code ably-spring/<version>} then the runtime, space separated. */
	static final String AGENT = "ably-spring/" + libraryVersion() + " jre/" + System.getProperty("java.version");

	private final WireFormat format;

	private final @Nullable String encodedClientId;

	AblyHeaders(WireFormat format, @Nullable String clientId) {
		this.format = format;
		this.encodedClientId = clientId == null ? null
				: Base64.getEncoder().encodeToString(clientId.getBytes(StandardCharsets.UTF_8));
	}

	void apply(HttpHeaders headers, boolean hasBody, @Nullable String authorization) {
		headers.set(VERSION_HEADER, Integer.toString(ProtocolVersion.CURRENT));
		headers.set(AGENT_HEADER, AGENT);
		headers.set(HttpHeaders.ACCEPT, format.mediaType());
		if (hasBody) {
			headers.set(HttpHeaders.CONTENT_TYPE, format.mediaType());
		}
		if (encodedClientId != null) {
			headers.set(CLIENT_ID_HEADER, encodedClientId);                                // RSA7e2
		}
		if (authorization != null) {
			headers.set(HttpHeaders.AUTHORIZATION, authorization);
		}
	}

	private static String libraryVersion() {
		try (InputStream in = AblyHeaders.class.getResourceAsStream("/io/github/ablyspring/client/ably-client.properties")) {
			if (in != null) {
				Properties p = new Properties();
				p.load(in);
				String v = p.getProperty("version");
				if (v != null && !v.isBlank() && !v.startsWith("${")) {
					return v;
				}
			}
		}
		catch (IOException ex) {
			// fall through: the agent still names the library
		}
		return "unknown";
	}
}
