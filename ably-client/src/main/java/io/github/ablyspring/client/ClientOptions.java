package io.github.ablyspring.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.client.auth.AuthCallback;
import io.github.ablyspring.client.auth.AuthOptions;
import io.github.ablyspring.client.http.HostCircuitBreaker;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.auth.TokenRequestSigner;

/**
 * The options of a client (TO3), immutable; build with {@link #builder()}, or {@link #ofKey(String)} for the common
 * case. Names and defaults follow the spec. {@link #toString()} never shows the key secret or a token.
 */
public final class ClientOptions {

	public static final int DEFAULT_PORT = 80;

	public static final int DEFAULT_TLS_PORT = 443;










	private final @Nullable String clientId;

	private final @Nullable TokenParams defaultTokenParams;


	private final @Nullable String endpoint;

	private final @Nullable String environment;

	private final @Nullable String restHost;

	private final @Nullable String realtimeHost;

	private final int port;

	private final int tlsPort;

	private final boolean tls;

	private final @Nullable List<String> fallbackHosts;

	private final boolean useBinaryProtocol;

	private final boolean idempotentRestPublishing;

	private final Duration httpOpenTimeout;

	private final Duration httpRequestTimeout;

	private final int httpMaxRetryCount;

	private final Duration httpMaxRetryDuration;

	private final Duration fallbackRetryTimeout;

	private final boolean addRequestIds;

	private final int maxMessageSize;

	private final HostCircuitBreaker circuitBreaker;

	private final RealtimeOptions realtime;

	private final Map<String, @Nullable String> agents;

	/** The auth fields (TO3j), kept as the AuthOptions they also are (AO2): one copy, one toString. */
	private final AuthOptions auth;

	private ClientOptions(Builder b) {
		this.auth = AuthOptions.builder().key(b.key).token(b.token).tokenDetails(b.tokenDetails)
			.authCallback(b.authCallback).authUrl(b.authUrl).authMethod(b.authMethod).authHeaders(b.authHeaders)
			.authParams(b.authParams).queryTime(b.queryTime).useTokenAuth(b.useTokenAuth).build();
		this.clientId = b.clientId;
		this.defaultTokenParams = b.defaultTokenParams;
		this.endpoint = b.endpoint;
		this.environment = b.environment;
		this.restHost = b.restHost;
		this.realtimeHost = b.realtimeHost;
		this.port = b.port;
		this.tlsPort = b.tlsPort;
		this.tls = b.tls;
		this.fallbackHosts = b.fallbackHosts != null ? List.copyOf(b.fallbackHosts) : null;
		this.useBinaryProtocol = b.useBinaryProtocol;
		this.idempotentRestPublishing = b.idempotentRestPublishing;
		this.httpOpenTimeout = b.httpOpenTimeout;
		this.httpRequestTimeout = b.httpRequestTimeout;
		this.httpMaxRetryCount = b.httpMaxRetryCount;
		this.httpMaxRetryDuration = b.httpMaxRetryDuration;
		this.fallbackRetryTimeout = b.fallbackRetryTimeout;
		this.addRequestIds = b.addRequestIds;
		this.maxMessageSize = b.maxMessageSize;
		this.circuitBreaker = b.circuitBreaker;
		this.realtime = b.realtime;
		this.agents = Collections.unmodifiableMap(new LinkedHashMap<>(b.agents));
	}

	/** Options that authenticate with an API key and use every default. */
	public static ClientOptions ofKey(String key) {
		return builder().key(key).build();
	}

	public static Builder builder() {
		return new Builder();
	}

	/** TO3j1: the API key, {@code appId.keyId:secret}. */
	public @Nullable String key() {
		return auth.key();
	}

	/** TO3j2: a token string (an Ably token or a JWT). */
	public @Nullable String token() {
		return auth.token();
	}

	/** TO3j3: a token with its details. */
	public @Nullable TokenDetails tokenDetails() {
		return auth.tokenDetails();
	}

	/** TO3j5: where tokens come from when the client needs one. */
	public @Nullable AuthCallback authCallback() {
		return auth.authCallback();
	}

	/** TO3j6: a URL of the application that hands out tokens or token requests (RSA8c). */
	public @Nullable String authUrl() {
		return auth.authUrl();
	}

	/** TO3j7: {@code GET} (default) or {@code POST} for the {@link #authUrl()}. */
	public String authMethod() {
		return auth.authMethod();
	}

