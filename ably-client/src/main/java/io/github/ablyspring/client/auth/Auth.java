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

	/** RSA1, RSA3: how requests are authenticated. */
	public enum AuthMethod {
		BASIC, TOKEN
	}

	private final ClientOptions options;

	private final HttpCore http;

	private final @Nullable TokenRequestSigner signer;

	private final @Nullable String basicAuthorization;

	private final @Nullable AuthUrl authUrl;

	private final Object tokenLock = new Object();

	private volatile AuthMethod method;

	private volatile @Nullable TokenDetails tokenDetails;

	/** RTC8: the realtime client's in-band re-authentication, run after {@link #authorize} obtains a token. */
	private volatile @Nullable Function<TokenDetails, CompletableFuture<?>> authorizeHook;

	/** RSA10g: the params of the last {@link #authorize}, used for every later token. */
	private volatile @Nullable TokenParams savedTokenParams;

	public Auth(ClientOptions options, HttpCore http) {
		this.options = options;
		this.http = http;
		String key = options.key();
		this.signer = key != null ? new TokenRequestSigner(key) : null;
		this.basicAuthorization = key != null
				? "Basic " + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)) : null;
		this.tokenDetails = options.tokenDetails() != null ? options.tokenDetails()
				: options.token() != null ? TokenDetails.ofToken(options.token()) : null;
		this.savedTokenParams = options.defaultTokenParams();
		this.authUrl = options.authUrl() != null ? new AuthUrl(options) : null;
		// RSA4: Basic only with a key and nothing asking for tokens.
		boolean tokens = options.useTokenAuth() || key == null || options.authCallback() != null
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
		if (signer == null) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.NO_VALID_AUTHENTICATION_METHOD_PROVIDED, 401,
					"createTokenRequest needs an API key in the client options"));
		}
		TokenParams effective = effective(params);
		if (options.queryTime() && effective.timestamp() == null) {
			effective = effective.toBuilder().timestamp(serverTime()).build();
		}
		return signer.sign(effective);
	}

	/**
	 * RSA8: a new token, from the auth callback when there is one (RSA8d), else from the {@code authUrl} (RSA8c),
	 * else from Ably with a token request signed by the key (RSA8a). Does not change how the client authenticates; {@link #authorize} does.
	 */
	public TokenDetails requestToken(@Nullable TokenParams params) {
		TokenParams effective = effective(params);
		AuthCallback callback = options.authCallback();
		if (callback != null) {
			return fromCallback(callback, effective);
		}
		if (authUrl != null) {
			Object answer = authUrl.fetch(effective);
			return answer instanceof TokenRequest request ? exchange(request) : (TokenDetails) answer;
		}
		if (signer != null) {
			return exchange(createTokenRequest(effective));
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
		TokenDetails fresh;
		synchronized (tokenLock) {
			if (params != null) {
				savedTokenParams = params;
			}
			fresh = checkClientId(requestToken(params));
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
		return method == AuthMethod.BASIC ? options.key() : null;
	}

	public CompletableFuture<TokenDetails> authorizeAsync(@Nullable TokenParams params) {
		return http.async(() -> authorize(params));
	}

	@Override
	public String authorization() {
		if (method == AuthMethod.BASIC) {
			return Objects.requireNonNull(basicAuthorization);
		}
		TokenDetails current = tokenDetails;
		if (current == null) {
			synchronized (tokenLock) {
				current = tokenDetails;
				if (current == null) {
					current = checkClientId(requestToken(null));
					tokenDetails = current;
				}
			}
		}
		return bearer(current);
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
			TokenDetails fresh = checkClientId(requestToken(null));
			tokenDetails = fresh;
			return bearer(fresh);
		}
	}

	private boolean canRenew() {
		return signer != null || options.authCallback() != null || authUrl != null;
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
	 * {@code allowReauthMargin} connections get 30 s to re-authenticate. Needs a key (40106).
	 */
	public BatchResult<TokenRevocationResult> revokeTokens(List<String> targets, @Nullable Long issuedBefore,
			boolean allowReauthMargin) {
		String keyName = options.keyName();
		if (keyName == null) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.NO_VALID_AUTHENTICATION_METHOD_PROVIDED, 401,
					"revokeTokens needs an API key in the client options"));
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

	/** RSA10k: Ably's clock, for token request timestamps. */
	private long serverTime() {
		return http.send(RestRequest.get("/time").unauthenticated(), Credentials.NONE).decode(WireTypes.TIME);
	}

	@Override
	public String toString() {
		return "Auth[method=" + method + ", clientId=" + clientId() + ", keyName=" + options.keyName() + "]";
	}
}
