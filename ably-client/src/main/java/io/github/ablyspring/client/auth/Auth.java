package io.github.ablyspring.client.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.http.Credentials;
import io.github.ablyspring.client.http.HttpCore;
import io.github.ablyspring.client.http.RestRequest;
import io.github.ablyspring.client.rest.BatchResult;
import io.github.ablyspring.client.rest.BatchWire;
import io.github.ablyspring.client.rest.TokenRevocationResult;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.auth.TokenRequest;
import io.github.ablyspring.protocol.auth.TokenRequestSigner;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.TokenWireTypes;
import io.github.ablyspring.protocol.codec.WireTypes;

/**
 * Authentication of a REST client (RSA): Basic with the API key (RSA1), or a token (RSA3) from the options, an auth
 * callback (RSA8d) or the key itself (RSA8a). Tokens are obtained lazily, shared by all requests and renewed once
 * when the server rejects them (RSA4b). Thread-safe; secrets never reach {@link #toString()} or the logs.
 */
public final class Auth implements Credentials {

	private static final Log logger = LogFactory.getLog(Auth.class);

	/** RSA17d: revokeTokens called by a client using token auth. */
	static final int TOKEN_AUTH_CANNOT_REVOKE = 40162;

	/** RSA1, RSA3: how requests are authenticated. */
	public enum AuthMethod {
		BASIC, TOKEN
	}

	private final ClientOptions options;

	private final HttpCore http;

	private final Object tokenLock = new Object();

	/** How tokens are obtained; replaced as a whole by {@link #authorize(TokenParams, AuthOptions)} (RSA10g). */
	private volatile Source source;

	private volatile AuthMethod method;

	private volatile @Nullable TokenDetails tokenDetails;

	/** RTC8: the realtime client's in-band re-authentication, run after {@link #authorize} obtains a token. */
	private volatile @Nullable Function<TokenDetails, CompletableFuture<?>> authorizeHook;

	/** RSA10g: the params of the last {@link #authorize}, used for every later token. */
	private volatile @Nullable TokenParams savedTokenParams;

	/** RSA10k: Ably's clock minus ours, once the server time has been asked for ({@code queryTime}). */
	private volatile @Nullable Long serverTimeOffset;

	public Auth(ClientOptions options, HttpCore http) {
		this.options = options;
		this.http = http;
		this.source = Source.of(options);
		TokenDetails given = options.tokenDetails() != null ? options.tokenDetails()
				: options.token() != null ? TokenDetails.ofToken(options.token()) : null;
		// RSA15a: a token for another identity fails at once rather than on first use.
		this.tokenDetails = given != null ? checkClientId(given) : null;
		this.savedTokenParams = options.defaultTokenParams();
		// RSA4: Basic only with a key and nothing asking for tokens.
		boolean tokens = options.useTokenAuth() || options.key() == null || options.authCallback() != null
				|| options.authUrl() != null || this.tokenDetails != null;
		this.method = tokens ? AuthMethod.TOKEN : AuthMethod.BASIC;
	}

	public AuthMethod method() {
		return method;
	}

	/** RSA7, RSC17: the client id of the options, else the one of the current token ({@code "*"} included). */
	public @Nullable String clientId() {
		if (options.clientId() != null) {
			return options.clientId();
		}
		TokenDetails current = tokenDetails;
		return current != null ? current.clientId() : null;
	}

	/** The current token, if any (it may have expired). */
	public @Nullable TokenDetails tokenDetails() {
		return tokenDetails;
	}

	/**
	 * RSA9: a token request signed with the key; {@code null} params mean the saved or default ones. With
	 * {@code queryTime} the timestamp is the server's (RSA9d). Needs a key (else 40106).
	 */
	public TokenRequest createTokenRequest(@Nullable TokenParams params) {
		return createTokenRequest(params, null);
	}