	/** TO3j8: headers sent to the {@link #authUrl()}. */
	public Map<String, String> authHeaders() {
		return auth.authHeaders();
	}

	/** TO3j9: params sent to the {@link #authUrl()}, under the token params (RSA8c2). */
	public Map<String, String> authParams() {
		return auth.authParams();
	}

	/** TO3j4: use token auth even when a key would allow Basic auth. */
	public boolean useTokenAuth() {
		return auth.useTokenAuth();
	}

	/** TO3a: the identity of this client, sent as {@code X-Ably-ClientId} and bound into tokens it requests. */
	public @Nullable String clientId() {
		return clientId;
	}

	/** TO3j11: the token params used when none are given (RSA5, RSA6). */
	public @Nullable TokenParams defaultTokenParams() {
		return defaultTokenParams;
	}

	/** TO3j10: take token request timestamps from the server's clock (RSA9d). */
	public boolean queryTime() {
		return auth.queryTime();
	}

	/** TO3k1 / REC1b: a routing policy id, {@code nonprod:id}, or a host name. */
	public @Nullable String endpoint() {
		return endpoint;
	}

	/** TO3k1, REC1c: deprecated; use {@link #endpoint()}. */
	@Deprecated
	public @Nullable String environment() {
		return environment;
	}

	/** TO3k2, REC1d1: deprecated; use {@link #endpoint()}. */
	@Deprecated
	public @Nullable String restHost() {
		return restHost;
	}

	/** TO3k3, REC1d2: deprecated; use {@link #endpoint()}. */
	@Deprecated
	public @Nullable String realtimeHost() {
		return realtimeHost;
	}

	/** TO3k4: the port without TLS. */
	public int port() {
		return port;
	}

	/** TO3k5: the port with TLS. */
	public int tlsPort() {
		return tlsPort;
	}

	/** TO3d: use TLS (https); on by default. */
	public boolean tls() {
		return tls;
	}

	/** TO3k6 / REC2a: explicit fallback hosts; {@code null} for the defaults REC2c gives. */
	public @Nullable List<String> fallbackHosts() {
		return fallbackHosts;
	}

	/** TO3f: msgpack (true, the default) or JSON. */
	public boolean useBinaryProtocol() {
		return useBinaryProtocol;
	}

	/** TO3n: give REST publishes ids so a retried publish is not doubled (RSL1k). */
	public boolean idempotentRestPublishing() {
		return idempotentRestPublishing;
	}

	/** TO3l4: the connect timeout of one HTTP request. */
	public Duration httpOpenTimeout() {
		return httpOpenTimeout;
	}

	/** TO3l4: the response timeout of one HTTP request. */
	public Duration httpRequestTimeout() {
		return httpRequestTimeout;
	}

	/** TO3l5: how many fallback hosts one request may try after the first host. */
	public int httpMaxRetryCount() {
		return httpMaxRetryCount;
	}

	/** TO3l6: how long one request may spend on fallback retries. */
	public Duration httpMaxRetryDuration() {
		return httpMaxRetryDuration;
	}

	/** TO3l10: how long a working fallback host is preferred (RSC15f). */
	public Duration fallbackRetryTimeout() {
		return fallbackRetryTimeout;
	}

	/** TO3p: add a {@code request_id} to every request (RSC7c). */
	public boolean addRequestIds() {
		return addRequestIds;
	}

	/** TO3l8: the largest publish the client sends, in bytes (RSL1i). */
	public int maxMessageSize() {
		return maxMessageSize;
	}

	/** Not in the spec: a circuit breaker per host (no-op by default). */
	public HostCircuitBreaker circuitBreaker() {
		return circuitBreaker;
	}

	/** The options only the realtime client uses (autoConnect, queueMessages, retry timeouts, ...). */
	public RealtimeOptions realtime() {
		return realtime;
	}

	/** RSC7d6: extra {@code Ably-Agent} entries, product to version (null for none), in order. */
	public Map<String, @Nullable String> agents() {
		return agents;
	}

