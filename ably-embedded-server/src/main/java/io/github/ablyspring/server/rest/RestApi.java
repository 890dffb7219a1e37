package io.github.ablyspring.server.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PageLinks;
import io.github.ablyspring.protocol.auth.Capability;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenRequest;
import io.github.ablyspring.protocol.auth.TokenRequestSigner;
import io.github.ablyspring.protocol.codec.TokenWireTypes;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.ServerSettings;
import io.github.ablyspring.server.auth.AppKey;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.auth.Authenticator;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;
import io.github.ablyspring.server.realtime.RealtimeCore;

import io.netty.handler.codec.http.HttpMethod;

import org.jspecify.annotations.Nullable;

/** The REST API (RSC, RSL, RSP, RSA8): routes a request to its endpoint. */
public final class RestApi implements Function<RestExchange, RestResponse> {

	/** Ably's window for token request timestamps (40104). */
	static final long TOKEN_REQUEST_WINDOW_MILLIS = 10 * 60 * 1000L;

	static final long DEFAULT_TOKEN_TTL = 60 * 60 * 1000L;

	private final RealtimeCore core;

	private final Authenticator authenticator;

	private final LongSupplier clock;

	private final ServerSettings settings;

	private final java.util.Set<String> usedNonces = java.util.concurrent.ConcurrentHashMap.newKeySet();

	public RestApi(RealtimeCore core, Authenticator authenticator, LongSupplier clock, ServerSettings settings) {
		this.core = core;
		this.authenticator = authenticator;
		this.clock = clock;
		this.settings = settings;
	}

	@Override
	public RestResponse apply(RestExchange x) {
		String[] parts = x.path().replaceAll("^/+|/+$", "").split("/");
		HttpMethod method = x.method();
		if (parts.length == 1 && parts[0].equals("time") && method.equals(HttpMethod.GET)) {
			return RestResponse.of(200, x.responseCodec(), clock.getAsLong(), WireTypes.TIME);
		}
		if (parts.length == 3 && parts[0].equals("keys") && parts[2].equals("requestToken")
				&& method.equals(HttpMethod.POST)) {
			return requestToken(x, decode(parts[1]));
		}
		AuthContext auth = authenticate(x);
		if (parts.length == 3 && parts[0].equals("channels")
				&& (parts[2].equals("messages") || parts[2].equals("history"))) {
			String channel = decode(parts[1]);
			if (method.equals(HttpMethod.POST) && parts[2].equals("messages")) {
				return publish(x, auth, channel);
			}
			if (method.equals(HttpMethod.GET)) {
				return history(x, auth, channel);
			}
		}
		if (parts.length == 3 && parts[0].equals("channels") && parts[2].equals("presence")
				&& method.equals(HttpMethod.GET)) {
			String channel = decode(parts[1]);
			requireCapability(auth, channel, "presence", "subscribe");
			return RestResponse.of(200, x.responseCodec(),
					core.call(() -> core.channels().members(channel, x.query("clientId"), x.query("connectionId"))),
					WireTypes.PRESENCE_MESSAGES);
		}
		throw new AblyException(ErrorInfo.of(40400, 404, "no such endpoint: " + method + " " + x.path()));
	}