	/** RSA9: as {@link #createTokenRequest(TokenParams)}, with {@code authOptions} (their key) for this call only. */
	public TokenRequest createTokenRequest(@Nullable TokenParams params, @Nullable AuthOptions authOptions) {
		return sign(source.with(authOptions), effective(params), queryTime(authOptions));
	}

	private TokenRequest sign(Source from, TokenParams params, boolean queryTime) {
		TokenRequestSigner signer = from.signer;
		if (signer == null) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.NO_VALID_AUTHENTICATION_METHOD_PROVIDED, 401,
					"createTokenRequest needs an API key in the client options"));
		}
		if (queryTime && params.timestamp() == null) {
			params = params.toBuilder().timestamp(serverTime()).build();
		}
		return signer.sign(params);
	}

	/**
	 * RSA8: a new token, from the auth callback when there is one (RSA8d), else from the {@code authUrl} (RSA8c),
	 * else from Ably with a token request signed by the key (RSA8a). Does not change how the client authenticates;
	 * {@link #authorize} does.
	 */
	public TokenDetails requestToken(@Nullable TokenParams params) {
		return requestToken(params, null);
	}

	/** RSA8: as {@link #requestToken(TokenParams)}, with {@code authOptions} for this call only (RSA8e). */
	public TokenDetails requestToken(@Nullable TokenParams params, @Nullable AuthOptions authOptions) {
		return request(source.with(authOptions), effective(params), queryTime(authOptions));
	}

	private TokenDetails request(Source from, TokenParams params, boolean queryTime) {
		AuthCallback callback = from.options.authCallback();
		if (callback != null) {
			return fromCallback(callback, params);
		}
		if (from.authUrl != null) {
			Object answer = from.authUrl.fetch(params);
			return answer instanceof TokenRequest request ? exchange(request) : (TokenDetails) answer;
		}
		if (from.signer != null) {
			return exchange(sign(from, params, queryTime));
		}
		throw new AblyException(ErrorInfo.of(ErrorCodes.TOKEN_RENEWAL_NOT_CONFIGURED, 401,
				"cannot request a token: no key, authCallback or authUrl in the client options"));
	}

	public CompletableFuture<TokenDetails> requestTokenAsync(@Nullable TokenParams params) {
		return http.async(() -> requestToken(params));
	}

	/**
	 * RSA10: obtains a new token now, remembers {@code params} for later tokens (RSA10g) and switches the client to
	 * token auth.
	 */
	public TokenDetails authorize(@Nullable TokenParams params) {
		return authorize(params, null);
	}

	/**
	 * RSA10: as {@link #authorize(TokenParams)}; non-null {@code authOptions} replace the client's means of getting
	 * tokens from now on (RSA10j, RSA10g), but the key of the client options stays unless they bring another
	 * (RSA10i). A token in them is used as it is, the rest kept for its renewal (RSA10e).
	 */
	public TokenDetails authorize(@Nullable TokenParams params, @Nullable AuthOptions authOptions) {
		TokenDetails fresh;
		synchronized (tokenLock) {
			if (params != null) {
				savedTokenParams = params.timestamp() == null ? params : params.toBuilder().timestamp(null).build();
			}
			Source from = source.with(authOptions);
			TokenDetails given = authOptions != null ? authOptions.givenToken() : null;
			fresh = checkClientId(given != null ? given
					: request(from, effective(params), queryTime(authOptions)));
			source = from;
			tokenDetails = fresh;
			method = AuthMethod.TOKEN;
		}
		Function<TokenDetails, CompletableFuture<?>> hook = authorizeHook;
		if (hook != null) {
			// RTC8: a realtime client re-authenticates in band, or connects with the new token (RTC8b, RTC8c);
			// authorize completes when that has. Outside the lock: the connection attempt reads the token under it.
			try {
				hook.apply(fresh).join();
			}
			catch (java.util.concurrent.CompletionException ex) {
				throw ex.getCause() instanceof AblyException ably ? ably : ex;
			}
		}
		return fresh;
	}

	/** Set by the realtime client: what {@link #authorize} does after a new token, while it is connected (RTC8). */
	public void authorizeHook(@Nullable Function<TokenDetails, CompletableFuture<?>> hook) {
		this.authorizeHook = hook;
	}

	/**
	 * The token a realtime connection attempt should use (RTN2e): the current one unless it expired at
	 * {@code nowMillis} or {@code forceNew}, else a new one (RTN14b, RTN15h2, RTN22). Blocks while a token is fetched.
	 */
	public TokenDetails tokenForConnection(boolean forceNew, long nowMillis) {
		synchronized (tokenLock) {
			TokenDetails current = tokenDetails;
			boolean expired = current != null && current.expires() != null && current.expires() <= nowMillis;
			if (current != null && !forceNew && !expired) {
				return current;
			}
			if (current != null && !canRenew()) {
				// RSA4a2: a token we cannot replace is the end of the road.
				throw new AblyException(ErrorInfo.of(ErrorCodes.TOKEN_RENEWAL_NOT_CONFIGURED, 401,
						"the token " + (expired ? "has expired" : "was rejected")
								+ " and there is no key, authCallback or authUrl to renew it"));
			}
			TokenDetails fresh = checkClientId(requestToken(null));
			tokenDetails = fresh;
			method = AuthMethod.TOKEN;
			return fresh;
		}
	}

	/** Whether a new token can be obtained: with a key, an authCallback or an authUrl. */
	public boolean canRenewToken() {
		return canRenew();
	}

	/** RSA4: the key for Basic auth, or null under token auth; realtime sends it as the {@code key} param. */
	public @Nullable String basicKey() {
		return method == AuthMethod.BASIC ? source.options.key() : null;
	}

	public CompletableFuture<TokenDetails> authorizeAsync(@Nullable TokenParams params) {
		return http.async(() -> authorize(params));
	}

	public CompletableFuture<TokenDetails> authorizeAsync(@Nullable TokenParams params,
			@Nullable AuthOptions authOptions) {
		return http.async(() -> authorize(params, authOptions));
	}

	@Override
	public String authorization() {
		if (method == AuthMethod.BASIC) {
			return Objects.requireNonNull(source.basicAuthorization);
		}
		TokenDetails current = tokenDetails;
		if (current != null && expired(current) && !canRenew()) {
			// RSA4a2: known to be expired and irreplaceable, so the request would only be refused.
			throw new AblyException(ErrorInfo.of(ErrorCodes.TOKEN_RENEWAL_NOT_CONFIGURED, 401,
					"the token has expired and there is no key, authCallback or authUrl to renew it"));
		}
		if (current == null || (expired(current) && canRenew())) {
			synchronized (tokenLock) {
				current = tokenDetails;
				// RSA4b1: a token known to have expired is renewed before the request rather than after its 401.
				if (current == null || (expired(current) && canRenew())) {
					current = checkClientId(requestToken(null));
					tokenDetails = current;
				}
			}
		}
		return bearer(current);
	}

	/**
	 * RSA4b1: whether {@code token} has expired by Ably's clock when known (RSA10k), else by ours, as the UTS
	 * expects; a token without {@code expires} (a bare token string) never has.
	 */
	private boolean expired(TokenDetails token) {
		Long expires = token.expires();
		if (expires == null) {
			return false;
		}
		Long offset = serverTimeOffset;
		return expires <= System.currentTimeMillis() + (offset != null ? offset : 0L);
	}

	@Override
	public String renew(AblyException tokenError) {
		if (method == AuthMethod.BASIC) {
			throw tokenError;
		}
		if (!canRenew()) {
			// RSA4a2: a token we cannot replace is the end of the road.
			throw new AblyException(ErrorInfo.of(ErrorCodes.TOKEN_RENEWAL_NOT_CONFIGURED, 401,
					"the token was rejected and there is no key, authCallback or authUrl to renew it")
				.withCause(tokenError.errorInfo()), tokenError);
		}
		synchronized (tokenLock) {
			logger.debug("renewing the token after error " + tokenError.code());
			TokenDetails fresh;
			try {
				fresh = checkClientId(requestToken(null));
			}
			catch (RuntimeException ex) {
				// RSA16d: the rejected token is no longer the current one, and there is no other.
				tokenDetails = null;
				throw ex;
			}
			tokenDetails = fresh;
			return bearer(fresh);
		}
	}

	private boolean canRenew() {
		return source.canRenew();
	}

	private boolean queryTime(@Nullable AuthOptions authOptions) {
		return authOptions != null ? authOptions.queryTime() : options.queryTime();
	}

	/** RSA3b: the token goes base64-encoded in a Bearer header. */
	private static String bearer(TokenDetails token) {
		return "Bearer " + Base64.getEncoder().encodeToString(token.token().getBytes(StandardCharsets.UTF_8));
	}

	/** Explicit params, else those of the last authorize, else the defaults; the options' clientId fills a gap. */
	private TokenParams effective(@Nullable TokenParams params) {
		TokenParams p = params != null ? params : savedTokenParams != null ? savedTokenParams : TokenParams.EMPTY;
		if (p.clientId() == null && options.clientId() != null) {
			p = p.toBuilder().clientId(options.clientId()).build();
		}
		return p;
	}

	private TokenDetails fromCallback(AuthCallback callback, TokenParams params) {
		Object result;
		try {
			result = callback.getToken(params);
		}
		catch (AblyException ex) {
			throw callbackError("the authCallback failed: " + ex.getMessage(), ex);
		}
		catch (Exception ex) {
			throw callbackError("the authCallback failed: " + ex, ex);
		}
		if (result instanceof String token) {
			return TokenDetails.ofToken(token);
		}
		if (result instanceof TokenDetails details) {
			return details;
		}
		if (result instanceof TokenRequest request) {
			return exchange(request);
		}
		if (result instanceof JsonNode json) {
			return json.has("mac") ? exchange(TokenRequest.fromJson(json)) : TokenDetails.fromJson(json);
		}
		throw callbackError("the authCallback returned " + (result == null ? "null" : result.getClass().getName())
				+ "; expected a token String, TokenDetails or TokenRequest", null);
	}

	/** RSA4e-style: a callback failure is 40170 with status 401. */
	private static AblyException callbackError(String message, @Nullable Throwable cause) {
		return new AblyException(ErrorInfo.of(ErrorCodes.ERROR_FROM_CLIENT_TOKEN_CALLBACK, 401, message), cause);
	}

	/** RSA8a: {@code POST /keys/{keyName}/requestToken} with the signed request; no other credentials needed. */
	private TokenDetails exchange(TokenRequest request) {
		byte[] body = http.codec().encode(request, TokenWireTypes.TOKEN_REQUEST);
		String path = "/keys/" + HttpCore.encode(request.keyName()) + "/requestToken";
		return http.send(RestRequest.post(path, body).unauthenticated(), Credentials.NONE)
			.decode(TokenWireTypes.TOKEN_DETAILS);
	}

	/**
	 * RSA17: revokes the tokens matching {@code targets} ({@code "clientId:x"}, {@code "revocationKey:y"}, ...)
	 * issued with this client's key, before {@code issuedBefore} (server time when null); with
	 * {@code allowReauthMargin} connections get 30 s to re-authenticate. Needs Basic auth with a key (else 40162,
	 * RSA17d).
	 */
	public BatchResult<TokenRevocationResult> revokeTokens(List<String> targets, @Nullable Long issuedBefore,
			boolean allowReauthMargin) {
		String keyName = options.keyName();
		if (keyName == null || method == AuthMethod.TOKEN) {
			// RSA17d: only a client authenticating with its key may revoke the key's tokens.
			throw new AblyException(ErrorInfo.of(TOKEN_AUTH_CANNOT_REVOKE, 401,
					"revokeTokens needs Basic auth with an API key, not token auth"));
		}
		ObjectNode body = Json.NODES.objectNode();
		ArrayNode array = body.putArray("targets");
		targets.forEach(array::add);
		if (issuedBefore != null) {
			body.put("issuedBefore", issuedBefore);
		}
		if (allowReauthMargin) {
			body.put("allowReauthMargin", true);
		}
		String path = "/keys/" + HttpCore.encode(keyName) + "/revokeTokens";
		return http.send(RestRequest.post(path, http.codec().encode(body, WireTypes.JSON)), this)
			.decode(BatchWire.REVOCATION_RESULT);
	}

	/** RSA17: as {@link #revokeTokens(List, Long, boolean)}, the targets given as specifiers (RSA17b). */
	public BatchResult<TokenRevocationResult> revokeTokens(java.util.Collection<TokenRevocationTargetSpecifier> targets,
			@Nullable Long issuedBefore, boolean allowReauthMargin) {
		return revokeTokens(targets.stream().map(TokenRevocationTargetSpecifier::target).toList(), issuedBefore,
				allowReauthMargin);
	}

	public CompletableFuture<BatchResult<TokenRevocationResult>> revokeTokensAsync(List<String> targets,
			@Nullable Long issuedBefore, boolean allowReauthMargin) {
		return http.async(() -> revokeTokens(targets, issuedBefore, allowReauthMargin));
	}

	/** RSA15c: a token for another identity than the options' clientId is unusable (40102). */
	private TokenDetails checkClientId(TokenDetails token) {
		String wanted = options.clientId();
		String given = token.clientId();
		if (wanted != null && given != null && !given.equals("*") && !given.equals(wanted)) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INCOMPATIBLE_CREDENTIALS, 401,
					"the token's clientId '" + given + "' does not match the options' clientId '" + wanted + "'"));
		}
		return token;
	}

	/** RSA10k: Ably's clock, asked for once; later calls add the offset to ours. */
	private long serverTime() {
		Long offset = serverTimeOffset;
		if (offset != null) {
			return System.currentTimeMillis() + offset;
		}
		long server = http.send(RestRequest.get("/time").unauthenticated(), Credentials.NONE).decode(WireTypes.TIME);
		serverTimeOffset = server - System.currentTimeMillis();
		return server;
	}

	/** The means of getting tokens: options with the auth fields, and what is derived from them. */
	private record Source(ClientOptions options, @Nullable TokenRequestSigner signer, @Nullable AuthUrl authUrl,
			@Nullable String basicAuthorization) {

		static Source of(ClientOptions options) {
			String key = options.key();
			return new Source(options, key != null ? new TokenRequestSigner(key) : null,
					options.authUrl() != null ? new AuthUrl(options) : null, key != null ? "Basic "
							+ Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) : null);
		}

		/** RSA10j: {@code authOptions} replace these auth fields, but for the key when they have none (RSA10i). */
		Source with(@Nullable AuthOptions authOptions) {
			if (authOptions == null) {
				return this;
			}
			ClientOptions.Builder b = options.toBuilder().authCallback(authOptions.authCallback())
				.authUrl(authOptions.authUrl()).authMethod(authOptions.authMethod())
				.authHeaders(authOptions.authHeaders()).authParams(authOptions.authParams())
				.token(authOptions.token()).tokenDetails(authOptions.tokenDetails())
				.useTokenAuth(options.useTokenAuth() || authOptions.useTokenAuth());
			if (authOptions.key() != null) {
				b.key(authOptions.key());
			}
			return of(b.build());
		}

		boolean canRenew() {
			return signer != null || options.authCallback() != null || authUrl != null;
		}

		@Override
		public String toString() {
			return "Source[keyName=" + options.keyName() + "]";
		}
	}

	@Override
	public String toString() {
		return "Auth[method=" + method + ", clientId=" + clientId() + ", keyName=" + options.keyName() + "]";
	}
}