	/**
	 * RSC7d: {@code libraryAgent} followed by the {@link #agents()} entries, {@code name[/version]} space separated,
	 * as both the {@code Ably-Agent} header and the realtime {@code agent} param (RTN2g) carry it.
	 */
	public String agent(String libraryAgent) {
		StringBuilder agent = new StringBuilder(libraryAgent);
		agents.forEach((name, version) -> {
			agent.append(' ').append(name);
			if (version != null && !version.isEmpty()) {
				agent.append('/').append(version);
			}
		});
		return agent.toString();
	}

	/** AO2: the auth fields of these options, as {@code authorize} and {@code requestToken} also take them. */
	public AuthOptions authOptions() {
		return auth;
	}

	/** The key's public name, {@code appId.keyId}, or null without a key. */
	public @Nullable String keyName() {
		String key = auth.key();
		return key == null ? null : key.substring(0, key.indexOf(':'));
	}

	public Builder toBuilder() {
		Builder b = new Builder();
		b.key = auth.key();
		b.token = auth.token();
		b.tokenDetails = auth.tokenDetails();
		b.authCallback = auth.authCallback();
		b.useTokenAuth = auth.useTokenAuth();
		b.authUrl = auth.authUrl();
		b.authMethod = auth.authMethod();
		b.authHeaders = new LinkedHashMap<>(auth.authHeaders());
		b.authParams = new LinkedHashMap<>(auth.authParams());
		b.queryTime = auth.queryTime();
		b.clientId = clientId;
		b.defaultTokenParams = defaultTokenParams;
		b.endpoint = endpoint;
		b.environment = environment;
		b.restHost = restHost;
		b.realtimeHost = realtimeHost;
		b.port = port;
		b.tlsPort = tlsPort;
		b.tls = tls;
		b.fallbackHosts = fallbackHosts;
		b.useBinaryProtocol = useBinaryProtocol;
		b.idempotentRestPublishing = idempotentRestPublishing;
		b.httpOpenTimeout = httpOpenTimeout;
		b.httpRequestTimeout = httpRequestTimeout;
		b.httpMaxRetryCount = httpMaxRetryCount;
		b.httpMaxRetryDuration = httpMaxRetryDuration;
		b.fallbackRetryTimeout = fallbackRetryTimeout;
		b.addRequestIds = addRequestIds;
		b.maxMessageSize = maxMessageSize;
		b.circuitBreaker = circuitBreaker;
		b.realtime = realtime;
		b.agents = new LinkedHashMap<>(agents);
		return b;
	}

	@Override
	public String toString() {
		// AuthOptions shows only the key's public name: the secret and any token are credentials.
		return "ClientOptions[" + auth + ", clientId=" + clientId + ", endpoint=" + endpoint + ", environment=" + environment
				+ ", restHost=" + restHost + ", port=" + port + ", tlsPort=" + tlsPort + ", tls=" + tls
				+ ", fallbackHosts=" + fallbackHosts + ", useBinaryProtocol=" + useBinaryProtocol
				+ ", idempotentRestPublishing=" + idempotentRestPublishing + ", httpOpenTimeout=" + httpOpenTimeout
				+ ", httpRequestTimeout=" + httpRequestTimeout + ", httpMaxRetryCount=" + httpMaxRetryCount
				+ ", httpMaxRetryDuration=" + httpMaxRetryDuration + ", fallbackRetryTimeout=" + fallbackRetryTimeout
				+ ", addRequestIds=" + addRequestIds + ", maxMessageSize="
				+ maxMessageSize + ", agents=" + agents + ", realtime=" + realtime + "]";
	}

	/** Mutable builder of {@link ClientOptions}; {@link #build()} validates. */
	public static final class Builder {

		private @Nullable String key;

		private @Nullable String token;

		private @Nullable TokenDetails tokenDetails;

		private @Nullable AuthCallback authCallback;

		private boolean useTokenAuth;

		private @Nullable String authUrl;

		private String authMethod = "GET";

		private Map<String, String> authHeaders = new LinkedHashMap<>();

		private Map<String, String> authParams = new LinkedHashMap<>();

		private @Nullable String clientId;

		private @Nullable TokenParams defaultTokenParams;

		private boolean queryTime;

		private @Nullable String endpoint;

		private @Nullable String environment;

		private @Nullable String restHost;

		private @Nullable String realtimeHost;

		private int port = DEFAULT_PORT;

		private int tlsPort = DEFAULT_TLS_PORT;

		private boolean tls = true;

		private @Nullable List<String> fallbackHosts;

		private boolean useBinaryProtocol = true;

