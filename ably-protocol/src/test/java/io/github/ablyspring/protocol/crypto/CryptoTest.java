package io.github.ablyspring.protocol.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CryptoTest {

	// Bytes chosen so the base64 text contains '+' and '/', which base64url spells '-' and '_'.
	private static final byte[] KEY_128 = HexFormat.of().parseHex("fbefbffbefbffbefbffbefbffbefbf00");

	private static final byte[] KEY_256 = HexFormat.of()
		.parseHex("fbefbffbefbffbefbffbefbffbefbf000102030405060708090a0b0c0d0e0f10");

	@Test
	void RSE1a_defaultsAreAesCbcWithKeyLengthFromKey() {
		CipherParams params = Crypto.getDefaultParams(KEY_128);

		assertThat(params.algorithm()).isEqualTo("aes");
		assertThat(params.mode()).isEqualTo("cbc");
		assertThat(params.keyLength()).isEqualTo(128);
		assertThat(params.key()).isEqualTo(KEY_128);
		assertThat(params.cipherName()).isEqualTo("aes-128-cbc");
	}

	@Test
	void RSE1d_keyLengthIsComputedFromA256BitKey() {
		CipherParams params = Crypto.getDefaultParams(KEY_256);

		assertThat(params.keyLength()).isEqualTo(256);
		assertThat(params.cipherName()).isEqualTo("aes-256-cbc");
	}

	@Test
	void RSE1c_base64KeyIsDecoded() {
		String text = Base64.getEncoder().encodeToString(KEY_128);
		assertThat(text).contains("+").contains("/");

		CipherParams params = Crypto.getDefaultParams(text);

		assertThat(params.key()).isEqualTo(KEY_128);
		assertThat(params).isEqualTo(Crypto.getDefaultParams(KEY_128));
	}

	@Test
	void RSE1c_base64urlKeyIsAcceptedLeniently() {
		String url = Base64.getUrlEncoder().encodeToString(KEY_256);
		String urlUnpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(KEY_256);
		assertThat(url).contains("-").contains("_");

		assertThat(Crypto.getDefaultParams(url).key()).isEqualTo(KEY_256);
		assertThat(Crypto.getDefaultParams(urlUnpadded).key()).isEqualTo(KEY_256);
		assertThat(Crypto.getDefaultParams(CipherParamOptions.of(url)).keyLength()).isEqualTo(256);
	}

	@Test
	void RSE1c_whitespaceAndMissingPaddingAreTolerated() {
		String text = Base64.getEncoder().withoutPadding().encodeToString(KEY_128);
		String wrapped = " " + text.substring(0, 10) + "\r\n" + text.substring(10) + "\n";

		assertThat(Crypto.getDefaultParams(wrapped).key()).isEqualTo(KEY_128);
	}

	@Test
	void RSE1c_invalidBase64KeyIsRejectedWithoutQuotingIt() {
		assertThatThrownBy(() -> Crypto.getDefaultParams("not*base64!key"))
			.isInstanceOfSatisfying(AblyException.class, ex -> {
				assertThat(ex.code()).isEqualTo(ErrorCodes.BAD_REQUEST);
				assertThat(ex.statusCode()).isEqualTo(400);
				assertThat(ex.getMessage()).doesNotContain("not*base64!key");
			});
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 8, 15, 17, 24, 31, 33, 64 })
	void RSE1e_keyLengthsOtherThan128Or256AreRejected(int bytes) {
		assertThatThrownBy(() -> Crypto.getDefaultParams(new byte[bytes]))
			.isInstanceOfSatisfying(AblyException.class, ex -> {
				assertThat(ex.code()).isEqualTo(40000);
				assertThat(ex.statusCode()).isEqualTo(400);
				assertThat(ex.getMessage()).contains(String.valueOf(bytes * 8));
			});
	}

	@Test
	void RSE1e_onlyAesCbcIsAccepted() {
		assertThatThrownBy(() -> Crypto.getDefaultParams(CipherParamOptions.of(KEY_128).withAlgorithm("des")))
			.isInstanceOfSatisfying(AblyException.class, ex -> assertBadRequest(ex, "des"));
		assertThatThrownBy(() -> Crypto.getDefaultParams(CipherParamOptions.of(KEY_128).withMode("ctr")))
			.isInstanceOfSatisfying(AblyException.class, ex -> assertBadRequest(ex, "ctr"));
	}

	@Test
	void RSE1e_optionNamesAreCaseInsensitiveAndNormalised() {
		CipherParams params = Crypto
			.getDefaultParams(CipherParamOptions.of(KEY_128).withAlgorithm("AES").withMode("CBC").withKeyLength(128));

		assertThat(params.algorithm()).isEqualTo("aes");
		assertThat(params.mode()).isEqualTo("cbc");
		assertThat(params).isEqualTo(Crypto.getDefaultParams(KEY_128));
	}

	@Test
	void RSE1e_statedKeyLengthMustMatchTheKey() {
		assertThatThrownBy(() -> Crypto.getDefaultParams(CipherParamOptions.of(KEY_128).withKeyLength(256)))
			.isInstanceOfSatisfying(AblyException.class, ex -> assertBadRequest(ex, "256"));
		assertThatThrownBy(() -> new CipherParams("aes", 256, KEY_128, "cbc"))
			.isInstanceOfSatisfying(AblyException.class, ex -> assertBadRequest(ex, "256"));
	}

	@Test
	void CO2b_optionsNeedExactlyOneKey() {
		assertThatThrownBy(() -> new CipherParamOptions(null, null, null, null, null))
			.isInstanceOfSatisfying(AblyException.class, ex -> assertThat(ex.code()).isEqualTo(40000));
		assertThatThrownBy(() -> new CipherParamOptions(KEY_128, "AAAA", null, null, null))
			.isInstanceOfSatisfying(AblyException.class, ex -> assertThat(ex.code()).isEqualTo(40000));
	}

	@Test
	void RSE2a_randomKeyDefaultsTo256Bits() {
		byte[] key = Crypto.generateRandomKey();

		assertThat(key).hasSize(32);
		assertThat(Crypto.getDefaultParams(key).keyLength()).isEqualTo(256);
	}

	@Test
	void RSE2b_randomKeysHaveTheRequestedLengthAndDiffer() {
		byte[] a = Crypto.generateRandomKey(128);
		byte[] b = Crypto.generateRandomKey(128);

		assertThat(a).hasSize(16);
		assertThat(Crypto.generateRandomKey(256)).hasSize(32);
		assertThat(Arrays.equals(a, b)).isFalse();
	}

	@Test
	void RSE2a_invalidRandomKeyLengthIsRejected() {
		assertThatThrownBy(() -> Crypto.generateRandomKey(100))
			.isInstanceOfSatisfying(AblyException.class, ex -> assertBadRequest(ex, "100"));
	}

	@Test
	void TZ2d_keyIsCopiedInAndOut() {
		byte[] key = KEY_128.clone();
		CipherParams params = Crypto.getDefaultParams(key);
		key[0] = 0;
		params.key()[1] = 0;

		assertThat(params.key()).isEqualTo(KEY_128);
	}

	@Test
	void TZ2_equalityComparesTheKey() {
		assertThat(Crypto.getDefaultParams(KEY_128)).isEqualTo(Crypto.getDefaultParams(KEY_128.clone()))
			.hasSameHashCodeAs(Crypto.getDefaultParams(KEY_128.clone()))
			.isNotEqualTo(Crypto.getDefaultParams(new byte[16]));
	}

	@Test
	void TZ2d_toStringNeverShowsTheKey() {
		String base64 = Base64.getEncoder().encodeToString(KEY_256);
		CipherParams params = Crypto.getDefaultParams(base64);
		CipherParamOptions textOptions = CipherParamOptions.of(base64);
		CipherParamOptions byteOptions = CipherParamOptions.of(KEY_256);

		for (String text : new String[] { params.toString(), textOptions.toString(), byteOptions.toString(),
				ChannelCipher.of(params).toString() }) {
			assertNoKey(text, KEY_256, base64);
		}
		assertThat(params.toString()).contains("aes-256-cbc");
	}

	static void assertNoKey(String text, byte[] key, String base64) {
		assertThat(text).doesNotContain(base64)
			.doesNotContain(base64.substring(0, 12))
			.doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(key).substring(0, 12))
			.doesNotContain(HexFormat.of().formatHex(key).substring(0, 12))
			.doesNotContainIgnoringCase(HexFormat.of().formatHex(key).substring(0, 12))
			.doesNotContain(Arrays.toString(key).substring(0, 12));
	}

	private static void assertBadRequest(AblyException ex, String mentioned) {
		assertThat(ex.code()).isEqualTo(ErrorCodes.BAD_REQUEST);
		assertThat(ex.statusCode()).isEqualTo(400);
		assertThat(ex.getMessage()).contains(mentioned);
	}
}
