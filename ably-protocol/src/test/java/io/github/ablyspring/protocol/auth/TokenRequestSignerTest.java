package io.github.ablyspring.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRequestSignerTest {

	private static final String KEY_NAME = "xVLyHw.LMJZxw";

	private static final String SECRET = "2bsPhxF8K6zyLFXd";

	private static final String KEY = KEY_NAME + ":" + SECRET;

	private static final long NOW = 1_700_000_000_000L;

	private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

	private static final String NONCE = "0123456789abcdef0123";

	private final TokenRequestSigner signer = new TokenRequestSigner(KEY, CLOCK, () -> NONCE);

	private static final TokenParams PARAMS = TokenParams.builder()
		.ttl(3_600_000L)
		.capability("{\"chat:*\":[\"publish\",\"presence\"], \"*\":[\"subscribe\"]}")
		.clientId("alice")
		.build();

	@Test
	void RSA9g_macIsHmacSha256OverNewlineTerminatedFields() throws Exception {
		TokenRequest request = signer.sign(PARAMS);

		String text = KEY_NAME + "\n3600000\n{\"*\":[\"subscribe\"],\"chat:*\":[\"presence\",\"publish\"]}\nalice\n"
				+ NOW + "\n" + NONCE + "\n";
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String expected = Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		assertThat(request.mac()).isEqualTo(expected);
	}

	@Test
	void RSA9g_macMatchesKnownAnswer() {
		// Computed once, outside Java, with:
		// python3 -c 'import hmac,hashlib,base64;t="xVLyHw.LMJZxw\n3600000\n{\"*\":[\"subscribe\"],\"chat:*\":
		// [\"presence\",\"publish\"]}\nalice\n1700000000000\n0123456789abcdef0123\n";print(base64.b64encode(
		// hmac.new(b"2bsPhxF8K6zyLFXd",t.encode(),hashlib.sha256).digest()).decode())'
		assertThat(signer.sign(PARAMS).mac()).isEqualTo("paX54/wKXEWJ6vJUgJFqP94w6ckDWylXwoxSgMQoNzA=");
	}

	@Test
	void RSA9g_absentFieldsAreSignedAsEmptyText() {
		// Computed as above with t="xVLyHw.LMJZxw\n\n\n\n1700000000000\n0123456789abcdef0123\n".
		TokenRequest request = signer.sign(null);

		assertThat(request.mac()).isEqualTo("LVptb5cBKJDCTk1R15+6OvOr6wEoQhPhIDexRuCS6H8=");
		assertThat(request.ttl()).isNull();
		assertThat(request.capability()).isNull();
		assertThat(request.clientId()).isNull();
		assertThat(TokenRequestSigner.signedText(request))
			.isEqualTo(KEY_NAME + "\n\n\n\n" + NOW + "\n" + NONCE + "\n");
	}

	@Test
	void RSA9a_signedRequestCarriesKeyNameAndParams() {
		TokenRequest request = signer.sign(PARAMS);

		assertThat(request.keyName()).isEqualTo(KEY_NAME);
		assertThat(request.ttl()).isEqualTo(3_600_000L);
		assertThat(request.clientId()).isEqualTo("alice");
		assertThat(signer.keyName()).isEqualTo(KEY_NAME);
	}

	@Test
	void RSA9f_capabilityIsCanonicalized() {
		assertThat(signer.sign(PARAMS).capability())
			.isEqualTo("{\"*\":[\"subscribe\"],\"chat:*\":[\"presence\",\"publish\"]}");
	}

	@Test
	void RSA9f_invalidCapabilityIsRejected() {
		TokenParams params = TokenParams.builder().capability("{\"room\":\"publish\"}").build();

		assertThatThrownBy(() -> signer.sign(params)).isInstanceOfSatisfying(AblyException.class,
				ex -> assertThat(ex.code()).isEqualTo(ErrorCodes.BAD_REQUEST));
	}

	@Test
	void RSA9d_timestampComesFromClockUnlessGiven() {
		assertThat(signer.sign(null).timestamp()).isEqualTo(NOW);
		assertThat(signer.sign(TokenParams.builder().timestamp(42L).build()).timestamp()).isEqualTo(42L);
	}

	@Test
	void RSA9c_nonceIsGeneratedUnlessGiven() {
		assertThat(signer.sign(null).nonce()).isEqualTo(NONCE);
		assertThat(signer.sign(TokenParams.builder().nonce("given-nonce-000000").build()).nonce())
			.isEqualTo("given-nonce-000000");
	}

	@Test
	void RSA9c_randomNoncesAreLongAndUnique() {
		TokenRequestSigner random = new TokenRequestSigner(KEY);
		Set<String> nonces = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String nonce = random.sign(null).nonce();
			assertThat(nonce).hasSizeGreaterThanOrEqualTo(16).matches("[A-Za-z0-9_-]+");
			nonces.add(nonce);
		}
		assertThat(nonces).hasSize(1000);
	}

	@Test
	void RSA9g_verifyAcceptsOwnSignatureAndRejectsTampering() {
		TokenRequest request = signer.sign(PARAMS);

		assertThat(TokenRequestSigner.verify(request, SECRET)).isTrue();
		assertThat(signer.verify(request)).isTrue();
		assertThat(TokenRequestSigner.verify(request, SECRET + "x")).isFalse();
		assertThat(TokenRequestSigner.verify(request, "")).isFalse();
		assertThat(TokenRequestSigner.verify(withClientId(request, "mallory"), SECRET)).isFalse();
		assertThat(TokenRequestSigner.verify(withMac(request, null), SECRET)).isFalse();
		assertThat(TokenRequestSigner.verify(withMac(request, "not base64!"), SECRET)).isFalse();
		assertThat(TokenRequestSigner.verify(withMac(request, request.mac().substring(4)), SECRET)).isFalse();
		TokenRequest otherKey = new TokenRequestSigner("other.key:" + SECRET, CLOCK, () -> NONCE).sign(PARAMS);
		assertThat(signer.verify(otherKey)).isFalse();
	}

	@Test
	void RSA9g_verifySurvivesJsonRoundTrip() {
		TokenRequest request = signer.sign(PARAMS);

		assertThat(signer.verify(TokenRequest.fromJson(request.toJson()))).isTrue();
	}

	@Test
	void invalidKeyFormatIsRejectedWithoutEchoingTheKey() {
		for (String key : new String[] { "", "noColon", "appOnly:s3cr3t", "app.key:", ".key:s3cr3t", "app.:s3cr3t",
				"a.b.c:s3cr3t", "app.key:s3c r3t", ":s3cr3t" }) {
			assertThatThrownBy(() -> new TokenRequestSigner(key, CLOCK, () -> NONCE)).as(key)
				.isInstanceOfSatisfying(AblyException.class, ex -> {
					assertThat(ex.code()).isEqualTo(ErrorCodes.INVALID_CREDENTIAL);
					assertThat(ex.statusCode()).isEqualTo(400);
					assertThat(ex.getMessage()).contains("appId.keyId:secret");
					if (!key.isEmpty()) {
						assertThat(ex.getMessage()).doesNotContain(key);
					}
				});
		}
		assertThatThrownBy(() -> new TokenRequestSigner(null)).isInstanceOf(AblyException.class);
	}

	@Test
	void secretNeverAppearsInToString() {
		TokenRequest request = signer.sign(PARAMS);

		assertThat(signer.toString()).contains(KEY_NAME).doesNotContain(SECRET);
		assertThat(request.toString()).contains(KEY_NAME).doesNotContain(SECRET).doesNotContain(request.mac());
	}

	private static TokenRequest withClientId(TokenRequest r, String clientId) {
		return new TokenRequest(r.keyName(), r.ttl(), r.capability(), clientId, r.timestamp(), r.nonce(), r.mac());
	}

	private static TokenRequest withMac(TokenRequest r, String mac) {
		return new TokenRequest(r.keyName(), r.ttl(), r.capability(), r.clientId(), r.timestamp(), r.nonce(), mac);
	}
}