		private boolean idempotentRestPublishing = true;

		private Duration httpOpenTimeout = Duration.ofSeconds(4);

		private Duration httpRequestTimeout = Duration.ofSeconds(10);

		private int httpMaxRetryCount = 3;

		private Duration httpMaxRetryDuration = Duration.ofSeconds(15);

		private Duration fallbackRetryTimeout = Duration.ofMinutes(10);

		private boolean addRequestIds;

		private int maxMessageSize = 65536;

		private HostCircuitBreaker circuitBreaker = HostCircuitBreaker.NONE;

		private RealtimeOptions realtime = RealtimeOptions.DEFAULTS;

		private Map<String, @Nullable String> agents = new LinkedHashMap<>();

		private Builder() {
		}

		/** RSC7d6: products to add to the agent, e.g. a framework integration (a null version: the name alone). */
		public Builder agents(Map<String, @Nullable String> agents) {
			this.agents = new LinkedHashMap<>(agents);
			return this;
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

		public Builder useTokenAuth(boolean useTokenAuth) {
			this.useTokenAuth = useTokenAuth;
			return this;
		}

		public Builder authUrl(@Nullable String authUrl) {
			this.authUrl = authUrl;
			return this;
		}

		public Builder authMethod(String authMethod) {
			this.authMethod = Objects.requireNonNull(authMethod, "authMethod").toUpperCase(java.util.Locale.ROOT);
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

		public Builder clientId(@Nullable String clientId) {
			this.clientId = clientId;
			return this;
		}

		public Builder defaultTokenParams(@Nullable TokenParams defaultTokenParams) {
			this.defaultTokenParams = defaultTokenParams;
			return this;
		}

		public Builder queryTime(boolean queryTime) {
			this.queryTime = queryTime;
			return this;
		}

		public Builder endpoint(@Nullable String endpoint) {
			this.endpoint = endpoint;
			return this;
		}

		/** Deprecated (REC1c): use {@link #endpoint(String)}. */
		@Deprecated
		public Builder environment(@Nullable String environment) {
			this.environment = environment;
			return this;
		}

		/** Deprecated (REC1d): use {@link #endpoint(String)}. */
		@Deprecated
		public Builder restHost(@Nullable String restHost) {
			this.restHost = restHost;
			return this;
		}

		/** Deprecated (REC1d): use {@link #endpoint(String)}. */
		@Deprecated
		public Builder realtimeHost(@Nullable String realtimeHost) {
			this.realtimeHost = realtimeHost;
			return this;
		}

		public Builder port(int port) {
			this.port = port;
			return this;
		}

		public Builder tlsPort(int tlsPort) {
			this.tlsPort = tlsPort;
			return this;
		}

		public Builder tls(boolean tls) {
			this.tls = tls;
			return this;
		}

		public Builder fallbackHosts(@Nullable List<String> fallbackHosts) {
			this.fallbackHosts = fallbackHosts;
			return this;
		}

		public Builder useBinaryProtocol(boolean useBinaryProtocol) {
			this.useBinaryProtocol = useBinaryProtocol;
			return this;
		}

		public Builder idempotentRestPublishing(boolean idempotentRestPublishing) {
			this.idempotentRestPublishing = idempotentRestPublishing;
			return this;
		}

		public Builder httpOpenTimeout(Duration httpOpenTimeout) {
			this.httpOpenTimeout = Objects.requireNonNull(httpOpenTimeout, "httpOpenTimeout");
			return this;
		}

		public Builder httpRequestTimeout(Duration httpRequestTimeout) {
			this.httpRequestTimeout = Objects.requireNonNull(httpRequestTimeout, "httpRequestTimeout");
			return this;
		}

		public Builder httpMaxRetryCount(int httpMaxRetryCount) {
			this.httpMaxRetryCount = httpMaxRetryCount;
			return this;
		}

		public Builder httpMaxRetryDuration(Duration httpMaxRetryDuration) {
			this.httpMaxRetryDuration = Objects.requireNonNull(httpMaxRetryDuration, "httpMaxRetryDuration");
			return this;
		}

		public Builder fallbackRetryTimeout(Duration fallbackRetryTimeout) {
			this.fallbackRetryTimeout = Objects.requireNonNull(fallbackRetryTimeout, "fallbackRetryTimeout");
			return this;
		}

		public Builder addRequestIds(boolean addRequestIds) {
			this.addRequestIds = addRequestIds;
			return this;
		}

		public Builder maxMessageSize(int maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		public Builder circuitBreaker(HostCircuitBreaker circuitBreaker) {
			this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
			return this;
		}

		/** The realtime options, replaced as a whole; see {@link #realtime(java.util.function.UnaryOperator)}. */
		public Builder realtime(RealtimeOptions realtime) {
			this.realtime = Objects.requireNonNull(realtime, "realtime");
			return this;
		}

		/** Changes some realtime options: {@code .realtime(r -> r.autoConnect(false).echoMessages(false))}. */
		public Builder realtime(java.util.function.UnaryOperator<RealtimeOptions.Builder> customizer) {
			this.realtime = customizer.apply(realtime.toBuilder()).build();
			return this;
		}

		/** TO3e: connect as soon as the realtime client is constructed (default true). */
		public Builder autoConnect(boolean autoConnect) {
			return realtime(r -> r.autoConnect(autoConnect));
		}

		/** TO3h: receive the messages this connection published (default true). */
		public Builder echoMessages(boolean echoMessages) {
			return realtime(r -> r.echoMessages(echoMessages));
		}

		/** TO3g: queue publishes while not connected (default true). */
		public Builder queueMessages(boolean queueMessages) {
			return realtime(r -> r.queueMessages(queueMessages));
		}

		/** TO3i: the recovery key of an earlier connection to recover (RTN16). */
		public Builder recover(@Nullable String recover) {
			return realtime(r -> r.recover(recover));
		}

		/**
		 * The options, validated: a malformed key fails with 40005; no key, token or callback with 40106;
		 * conflicting host options (REC1b1, REC1c1) with 40000.
		 */
		public ClientOptions build() {
			if (key != null) {
				// The signer owns the key format; constructing one is the check, and its error keeps the key out.
				new TokenRequestSigner(key);
			}
			if (key == null && token == null && tokenDetails == null && authCallback == null && authUrl == null) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.NO_VALID_AUTHENTICATION_METHOD_PROVIDED, 401,
						"no means to authenticate: set a key, token, tokenDetails, authCallback or authUrl"));
			}
			if (!authMethod.equals("GET") && !authMethod.equals("POST")) {
				throw invalid(ErrorCodes.BAD_REQUEST, "authMethod must be GET or POST (RSA8c)");
			}
			if (authUrl != null) {
				try {
					java.net.URI uri = new java.net.URI(authUrl);
					if (uri.getScheme() == null || uri.getHost() == null) {
						throw new java.net.URISyntaxException(authUrl, "not an absolute URL");
					}
				}
				catch (java.net.URISyntaxException ex) {
					// The URL itself stays out of the message: it may carry the application's credentials.
					throw invalid(ErrorCodes.BAD_REQUEST, "authUrl is not an absolute http(s) URL");
				}
			}
			if ("*".equals(clientId)) {
				throw invalid(ErrorCodes.INVALID_CLIENT_ID, "clientId '*' is reserved for tokens (RSA7c)");
			}
			if (endpoint != null && (environment != null || restHost != null || realtimeHost != null)) {
				throw invalid(ErrorCodes.BAD_REQUEST,
						"endpoint cannot be combined with the deprecated environment, restHost or realtimeHost (REC1b1)");
			}
			if (environment != null && (restHost != null || realtimeHost != null)) {
				throw invalid(ErrorCodes.BAD_REQUEST,
						"environment cannot be combined with restHost or realtimeHost (REC1c1)");
			}
			requirePositive(httpOpenTimeout, "httpOpenTimeout");
			requirePositive(httpRequestTimeout, "httpRequestTimeout");
			if (httpMaxRetryCount < 0 || maxMessageSize <= 0 || port <= 0 || tlsPort <= 0) {
				throw invalid(ErrorCodes.BAD_REQUEST,
						"httpMaxRetryCount must be >= 0, and maxMessageSize, port and tlsPort > 0");
			}
			return new ClientOptions(this);
		}

		private static void requirePositive(Duration d, String name) {
			if (d.isNegative() || d.isZero()) {
				throw invalid(ErrorCodes.BAD_REQUEST, name + " must be positive");
			}
		}

		private static AblyException invalid(int code, String message) {
			return new AblyException(ErrorInfo.of(code, 400, message));
		}
	}
}
