package io.github.ablyspring.protocol;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.github.ablyspring.protocol.crypto.CipherParamOptions;
import io.github.ablyspring.protocol.crypto.CipherParams;
import io.github.ablyspring.protocol.crypto.Crypto;

import org.jspecify.annotations.Nullable;

/**
 * Options of a channel (TB2): an optional {@code cipher} that encrypts its payloads (RSL5a), realtime
 * {@code params} (TB2c) and {@code modes} (TB2d) sent on ATTACH, and whether subscribing attaches implicitly (TB4).
 * Immutable; params keep their insertion order so the ATTACH message is stable.
 */
public record ChannelOptions(@Nullable CipherParams cipher, Map<String, String> params, Set<ChannelMode> modes,
		boolean attachOnSubscribe) {

	private static final ChannelOptions DEFAULTS = builder().build();

	public ChannelOptions {
		params = params == null || params.isEmpty() ? Map.of()
				: Collections.unmodifiableMap(new LinkedHashMap<>(params));
		modes = modes == null || modes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(modes));
	}

	/** No cipher, params or modes; attach on subscribe. */
	public static ChannelOptions defaults() {
		return DEFAULTS;
	}

	/** TB3: options that only encrypt, with a binary AES key of 128 or 256 bits. */
	public static ChannelOptions withCipherKey(byte[] key) {
		return builder().cipher(Crypto.getDefaultParams(key)).build();
	}

	/** TB3: options that only encrypt, with a base64 or base64url AES key of 128 or 256 bits. */
	public static ChannelOptions withCipherKey(String base64Key) {
		return builder().cipher(Crypto.getDefaultParams(base64Key)).build();
	}

	public static Builder builder() {
		return new Builder();
	}

	public Builder toBuilder() {
		return new Builder().cipher(cipher).params(params).modes(modes).attachOnSubscribe(attachOnSubscribe);
	}

	public boolean isEncrypted() {
		return cipher != null;
	}

	/** Mutable builder of {@link ChannelOptions}. */
	public static final class Builder {

		private @Nullable CipherParams cipher;

		private final Map<String, String> params = new LinkedHashMap<>();

		private final Set<ChannelMode> modes = EnumSet.noneOf(ChannelMode.class);

		private boolean attachOnSubscribe = true;

		private Builder() {
		}

		/** TB2b1: encrypt with these params; {@code null} for no encryption. */
		public Builder cipher(@Nullable CipherParams cipher) {
			this.cipher = cipher;
			return this;
		}

		/** TB2b2: encrypt with the params {@link Crypto#getDefaultParams(CipherParamOptions)} derives. */
		public Builder cipher(CipherParamOptions options) {
			this.cipher = Crypto.getDefaultParams(options);
			return this;
		}

		public Builder param(String name, String value) {
			this.params.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
			return this;
		}

		/** Replaces all params. */
		public Builder params(Map<String, String> params) {
			this.params.clear();
			this.params.putAll(params);
			return this;
		}

		/** Replaces all modes. */
		public Builder modes(Collection<ChannelMode> modes) {
			this.modes.clear();
			this.modes.addAll(modes);
			return this;
		}

		public Builder modes(ChannelMode... modes) {
			return modes(List.of(modes));
		}

		public Builder attachOnSubscribe(boolean attachOnSubscribe) {
			this.attachOnSubscribe = attachOnSubscribe;
			return this;
		}

		public ChannelOptions build() {
			return new ChannelOptions(cipher, params, modes, attachOnSubscribe);
		}
	}
}
