package io.github.ablyspring.protocol.push;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A registered push device (PCD1). Platform and form factor are kept as their wire strings, so a value newer than
 * this library still round-trips. Immutable; build one with {@link #builder(String)}.
 *
 * @param id the registration id (PCD2)
 * @param clientId the client the device belongs to (PCD3), or null
 * @param formFactor one of {@link #FORM_FACTORS} (PCD4)
 * @param metadata other registered key/value pairs (PCD5)
 * @param platform one of {@link #PLATFORMS} (PCD6)
 * @param push the push registration (PCD7)
 */
public record DeviceDetails(String id, @Nullable String clientId, @Nullable String formFactor,
		Map<String, String> metadata, @Nullable String platform, DevicePushDetails push) {

	/** PCD6. */
	public static final Set<String> PLATFORMS = Set.of("android", "ios", "browser");

	/** PCD4. */
	public static final Set<String> FORM_FACTORS = Set.of("phone", "tablet", "desktop", "tv", "watch", "car",
			"embedded", "other");

	public DeviceDetails {
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	public static Builder builder(String id) {
		return new Builder(id);
	}

	public Builder toBuilder() {
		return new Builder(id).clientId(clientId).formFactor(formFactor).metadata(metadata).platform(platform)
			.push(push);
	}

	/** Builder of {@link DeviceDetails}; {@code push} defaults to an empty recipient. */
	public static final class Builder {

		private final String id;

		private @Nullable String clientId;

		private @Nullable String formFactor;

		private Map<String, String> metadata = Map.of();

		private @Nullable String platform;

		private DevicePushDetails push = DevicePushDetails.of(Map.of());

		private Builder(String id) {
			this.id = id;
		}

		public Builder clientId(@Nullable String clientId) {
			this.clientId = clientId;
			return this;
		}

		public Builder formFactor(@Nullable String formFactor) {
			this.formFactor = formFactor;
			return this;
		}

		public Builder metadata(Map<String, String> metadata) {
			this.metadata = metadata;
			return this;
		}

		public Builder platform(@Nullable String platform) {
			this.platform = platform;
			return this;
		}

		public Builder push(DevicePushDetails push) {
			this.push = push;
			return this;
		}

		/** The push recipient (PCP3), with the state left to Ably. */
		public Builder recipient(Map<String, String> recipient) {
			this.push = DevicePushDetails.of(recipient);
			return this;
		}

		public DeviceDetails build() {
			return new DeviceDetails(id, clientId, formFactor, metadata, platform, push);
		}
	}
}
