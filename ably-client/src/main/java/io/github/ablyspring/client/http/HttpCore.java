package io.github.ablyspring.client.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;

/**
 * Sends REST requests to Ably on Spring's {@link RestClient} over Apache HttpClient 5
 * ({@link RestClientHttpRequestFactory}): adds the Ably headers (RSC7), an optional {@code request_id} (RSC7c),
 * retries on fallback hosts after a qualifying failure (RSC15), renews a rejected token once (RSA4b), and maps every
 * failure to an {@link AblyException}.
 * <p>
 * {@link #send} blocks; {@link #sendAsync} runs it on the executor the owning client supplies. Thread-safe.
 */
public final class HttpCore {

	private static final Log logger = LogFactory.getLog(HttpCore.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int MAX_CACHED_URIS = 1024;

	private final RestClientHttpRequestFactory requestFactory;

	private final RestClient restClient;

	private final Executor executor;

	private final Hosts hosts;

	private final PreferredHost preferredHost;

	private final HostCircuitBreaker circuitBreaker;

	/** RSC7: the Ably headers but this and the authorization are sent by the HTTP client, the same on every request. */
	private final MediaType contentType;

	private final WireCodec codec;

	private final String scheme;

	private final int port;

	private final boolean addRequestIds;

	private final int maxRetryCount;

	private final long maxRetryNanos;

	private final LongSupplier nanoClock;

	/** Parsed URIs of parameterless requests, per host then path; bounded. */
	private final Map<String, Map<String, URI>> uris = new ConcurrentHashMap<>();

	public HttpCore(ClientOptions options, Executor executor) {
		this(options, executor, System::nanoTime);
	}

	HttpCore(ClientOptions options, Executor executor, LongSupplier nanoClock) {
		WireFormat format = options.useBinaryProtocol() ? WireFormat.MSGPACK : WireFormat.JSON;
		AblyHeaders ablyHeaders = new AblyHeaders(format, options.clientId(),
				options.agent(AblyHeaders.AGENT));
		this.requestFactory = new RestClientHttpRequestFactory(RestHttpClient.create(options.httpOpenTimeout(),
				options.httpRequestTimeout(), ablyHeaders.fixed()));
		this.restClient = RestClient.builder().requestFactory(requestFactory).build();
		this.contentType = ablyHeaders.contentType();
		this.executor = executor;
		this.hosts = Hosts.of(options);
		this.preferredHost = new PreferredHost(options.fallbackRetryTimeout(), nanoClock);
		this.circuitBreaker = options.circuitBreaker();
		this.codec = WireCodec.of(format);
		this.scheme = options.tls() ? "https" : "http";
		this.port = options.tls() ? options.tlsPort() : options.port();
		this.addRequestIds = options.addRequestIds();
		this.maxRetryCount = options.httpMaxRetryCount();
		this.maxRetryNanos = options.httpMaxRetryDuration().toNanos();
		this.nanoClock = nanoClock;
	}

	/** The codec of request bodies (msgpack unless {@code useBinaryProtocol} is off). */
	public WireCodec codec() {
		return codec;
	}

	public Hosts hosts() {
		return hosts;
	}

	/** Closes the HTTP client and its pooled connections. */
	public void close() {
		requestFactory.close();
	}

	/** Runs blocking work on the client's executor, unwrapping nothing: failures complete the future. */
	public <T> CompletableFuture<T> async(Supplier<T> work) {
		try {
			return CompletableFuture.supplyAsync(work, executor);
		}
		catch (RejectedExecutionException ex) {
			return CompletableFuture.failedFuture(new AblyException(
					ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400, "the client is closed"), ex));
		}
	}

	public CompletableFuture<RestResponse> sendAsync(RestRequest request, Credentials credentials) {
		return async(() -> send(request, credentials));
	}

