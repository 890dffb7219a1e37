package io.github.ablyspring.protocol.crypto;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ChannelMode;
import io.github.ablyspring.protocol.ChannelOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ChannelOptions} lives in the protocol package; its cipher handling is tested here, beside the crypto. */
class ChannelOptionsTest {

	@Test
	void TB2_defaultsHaveNoCipherParamsOrModesAndAttachOnSubscribe() {
		ChannelOptions options = ChannelOptions.defaults();

		assertThat(options.cipher()).isNull();
		assertThat(options.isEncrypted()).isFalse();
		assertThat(options.params()).isEmpty();
		assertThat(options.modes()).isEmpty();
		assertThat(options.attachOnSubscribe()).isTrue();
		assertThat(ChannelOptions.builder().build()).isEqualTo(options);
	}

	@Test
	void TB3_withCipherKeyTakesBinaryOrBase64Keys() {
		byte[] key = Crypto.generateRandomKey(128);

		ChannelOptions fromBytes = ChannelOptions.withCipherKey(key);
		ChannelOptions fromText = ChannelOptions.withCipherKey(Base64.getUrlEncoder().encodeToString(key));

		assertThat(fromBytes.cipher()).isEqualTo(Crypto.getDefaultParams(key));
		assertThat(fromText).isEqualTo(fromBytes);
		assertThat(fromBytes.isEncrypted()).isTrue();
		assertThat(fromBytes.attachOnSubscribe()).isTrue();
	}

	@Test
	void TB3_withCipherKeyRejectsInvalidKeys() {
		assertThatThrownBy(() -> ChannelOptions.withCipherKey(new byte[10]))
			.isInstanceOfSatisfying(AblyException.class, ex -> assertThat(ex.code()).isEqualTo(40000));
	}

	@Test
	void TB2b2_cipherParamOptionsAreResolvedWithGetDefaultParams() {
		byte[] key = Crypto.generateRandomKey();

		ChannelOptions options = ChannelOptions.builder().cipher(CipherParamOptions.of(key).withKeyLength(256)).build();

		assertThat(options.cipher()).isEqualTo(Crypto.getDefaultParams(key));
	}

	@Test
	void TB2c_TB2d_TB4_paramsModesAndAttachOnSubscribe() {
		ChannelOptions options = ChannelOptions.builder()
			.param("rewind", "1")
			.param("delta", "vcdiff")
			.modes(ChannelMode.SUBSCRIBE, ChannelMode.PRESENCE)
			.attachOnSubscribe(false)
			.build();

		assertThat(options.params()).containsExactly(Map.entry("rewind", "1"), Map.entry("delta", "vcdiff"));
		assertThat(options.modes()).containsExactly(ChannelMode.PRESENCE, ChannelMode.SUBSCRIBE);
		assertThat(options.attachOnSubscribe()).isFalse();
		assertThat(options.toBuilder().build()).isEqualTo(options);
	}

	@Test
	void TB2_optionsAreImmutable() {
		Map<String, String> params = new LinkedHashMap<>(Map.of("rewind", "1"));
		ChannelOptions options = new ChannelOptions(null, params, Set.of(ChannelMode.PUBLISH), true);
		params.put("delta", "vcdiff");

		assertThat(options.params()).containsOnlyKeys("rewind");
		assertThatThrownBy(() -> options.params().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
		assertThatThrownBy(() -> options.modes().add(ChannelMode.PRESENCE))
			.isInstanceOf(UnsupportedOperationException.class);
		assertThat(options.toBuilder().modes(List.of()).build().modes()).isEmpty();
		assertThat(options.modes()).containsExactly(ChannelMode.PUBLISH);
	}

	@Test
	void TZ2d_toStringNeverShowsTheKey() {
		byte[] key = Crypto.generateRandomKey();

		String text = ChannelOptions.withCipherKey(key).toString();

		CryptoTest.assertNoKey(text, key, Base64.getEncoder().encodeToString(key));
		assertThat(text).contains("aes-256-cbc");
	}
}
