package io.github.ablyspring.client.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The Apache HttpClient 5 (classic, blocking) that carries Ably REST requests: pooled keep-alive connections, and
 * nothing that would second-guess {@link HttpCore}, which does its own fallback and retries (RSC15).
 */
final class RestHttpClient {

	/**
	 * Connections per host: one per thread of {@code AblyRest}'s async pool (64) with room for synchronous callers;
	 * fewer would make requests wait for a lease.
	 */
	static final int MAX_PER_ROUTE = 128;

	/** The primary host and a few fallbacks at once, at most. */
	static final int MAX_TOTAL = 4 * MAX_PER_ROUTE;

	/** An idle connection is checked before reuse after this long, as the server may have closed it meanwhile. */
	private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(1);

	private RestHttpClient() {
	}

	/**
	 * A client connecting within {@code connectTimeout}, failing a request with a {@code SocketTimeoutException}
	 * when no response comes within {@code responseTimeout}, and sending {@code fixedHeaders} on every request
	 * that does not set its own.
	 */
	static CloseableHttpClient create(Duration connectTimeout, Duration responseTimeout,
			Map<String, String> fixedHeaders) {
		ConnectionConfig connection = ConnectionConfig.custom()
			.setConnectTimeout(timeout(connectTimeout))
			.setSocketTimeout(timeout(responseTimeout))
			.setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
			.build();
		RequestConfig request = RequestConfig.custom()
			.setResponseTimeout(timeout(responseTimeout))
			.setConnectionRequestTimeout(timeout(responseTimeout))            // waiting for a free connection
			.build();
		List<Header> headers = fixedHeaders.entrySet().stream()
			.map(h -> (Header) new BasicHeader(h.getKey(), h.getValue()))
			.toList();
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnPerRoute(MAX_PER_ROUTE)
				.setMaxConnTotal(MAX_TOTAL)
				.setDefaultConnectionConfig(connection)
				// The JVM's default SSL context (trust store, javax.net.ssl.* properties); host names verified.
				.setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
				.build())
			.setDefaultRequestConfig(request)
			.setDefaultHeaders(headers)
			.disableAutomaticRetries()                                        // HttpCore retries on fallback hosts
			.disableRedirectHandling()                                        // Ably answers, it does not redirect
			.disableCookieManagement()
			.disableAuthCaching()
			.disableConnectionState()                                         // no client certificates: any connection will do
			.disableContentCompression()                                      // small bodies; no Accept-Encoding sent
			.disableDefaultUserAgent()                                        // Ably-Agent says who we are (RSC7d)
			.build();
	}

	private static Timeout timeout(Duration d) {
		return Timeout.ofMilliseconds(Math.max(1, d.toMillis()));
	}
}
