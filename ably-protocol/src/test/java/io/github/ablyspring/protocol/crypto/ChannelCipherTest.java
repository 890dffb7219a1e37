package io.github.ablyspring.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChannelCipherTest {

	@ParameterizedTest
	@ValueSource(ints = { 128, 256 })
	void RSL5b_encryptThenDecryptRestoresThePlaintext(int bits) {
		ChannelCipher cipher = ChannelCipher.of(Crypto.getDefaultParams(Crypto.generateRandomKey(bits)));

		for (int size : new int[] { 0, 1, 15, 16, 17, 1000 }) {
			byte[] plain = new byte[size];
			Arrays.fill(plain, (byte) size);
			byte[] encrypted = cipher.encrypt(plain);

			// IV block, then the plaintext padded to whole blocks (PKCS#7 always adds at least one byte).
			assertThat(encrypted).hasSize(16 + (size / 16 + 1) * 16);
			assertThat(cipher.decrypt(encrypted)).isEqualTo(plain);
		}
		assertThat(cipher.encoding()).isEqualTo("cipher+aes-" + bits + "-cbc");
	}

	@Test
	void RSL5_ivIsPrependedAndComesFromTheIvSource() {
		byte[] iv = new byte[16];
		Arrays.fill(iv, (byte) 7);
		ChannelCipher cipher = ChannelCipher.of(Crypto.getDefaultParams(new byte[16]), iv::clone);

		byte[] first = cipher.encrypt("same".getBytes(StandardCharsets.UTF_8));
		byte[] second = cipher.encrypt("same".getBytes(StandardCharsets.UTF_8));

		assertThat(Arrays.copyOf(first, 16)).isEqualTo(iv);
		assertThat(first).as("a fixed IV makes encryption deterministic").isEqualTo(second);
	}

	@Test
	void RSL5_defaultIvsAreRandom() {
		ChannelCipher cipher = ChannelCipher.of(Crypto.getDefaultParams(new byte[16]));

		byte[] first = cipher.encrypt(new byte[4]);
		byte[] second = cipher.encrypt(new byte[4]);

		assertThat(Arrays.copyOf(first, 16)).isNotEqualTo(Arrays.copyOf(second, 16));
	}

	@Test
	void ivSourceMustSupplyOneBlock() {
		ChannelCipher cipher = ChannelCipher.of(Crypto.getDefaultParams(new byte[16]), () -> new byte[8]);

		assertThatThrownBy(() -> cipher.encrypt(new byte[1])).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void RSL6b_wrongKeyOrTruncatedCiphertextFailsWith40013() {
		byte[] iv = new byte[16];
		ChannelCipher writer = ChannelCipher.of(Crypto.getDefaultParams(new byte[16]), iv::clone);
		byte[] other = new byte[16];
		other[0] = 1;
		ChannelCipher reader = ChannelCipher.of(Crypto.getDefaultParams(other));
		byte[] encrypted = writer.encrypt("secret text".getBytes(StandardCharsets.UTF_8));

		assertThatThrownBy(() -> reader.decrypt(encrypted)).isInstanceOfSatisfying(AblyException.class,
				ex -> assertThat(ex.code()).isEqualTo(ErrorCodes.INVALID_DATA_OR_ENCODING));
		assertThatThrownBy(() -> writer.decrypt(Arrays.copyOf(encrypted, 16)))
			.isInstanceOfSatisfying(AblyException.class, ex -> {
				assertThat(ex.code()).isEqualTo(40013);
				assertThat(ex.statusCode()).isEqualTo(400);
			});
		assertThatThrownBy(() -> writer.decrypt(Arrays.copyOf(encrypted, 40)))
			.isInstanceOfSatisfying(AblyException.class, ex -> assertThat(ex.code()).isEqualTo(40013));
	}

	@Test
	void cipherIsSafeToShareBetweenThreads() throws Exception {
		ChannelCipher cipher = ChannelCipher.of(Crypto.getDefaultParams(Crypto.generateRandomKey()));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int seed = t;
				results.add(pool.submit(() -> {
					for (int i = 0; i < 500; i++) {
						byte[] plain = ("thread " + seed + " message " + i).getBytes(StandardCharsets.UTF_8);
						if (!Arrays.equals(cipher.decrypt(cipher.encrypt(plain)), plain)) {
							return false;
						}
					}
					return true;
				}));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void TZ2d_toStringNeverShowsTheKey() {
		byte[] key = Crypto.generateRandomKey();
		ChannelCipher cipher = ChannelCipher.of(Crypto.getDefaultParams(key));

		CryptoTest.assertNoKey(cipher.toString(), key, Base64.getEncoder().encodeToString(key));
		CryptoTest.assertNoKey(cipher.params().toString(), key, Base64.getEncoder().encodeToString(key));
		assertThat(cipher.toString()).isEqualTo("ChannelCipher[cipher+aes-256-cbc]");
	}
}
