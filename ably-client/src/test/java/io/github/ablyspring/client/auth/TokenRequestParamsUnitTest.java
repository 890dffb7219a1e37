package io.github.ablyspring.client.auth;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.auth.TokenRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code uts/rest/unit/auth/token_request_params.md} (RSA5, RSA6): signing needs no peer. */
class TokenRequestParamsUnitTest {

	private static final String KEY = "appId.keyId:keySecret";

	private static TokenRequest create(TokenParams defaults, TokenParams params) {
		try (AblyRest client = new AblyRest(ClientOptions.builder().key(KEY).defaultTokenParams(defaults).build())) {
			return client.auth().createTokenRequest(params);
		}
	}

	private static TokenParams ttl(long ttl) {
		return TokenParams.builder().ttl(ttl).build();
	}

	private static TokenParams capability(String capability) {
		return TokenParams.builder().capability(capability).build();
	}

	@Test
	void RSA5_ttlIsNullWhenNotSpecified() {
		assertThat(create(null, null).ttl()).isNull();
	}

	@Test
	void RSA5b_explicitTtlIsKept() {
		assertThat(create(null, ttl(7_200_000L)).ttl()).isEqualTo(7_200_000L);
	}

	@Test
	void RSA5c_ttlOfTheDefaultTokenParams() {
		assertThat(create(ttl(1_800_000L), null).ttl()).isEqualTo(1_800_000L);
	}

	@Test
	void RSA5d_explicitTtlOverridesTheDefaults() {
		assertThat(create(ttl(1_800_000L), ttl(600_000L)).ttl()).isEqualTo(600_000L);
	}

	@Test
	void RSA6_capabilityIsNullWhenNotSpecified() {
		assertThat(create(null, null).capability()).isNull();
	}

	@Test
	void RSA6b_explicitCapabilityIsKept() {
		String c = "{\"channel-a\":[\"publish\",\"subscribe\"]}";
		assertThat(create(null, capability(c)).capability()).isEqualTo(c);
	}

	@Test
	void RSA6c_capabilityOfTheDefaultTokenParams() {
		assertThat(create(capability("{\"*\":[\"subscribe\"]}"), null).capability()).isEqualTo("{\"*\":[\"subscribe\"]}");
	}

	@Test
	void RSA6d_explicitCapabilityOverridesTheDefaults() {
		assertThat(create(capability("{\"*\":[\"subscribe\"]}"), capability("{\"channel-x\":[\"publish\"]}"))
			.capability()).isEqualTo("{\"channel-x\":[\"publish\"]}");
	}
}
