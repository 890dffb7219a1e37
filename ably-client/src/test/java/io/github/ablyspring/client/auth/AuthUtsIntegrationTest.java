package io.github.ablyspring.client.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.rest.HttpPaginatedResponse;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.client.support.Jwts;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/integration/auth.md} (RSA4, RSA8, RSC10), line by line against the embedded server, each in JSON
 * and msgpack. The unknown-key case: Ably answers 40400, the embedded server 40101 (both with 401).
 */
class AuthUtsIntegrationTest {

	private static final long HOUR = 3_600_000L;

	private static EmbeddedAblyServer server;

	private final List<AblyRest> clients = new ArrayList<>();

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@AfterEach
	void close() {
		clients.forEach(AblyRest::close);
	}

	private AblyRest client(ClientOptions.Builder options, boolean msgpack) {
		AblyRest rest = new AblyRest(options.useBinaryProtocol(msgpack).build());
		clients.add(rest);
		return rest;
	}

	private static ClientOptions.Builder options() {
		return EmbeddedServer.options(server);
	}

	private static String channel(String prefix) {
		return "/channels/" + prefix + UUID.randomUUID();
	}

	private static void assertSuccess(HttpPaginatedResponse result) {
		assertThat(result.statusCode()).isBetween(200, 299);
	}

	private static String jwt() {
		return Jwts.of(EmbeddedServer.KEY, System.currentTimeMillis() + HOUR, null);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSA4_basicAuthWithAKey(boolean msgpack) {
		assertSuccess(client(options().key(EmbeddedServer.KEY), msgpack).request("GET", channel("test-RSA4-"), null,
				null, null));
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSA8_tokenAuthWithAJwt(boolean msgpack) {
		assertSuccess(client(options().token(jwt()), msgpack).request("GET", channel("test-RSA8-jwt-"), null, null,
				null));
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSA8_tokenAuthWithANativeToken(boolean msgpack) {
		TokenDetails token = client(options().key(EmbeddedServer.KEY), msgpack).auth().requestToken(null);

		HttpPaginatedResponse result = client(options().token(token.token()), msgpack).request("GET",
				channel("test-RSA8-native-"), null, null, null);

		assertThat(token.token()).isNotEmpty();
		assertThat(token.expires()).isGreaterThan(System.currentTimeMillis());
		assertSuccess(result);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSA8_authCallbackWithATokenRequest(boolean msgpack) {
		AblyRest signer = client(options().key(EmbeddedServer.KEY), msgpack);

		AblyRest client = client(options().authCallback(params -> signer.auth().createTokenRequest(params)), msgpack);

		assertSuccess(client.request("GET", channel("test-RSA8-callback-"), null, null, null));
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSA8_authCallbackWithAJwt(boolean msgpack) {
		AblyRest client = client(options().authCallback(params -> Jwts.of(EmbeddedServer.KEY,
				System.currentTimeMillis() + (params.ttl() != null ? params.ttl() : HOUR), null)), msgpack);

		assertSuccess(client.request("GET", channel("test-RSA8-jwt-callback-"), null, null, null));
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSA4_invalidCredentialsAreRejected(boolean msgpack) {
		HttpPaginatedResponse result = client(options().key("app.invalidKey:invalidSecret"), msgpack).request("GET",
				channel("test-RSA4-invalid-"), null, null, null);

		assertThat(result.statusCode()).isEqualTo(401);
		assertThat(result.errorCode()).isIn(40400, 40101);
	}

	/**
	 * The expired JWT is renewed before the request (RSA4b1), so the server never sees it; the UTS only asks for
	 * success after two callbacks.
	 */
	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSC10_renewalOfAnExpiredJwt(boolean msgpack) {
		AtomicInteger calls = new AtomicInteger();
		AblyRest client = client(options().authCallback(params -> calls.incrementAndGet() == 1
				? Jwts.of(EmbeddedServer.KEY, System.currentTimeMillis() - 5000, null)
				: Jwts.of(EmbeddedServer.KEY, System.currentTimeMillis() + HOUR, null)), msgpack);

		assertSuccess(client.request("GET", channel("test-RSC10-renewal-"), null, null, null));
		assertThat(calls).hasValue(2);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSA8_capabilityRestriction(boolean msgpack) {
		String allowed = "test-RSA8-cap-allowed-" + UUID.randomUUID();
		String denied = "test-RSA8-cap-denied-" + UUID.randomUUID();
		AblyRest client = client(options().token(Jwts.of(EmbeddedServer.KEY, System.currentTimeMillis() + HOUR,
				"{\"" + allowed + "\":[\"publish\",\"subscribe\"]}")), msgpack);

		client.channels().get(allowed).publish("test", "hello");
		AblyException error = catchThrowableOfType(AblyException.class,
				() -> client.channels().get(denied).publish("test", "hello"));

		assertThat(error.code()).isEqualTo(40160);
		assertThat(error.errorInfo().statusCode()).isEqualTo(401);
	}
}