	/**
	 * Sends {@code request} and returns its 2xx response; any other outcome is an {@link AblyException} carrying the
	 * request id when there is one.
	 */
	public RestResponse send(RestRequest request, Credentials credentials) {
		// RSC7c: one id for the whole request, kept across fallback retries and the token renewal.
		String requestId = addRequestIds ? newRequestId() : null;
		RestRequest withId = requestId == null ? request : request.withParams(Map.of("request_id", requestId));
		try {
			return sendAuthenticated(withId, credentials);
		}
		catch (AblyException ex) {
			if (requestId == null || requestId.equals(ex.errorInfo().requestId())) {
				throw ex;
			}
			if (ex instanceof ErrorResponseException response) {
				throw response.withErrorInfo(ex.errorInfo().withRequestId(requestId));
			}
			throw new AblyException(ex.errorInfo().withRequestId(requestId), ex.getCause());
		}
	}

	/**
	 * Like {@link #send}, with fallback and token renewal, but an error response is returned rather than thrown
	 * (RSC19: {@code AblyRest.request} reports it in its result). Transport failures still throw.
	 */
	public RestResponse sendForResponse(RestRequest request, Credentials credentials) {
		try {
			return send(request, credentials);
		}
		catch (ErrorResponseException ex) {
			return ex.response();
		}
	}

	private RestResponse sendAuthenticated(RestRequest request, Credentials credentials) {
		if (!request.authenticated()) {
			return sendWithFallback(request, null);
		}
		try {
			return sendWithFallback(request, credentials.authorization());
		}
		catch (AblyException ex) {
			if (!isTokenError(ex.errorInfo())) {
				throw ex;
			}
			// RSA4b: one renewal and one more try; a second token error is the caller's.
			logger.debug("token rejected (" + ex.code() + "); renewing once and retrying " + request);
			return sendWithFallback(request, credentials.renew(ex));
		}
	}

	/** RSA4b: 401 with a code in 40140..40149. */
	static boolean isTokenError(ErrorInfo error) {
		return error.statusCode() == 401 && error.code() >= ErrorCodes.TOKEN_ERROR_UNSPECIFIED && error.code() < 40150;
	}

	/** RSC15: the preferred host first, then the fallbacks in random order, within the retry count and duration. */
	private RestResponse sendWithFallback(RestRequest request, @Nullable String authorization) {
		List<String> candidates = candidates();
		long start = nanoClock.getAsLong();
		AblyException last = null;
		int attempts = 0;
		for (String host : candidates) {
			if (attempts > 0 && (attempts > maxRetryCount || nanoClock.getAsLong() - start > maxRetryNanos)) {
				break;
			}
			if (!circuitBreaker.tryAcquirePermission(host)) {
				last = new AblyException(ErrorInfo.of(ErrorCodes.CONNECTION_FAILED, 500,
						"circuit breaker open for " + host));
				continue;
			}
			attempts++;
			long sent = nanoClock.getAsLong();
			RestResponse response;
			try {
				response = exchange(host, request, authorization);
			}
			catch (AblyException ex) {
				onQualifyingFailure(host, sent, ex);
				last = ex;
				continue;
			}
			if (isQualifyingStatus(response.status()) || isCloudFrontError(response)) {
				AblyException ex = ResponseErrors.fromResponse(response);
				onQualifyingFailure(host, sent, ex);
				// RSC19: kept whole, so that request() reports the last host's error response when none is left.
				last = new ErrorResponseException(ex.errorInfo(), response);
				continue;
			}
			circuitBreaker.onSuccess(host, Duration.ofNanos(nanoClock.getAsLong() - sent));
			if (!host.equals(hosts.primary())) {
				preferredHost.remember(host);                                   // RSC15f
			}
			if (response.status() >= 300) {
				throw new ErrorResponseException(ResponseErrors.fromResponse(response).errorInfo(), response);
			}
			return response;
		}
		throw last != null ? last : new AblyException(ErrorInfo.of(ErrorCodes.CONNECTION_FAILED, 500, "no host to try"));
	}

