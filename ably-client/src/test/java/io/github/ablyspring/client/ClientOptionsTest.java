package io.github.ablyspring.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.auth.TokenDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ClientOptionsTest {

	@Test
	void TO3_defaults() {
		ClientOptions o = ClientOptions.ofKey("app.key:secret");
		assertThat(o.tls()).isTrue();
		assertThat(o.port()).isEqualTo(80);
		assertThat(o.tlsPort()).isEqualTo(443);
		assertThat(o.useBinaryProtocol()).isTrue();
		assertThat(o.idempotentRestPublishing()).isTrue();
		assertThat(o.httpOpenTimeout()).isEqualTo(Duration.ofSeconds(4));
		assertThat(o.httpRequestTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(o.httpMaxRetryCount()).isEqualTo(3);
		assertThat(o.httpMaxRetryDuration()).isEqualTo(Duration.ofSeconds(15));
		assertThat(o.fallbackRetryTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(o.maxMessageSize()).isEqualTo(65536);
		assertThat(o.addRequestIds()).isFalse();
		assertThat(o.queryTime()).isFalse();
		assertThat(o.useTokenAuth()).isFalse();
		assertThat(o.fallbackHosts()).isNull();
		assertThat(o.keyName()).isEqualTo("app.key");
	}

	@Test
	void RSA1_invalidKeyFormatIs40005() {
		AblyException ex = catchThrowableOfType(AblyException.class,
				() -> ClientOptions.builder().key("not-a-key").build());
		assertThat(ex.code()).isEqualTo(40005);
		assertThat(ex.statusCode()).isEqualTo(400);
		assertThat(ex.getMessage()).doesNotContain("not-a-key");
	}

	@Test
	void RSC1b_nothingToAuthenticateWithIs40106() {
		AblyException ex = catchThrowableOfType(AblyException.class, () -> ClientOptions.builder().build());
		assertThat(ex.code()).isEqualTo(40106);
	}

	@Test
	void RSA7c_wildcardClientIdRejected() {
		assertThatThrownBy(() -> ClientOptions.builder().key("a.b:c").clientId("*").build())
			.isInstanceOfSatisfying(AblyException.class, ex -> assertThat(ex.code()).isEqualTo(40012));
	}

	@Test
	@SuppressWarnings("deprecation")
	void REC1b1_endpointWithDeprecatedHostOptionsIsInvalid() {
		assertThatThrownBy(() -> ClientOptions.builder().key("a.b:c").endpoint("x").restHost("h.example").build())
			.isInstanceOf(AblyException.class);
		assertThatThrownBy(() -> ClientOptions.builder().key("a.b:c").endpoint("x").environment("y").build())
			.isInstanceOf(AblyException.class);
	}

	@Test
	@SuppressWarnings("deprecation")
	void REC1c1_environmentWithRestHostIsInvalid() {
		assertThatThrownBy(() -> ClientOptions.builder().key("a.b:c").environment("y").restHost("h.example").build())
			.isInstanceOf(AblyException.class);
	}

	@Test
	void toStringRedactsSecretsAndTokens() {
		ClientOptions withKey = ClientOptions.builder().key("app.key:topsecret").clientId("me").build();
		assertThat(withKey.toString()).contains("app.key").contains("me").doesNotContain("topsecret");
		ClientOptions withToken = ClientOptions.builder()
			.tokenDetails(new TokenDetails("tok-123", null, null, null, null)).build();
		assertThat(withToken.toString()).doesNotContain("tok-123");
		assertThat(ClientOptions.builder().token("tok-456").build().toString()).doesNotContain("tok-456");
	}

	@Test
	void toBuilderKeepsEverything() {
		ClientOptions o = ClientOptions.builder().key("a.b:c").tls(false).port(1234).addRequestIds(true)
			.maxMessageSize(10).build();
		assertThat(o.toBuilder().build().toString()).isEqualTo(o.toString());
	}
}
