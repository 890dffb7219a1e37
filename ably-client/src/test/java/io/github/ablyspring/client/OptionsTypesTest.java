package io.github.ablyspring.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.auth.AuthOptions;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/types/options_types.md} (TO3, AO2), line by line. Durations are {@link Duration}s; options
 * without any means to authenticate do not build (40106), so the defaults are read off options with a key. The
 * "endpoint affects host" case is {@code RequestEndpointUnitTest}'s.
 */
class OptionsTypesTest {

	private static final String KEY = "appId.keyId:keySecret";

	@Test
	void TO3_defaults() {
		ClientOptions options = ClientOptions.builder().key(KEY).build();

		assertThat(options.authMethod()).isEqualTo("GET");
		assertThat(options.tls()).isTrue();
		assertThat(options.httpRequestTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.httpMaxRetryCount()).isEqualTo(3);
		assertThat(options.httpMaxRetryDuration()).isEqualTo(Duration.ofSeconds(15));
		assertThat(options.fallbackRetryTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(options.useBinaryProtocol()).isTrue();
		assertThat(options.idempotentRestPublishing()).isTrue();
		assertThat(options.addRequestIds()).isFalse();
		assertThat(options.queryTime()).isFalse();
		assertThat(options.maxMessageSize()).isEqualTo(65536);
		assertThat(options.authHeaders()).isEmpty();
		assertThat(options.authParams()).isEmpty();
		assertThat(options.defaultTokenParams()).isNull();
	}

	@Test
	void TO3_setValues() {
		ClientOptions options = ClientOptions.builder().key(KEY).clientId("my-client").endpoint("test").tls(false)
			.httpRequestTimeout(Duration.ofSeconds(30)).useBinaryProtocol(false).idempotentRestPublishing(false)
			.addRequestIds(true).build();

		assertThat(options.key()).isEqualTo(KEY);
		assertThat(options.clientId()).isEqualTo("my-client");
		assertThat(options.endpoint()).isEqualTo("test");
		assertThat(options.tls()).isFalse();
		assertThat(options.httpRequestTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.useBinaryProtocol()).isFalse();
		assertThat(options.idempotentRestPublishing()).isFalse();
		assertThat(options.addRequestIds()).isTrue();
	}

	@Test
	void TO3_customHosts() {
		ClientOptions options = ClientOptions.builder().key(KEY).restHost("custom.ably.example.com")
			.fallbackHosts(List.of("fallback1.example.com", "fallback2.example.com")).build();

		assertThat(options.restHost()).isEqualTo("custom.ably.example.com");
		assertThat(options.fallbackHosts()).containsExactly("fallback1.example.com", "fallback2.example.com");
	}

	@Test
	void TO3_authUrl() {
		ClientOptions options = ClientOptions.builder().authUrl("https://auth.example.com/token").authMethod("POST")
			.authHeaders(Map.of("X-API-Key", "secret")).authParams(Map.of("scope", "full")).build();

		assertThat(options.authUrl()).isEqualTo("https://auth.example.com/token");
		assertThat(options.authMethod()).isEqualTo("POST");
		assertThat(options.authHeaders()).containsEntry("X-API-Key", "secret");
		assertThat(options.authParams()).containsEntry("scope", "full");
	}

	@Test
	void TO3_defaultTokenParams() {
		ClientOptions options = ClientOptions.builder().key(KEY).defaultTokenParams(TokenParams.builder()
			.ttl(7_200_000L).clientId("default-client").capability("{\"*\":[\"subscribe\"]}").build()).build();

		assertThat(options.defaultTokenParams().ttl()).isEqualTo(7_200_000L);
		assertThat(options.defaultTokenParams().clientId()).isEqualTo("default-client");
		assertThat(options.defaultTokenParams().capability()).isEqualTo("{\"*\":[\"subscribe\"]}");
	}

	@Test
	void AO2_authOptionsAttributes() {
		AuthOptions options = AuthOptions.builder().authUrl("https://auth.example.com/token").authMethod("POST")
			.authHeaders(Map.of("Authorization", "Bearer api-key")).authParams(Map.of("user", "test")).queryTime(true)
			.key(KEY).token("a-token").tokenDetails(TokenDetails.ofToken("details-token")).build();

		assertThat(options.authUrl()).isEqualTo("https://auth.example.com/token");
		assertThat(options.authMethod()).isEqualTo("POST");
		assertThat(options.authHeaders()).containsEntry("Authorization", "Bearer api-key");
		assertThat(options.authParams()).containsEntry("user", "test");
		assertThat(options.queryTime()).isTrue();
		assertThat(options.key()).isEqualTo(KEY);
		assertThat(options.token()).isEqualTo("a-token");
		assertThat(options.tokenDetails().token()).isEqualTo("details-token");
		assertThat(options.toString()).doesNotContain("keySecret").doesNotContain("a-token")
			.doesNotContain("auth.example.com");
	}

	@Test
	void AO_authOptionsWithAnAuthCallback() throws Exception {
		AtomicBoolean called = new AtomicBoolean();
		AuthOptions options = AuthOptions.builder().authCallback(params -> {
			called.set(true);
			return new TokenDetails("callback-token", System.currentTimeMillis() + 3_600_000L, null, null, null);
		}).build();

		Object result = options.authCallback().getToken(TokenParams.EMPTY);

		assertThat(called).isTrue();
		assertThat(((TokenDetails) result).token()).isEqualTo("callback-token");
	}

	@Test
	void TO_endpointIsStored() {
		assertThat(ClientOptions.builder().key(KEY).build().endpoint()).isNull();
		assertThat(ClientOptions.builder().key(KEY).endpoint("test").build().endpoint()).isEqualTo("test");
		assertThat(ClientOptions.builder().key(KEY).endpoint("custom-env").build().endpoint()).isEqualTo("custom-env");
	}

	@Test
	void TO_conflictingOptions() {
		assertThat(ClientOptions.builder().key(KEY).authCallback(params -> "t").build()).isNotNull();

		AblyException conflict = catchThrowableOfType(AblyException.class,
				() -> ClientOptions.builder().key(KEY).restHost("custom.host.com").endpoint("test").build());
		assertThat(conflict.getMessage()).containsAnyOf("restHost", "endpoint");

		AblyException none = catchThrowableOfType(AblyException.class, () -> ClientOptions.builder().build());
		assertThat(none.getMessage()).containsAnyOf("auth", "key", "token");
	}
}
