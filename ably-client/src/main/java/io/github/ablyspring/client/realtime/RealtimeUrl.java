package io.github.ablyspring.client.realtime;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.LibraryAgent;

/** RTN2: the WebSocket URL of a connection attempt and its query parameters. */
final class RealtimeUrl {

	/** RTN2f: the protocol version this library speaks. */
	static final String PROTOCOL_VERSION = "6";

	/** RTN2g: the same agent the REST client sends. */
	static final String AGENT = LibraryAgent.VALUE;

	private RealtimeUrl() {
	}

	/**
	 * @param credential {@code key} or {@code accessToken} with its value (RTN2e)
	 * @param resume the connection key to resume (RTN15b1), or null
	 * @param recover the connection key to recover (RTN16k), or null
	 */
	static URI of(ClientOptions options, String host, Map.Entry<String, String> credential, @Nullable String resume,
			@Nullable String recover) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put(credential.getKey(), credential.getValue());
		query.put("format", options.useBinaryProtocol() ? "msgpack" : "json");       // RTN2a
		query.put("v", PROTOCOL_VERSION);                                               // RTN2f
		query.put("heartbeats", "true");                                                // RTN23b: HEARTBEAT messages
		query.put("echo", String.valueOf(options.realtime().echoMessages()));            // RTN2b, RTC1a
		if (options.clientId() != null) {
			query.put("clientId", options.clientId());                                  // RTN2d
		}
		query.put("agent", options.agent(AGENT));                                       // RTN2g, RSC7d6
		if (resume != null) {
			query.put("resume", resume);
		}
		else if (recover != null) {
			query.put("recover", recover);
		}
		query.putAll(options.realtime().transportParams());                             // RTN2h
		StringBuilder url = new StringBuilder(options.tls() ? "wss://" : "ws://").append(bracketed(host)).append(':')
			.append(options.tls() ? options.tlsPort() : options.port()).append("/?");
		query.forEach((k, v) -> url.append(encode(k)).append('=').append(encode(v)).append('&'));
		url.setLength(url.length() - 1);
		return URI.create(url.toString());
	}

	private static String bracketed(String host) {
		return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
	}

	private static String encode(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
	}
}
