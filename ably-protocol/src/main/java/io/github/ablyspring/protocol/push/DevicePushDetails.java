package io.github.ablyspring.protocol.push;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.ErrorInfo;

/**
 * The push registration of a device (PCP1). Immutable.
 *
 * @param recipient the push transport and address (PCP3), e.g. {@code transportType=apns, deviceToken=...}
 * @param state {@code Active}, {@code Failing} or {@code Failed} (PCP4); null on a registration not yet saved
 * @param errorReason why the registration is failing (PCP2), or null
 */
public record DevicePushDetails(Map<String, String> recipient, @Nullable String state,
		@Nullable ErrorInfo errorReason) {

	public static final String ACTIVE = "Active";

	public static final String FAILING = "Failing";

	public static final String FAILED = "Failed";

	public DevicePushDetails {
		recipient = Collections.unmodifiableMap(new LinkedHashMap<>(recipient));
	}

	/** Details to save: a recipient, with the state left to Ably. */
	public static DevicePushDetails of(Map<String, String> recipient) {
		return new DevicePushDetails(recipient, null, null);
	}

	public DevicePushDetails withState(@Nullable String state) {
		return new DevicePushDetails(recipient, state, errorReason);
	}

	// Recipient values are push addresses (device tokens): keep them out of logs.
	@Override
	public String toString() {
		return "DevicePushDetails[recipient=" + recipient.keySet() + ", state=" + state
				+ (errorReason == null ? "" : ", errorReason=" + errorReason) + "]";
	}
}
