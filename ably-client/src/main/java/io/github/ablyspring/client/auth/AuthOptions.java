package io.github.ablyspring.client.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.auth.TokenDetails;

/**
 * AO1, AO2: how to authenticate, passed to {@link Auth#authorize(io.github.ablyspring.protocol.auth.TokenParams,
 * AuthOptions)} to replace the client's own (RSA10j), or to {@code requestToken} / {@code createTokenRequest} for one
 * call. Immutable; {@link #toString()} never shows the key secret, a token or the authUrl.
 */
public final class AuthOptions {

	/** No means of authentication of its own: the client's key, if any, stays (RSA10i). */
	public static final AuthOptions EMPTY = builder().build();

	private final @Nullable String key;

	private final @Nullable String token;

	private final @Nullable TokenDetails tokenDetails;

	private final @Nullable AuthCallback authCallback;

	private final @Nullable String authUrl;

	private final String authMethod;

	private final Map<String, String> authHeaders;

	private final Map<String, String> authParams;

	private final boolean queryTime;

	private final boolean useTokenAuth;

	private AuthOptions(Builder b) {
		this.key = b.key;
		this.token = b.token;
		this.tokenDetails = b.tokenDetails;
		this.authCallback = b.authCallback;
		this.authUrl = b.authUrl;
		this.authMethod = b.authMethod;
		this.authHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(b.authHeaders));
		this.authParams = Collections.unmodifiableMap(new LinkedHashMap<>(b.authParams));
		this.queryTime = b.queryTime;
		this.useTokenAuth = b.useTokenAuth;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** AO2a */
	public @Nullable String key() {
		return key;
	}

	/** AO2h */
	public @Nullable String token() {
		return token;
	}

	/** AO2i */
	public @Nullable TokenDetails tokenDetails() {
		return tokenDetails;
	}

	/** AO2b */
	public @Nullable AuthCallback authCallback() {
		return authCallback;
	}

	/** AO2c */
	public @Nullable String authUrl() {
		return authUrl;
	}

	/** AO2d: GET (the default) or POST. */
	public String authMethod() {
		return authMethod;
	}

	/** AO2e */
	public Map<String, String> authHeaders() {
		return authHeaders;
	}

	/** AO2f */
	public Map<String, String> authParams() {
		return authParams;
	}

	/** AO2g: not remembered by {@code authorize} (RSA10g). */
	public boolean queryTime() {
		return queryTime;
	}

	/** AO2j */
	public boolean useTokenAuth() {
		return useTokenAuth;
	}

	/** The token of these options, {@code tokenDetails} before {@code token}, or null. */
	@Nullable TokenDetails givenToken() {
		return tokenDetails != null ? tokenDetails : token != null ? TokenDetails.ofToken(token) : null;
	}

	@Override
	public String toString() {
		String keyName = key != null ? key.substring(0, Math.max(0, key.indexOf(':'))) + ":<redacted>" : null;
		return "AuthOptions[key=" + keyName
				+ ", token=" + (token != null || tokenDetails != null ? "<redacted>" : null) + ", authCallback="
				+ (authCallback != null) + ", authUrl=" + (authUrl != null) + ", authMethod=" + authMethod
				+ ", queryTime=" + queryTime + ", useTokenAuth=" + useTokenAuth + "]";
	}

	/** Mutable builder of {@link AuthOptions}. */
	public static final class Builder {

		private @Nullable String key;

		private @Nullable String token;

		private @Nullable TokenDetails tokenDetails;

		private @Nullable AuthCallback authCallback;

		private @Nullable String authUrl;

		private String authMethod = "GET";

		private Map<String, String> authHeaders = new LinkedHashMap<>();

		private Map<String, String> authParams = new LinkedHashMap<>();

		private boolean queryTime;

		private boolean useTokenAuth;

		private Builder() {
		}

		public Builder key(@Nullable String key) {
			this.key = key;
			return this;
		}

		public Builder token(@Nullable String token) {
			this.token = token;
			return this;
		}

		public Builder tokenDetails(@Nullable TokenDetails tokenDetails) {
			this.tokenDetails = tokenDetails;
			return this;
		}

		public Builder authCallback(@Nullable AuthCallback authCallback) {
			this.authCallback = authCallback;
			return this;
		}

		public Builder authUrl(@Nullable String authUrl) {
			this.authUrl = authUrl;
			return this;
		}

		public Builder authMethod(String authMethod) {
			this.authMethod = authMethod;
			return this;
		}

		public Builder authHeaders(Map<String, String> authHeaders) {
			this.authHeaders = new LinkedHashMap<>(authHeaders);
			return this;
		}

		public Builder authParams(Map<String, String> authParams) {
			this.authParams = new LinkedHashMap<>(authParams);
			return this;
		}

		public Builder queryTime(boolean queryTime) {
			this.queryTime = queryTime;
			return this;
		}

		public Builder useTokenAuth(boolean useTokenAuth) {
			this.useTokenAuth = useTokenAuth;
			return this;
		}

		public AuthOptions build() {
			return new AuthOptions(this);
		}
	}
}