	private void onQualifyingFailure(String host, long sent, AblyException ex) {
		circuitBreaker.onError(host, Duration.ofNanos(nanoClock.getAsLong() - sent), ex);
		preferredHost.forget(host);
		if (!hosts.fallbacks().isEmpty()) {
			logger.debug("request to " + host + " failed (" + ex.errorInfo() + "); trying a fallback host");
		}
	}

	/** RSC15l4: an error from the CDN in front of Ably rather than from Ably qualifies for a fallback too. */
	static boolean isCloudFrontError(RestResponse response) {
		String server = response.header("Server");
		return response.status() >= 400 && server != null && server.toLowerCase(java.util.Locale.ROOT).contains("cloudfront");
	}

	/** RSC15l: a 500 to 504 qualifies for a fallback; so does any transport failure (handled by the caller). */
	static boolean isQualifyingStatus(int status) {
		return status >= 500 && status <= 504;
	}

	/** RSC15f, RSC15g: the remembered fallback, then the primary, then the other fallbacks shuffled. */
	List<String> candidates() {
		List<String> shuffled = new ArrayList<>(hosts.fallbacks());
		Collections.shuffle(shuffled, ThreadLocalRandom.current());
		List<String> order = new ArrayList<>(shuffled.size() + 2);
		String preferred = preferredHost.get();
		if (preferred != null) {
			order.add(preferred);
			shuffled.remove(preferred);
		}
		order.add(hosts.primary());
		order.addAll(shuffled);
		return order;
	}

	private RestResponse exchange(String host, RestRequest request, @Nullable String authorization) {
		URI uri = uri(host, request);
		byte[] body = request.body();
		try {
			RestClient.RequestBodySpec spec = restClient.method(HttpMethod.valueOf(request.method())).uri(uri);
			if (!request.headers().isEmpty()) {
				spec.headers(h -> request.headers().forEach(h::set));
			}
			if (authorization != null) {
				spec.header(HttpHeaders.AUTHORIZATION, authorization);
			}
			if (body != null) {
				spec.contentType(contentType).body(body);
			}
			RestResponse response = spec.exchange((req, res) -> new RestResponse(res.getStatusCode().value(),
					res.getHeaders(), res.getBody().readAllBytes(), host), true);
			if (response == null) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INTERNAL_ERROR, 500, "no response from " + host));
			}
			return response;
		}
		catch (RestClientException | CompletionException | IllegalArgumentException ex) {
			throw ResponseErrors.fromTransport(host, ex);
		}
	}

	private URI uri(String host, RestRequest request) {
		if (!request.params().isEmpty()) {
			return URI.create(url(host, request));
		}
		// Without parameters a request's URI is one of a few per host (a publish's, say): parse each once.
		Map<String, URI> byPath = uris.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
		URI uri = byPath.get(request.path());
		if (uri == null) {
			if (byPath.size() >= MAX_CACHED_URIS) {
				byPath.clear();                                                     // many channels: start afresh
			}
			uri = URI.create(url(host, request));
			byPath.put(request.path(), uri);
		}
		return uri;
	}

	private String url(String host, RestRequest request) {
		StringBuilder url = new StringBuilder(scheme).append("://");
		// An IPv6 literal needs brackets in a URL.
		url.append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host).append(':').append(port);
		url.append(request.path().startsWith("/") ? "" : "/").append(request.path());
		char separator = request.path().contains("?") ? '&' : '?';
		for (Map.Entry<String, String> param : request.params().entrySet()) {
			url.append(separator).append(encode(param.getKey())).append('=').append(encode(param.getValue()));
			separator = '&';
		}
		return url.toString();
	}

	/** Percent-encodes a query or path component (a space is {@code %20}, not {@code +}). */
	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String newRequestId() {
		byte[] bytes = new byte[12];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