	private AuthContext authenticate(RestExchange x) {
		String key = x.query("key");
		AuthContext auth = key != null ? authenticator.fromKey(key)
				: x.query("access_token") != null ? authenticator.fromToken(x.query("access_token"))
						: authenticator.fromAuthorizationHeader(x.header("Authorization"));
		String clientIdHeader = x.header("X-Ably-ClientId");
		if (clientIdHeader != null) {
			String clientId = new String(Base64.getDecoder().decode(clientIdHeader), StandardCharsets.UTF_8);
			if (auth.basic() || auth.isWildcardClient()) {
				return auth.withClientId(clientId);
			}
			if (!clientId.equals(auth.clientId())) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INCOMPATIBLE_CREDENTIALS, 401,
						"X-Ably-ClientId does not match the token's clientId"));
			}
		}
		return auth;
	}

	private RestResponse publish(RestExchange x, AuthContext auth, String channel) {
		WireCodec codec = x.requestCodec();
		byte[] body = x.body();
		List<Message> messages = isArray(body, codec) ? codec.decode(body, WireTypes.MESSAGES)
				: List.of(codec.decode(body, WireTypes.MESSAGE));
		List<String> serials = core.call(() -> core.channels().publish(channel, messages, auth, null, null));
		return RestResponse.of(201, x.responseCodec(), new io.github.ablyspring.protocol.PublishResult(serials),
				WireTypes.PUBLISH_RESULT);
	}

	private RestResponse history(RestExchange x, AuthContext auth, String channel) {
		requireCapability(auth, channel, "history", "subscribe");
		int limit = Math.min(1000, Math.max(1, parseInt(x.query("limit"), 100)));
		boolean forwards = "forwards".equals(x.query("direction"));
		Long start = parseLong(x.query("start"));
		Long end = parseLong(x.query("end"));
		String from = x.query("fromSerial") != null ? x.query("fromSerial") : x.query("from_serial");
		List<Message> page = core.call(() -> core.channels().history(channel, start, end, forwards, limit, from));
		RestResponse response = RestResponse.of(200, x.responseCodec(), page.size() > limit ? page.subList(0, limit)
				: page, WireTypes.MESSAGES);
		String first = "./" + lastSegment(x.path()) + "?" + query(x, null);
		String next = page.size() > limit ? "./" + lastSegment(x.path()) + "?" + query(x, page.get(limit - 1).serial())
				: null;
		return response.withHeader("Link", new PageLinks(first, first, next).format());
	}

	private static String lastSegment(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	/** The request's query with {@code fromSerial} replaced, for Link headers. */
	private static String query(RestExchange x, @Nullable String fromSerial) {
		StringBuilder sb = new StringBuilder();
		x.queryParams().forEach((name, values) -> {
			if (!name.equals("fromSerial") && !name.equals("from_serial") && !values.isEmpty()) {
				sb.append(sb.isEmpty() ? "" : "&").append(encode(name)).append('=').append(encode(values.get(0)));
			}
		});
		if (fromSerial != null) {
			sb.append(sb.isEmpty() ? "" : "&").append("fromSerial=").append(encode(fromSerial));
		}
		return sb.toString();
	}

	private RestResponse requestToken(RestExchange x, String keyName) {
		AppKey key = authenticator.key(keyName);
		if (key == null) {
			throw Authenticator.unauthorized(ErrorCodes.INVALID_CREDENTIALS, "no such key: " + keyName);
		}
		TokenRequest request = x.requestCodec().decode(x.body(), TokenWireTypes.TOKEN_REQUEST);
		long now = clock.getAsLong();
		if (request.mac() != null) {
			if (!keyName.equals(request.keyName()) || !TokenRequestSigner.verify(request, key.secret())) {
				throw Authenticator.unauthorized(ErrorCodes.INVALID_CREDENTIALS, "token request signature invalid");
			}
			if (request.timestamp() == null || Math.abs(now - request.timestamp()) > TOKEN_REQUEST_WINDOW_MILLIS) {
				throw Authenticator.unauthorized(ErrorCodes.TOKEN_REQUEST_TIMESTAMP_OUTSIDE_PERMITTED_WINDOW,
						"token request timestamp outside the permitted window");
			}
			if (request.nonce() == null || !usedNonces.add(keyName + ":" + request.nonce())) {
				throw Authenticator.unauthorized(ErrorCodes.NONCE_VALUE_REPLAYED, "nonce value replayed");
			}
		}
		else {
			// An unsigned request must be made with the key itself (Basic auth).
			AuthContext auth = authenticate(x);
			if (!auth.basic() || !auth.keyName().equals(keyName)) {
				throw Authenticator.unauthorized(ErrorCodes.INVALID_CREDENTIALS,
						"an unsigned token request needs Basic auth with that key");
			}
		}
		Capability capability = key.capability();
		if (request.capability() != null && !request.capability().isBlank()) {
			Capability requested = Capability.parse(request.capability());
			if (!requested.isSubsetOf(key.capability())) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.CAPABILITY_DENIED, 401,
						"requested capability exceeds the key's"));
			}
			capability = requested;
		}
		long ttl = request.ttl() == null || request.ttl() <= 0 ? DEFAULT_TOKEN_TTL : request.ttl();
		TokenDetails details = authenticator.tokens().issue(key, capability, request.clientId(), now, ttl);
		return RestResponse.of(200, x.responseCodec(), details, TokenWireTypes.TOKEN_DETAILS);
	}

	private static void requireCapability(AuthContext auth, String channel, String... anyOf) {
		for (String operation : anyOf) {
			if (auth.capability().allows(channel, operation)) {
				return;
			}
		}
		throw new AblyException(ErrorInfo.of(ErrorCodes.CAPABILITY_DENIED, 401,
				"permission denied on channel " + channel));
	}

	private static boolean isArray(byte[] body, WireCodec codec) {
		for (byte b : body) {
			if (codec.format().isBinary()) {
				return (b & 0xF0) == 0x90 || b == (byte) 0xDC || b == (byte) 0xDD;
			}
			if (!Character.isWhitespace(b)) {
				return b == '[';
			}
		}
		return false;
	}

	private static String decode(String segment) {
		return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static int parseInt(@Nullable String text, int defaultValue) {
		try {
			return text == null ? defaultValue : Integer.parseInt(text);
		}
		catch (NumberFormatException ex) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400, "not a number: " + text));
		}
	}

	private static @Nullable Long parseLong(@Nullable String text) {
		try {
			return text == null ? null : Long.valueOf(text);
		}
		catch (NumberFormatException ex) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400, "not a number: " + text));
		}
	}
}
