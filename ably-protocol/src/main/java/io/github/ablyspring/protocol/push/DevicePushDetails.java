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
 * @param state {@link #ACTIVE}, {@link #FAILING} or {@link #FAILED} (PCP4) as on the wire; null on a registration
 *        not yet saved
 * @param errorReason why the registration is failing (PCP2), or null
 */
public record DevicePushDetails(Map<String, String> recipient, @Nullable String state,
		@Nullable ErrorInfo errorReason) {

	// PCP4 names the states Active, Failing and Failed; Ably's REST API (and ably-java, ably-js) spell them so.
	public static final String ACTIVE = "ACTIVE";

	public static final String FAILING = "FAILING";

	public static final String FAILED = "FAILED";

	public DevicePushDetails {
		recipient = Collections.unmodifiableMap(new LinkedHashMap<>(recipient));
	}

	/** Details to save: a recipient, with the state left to Ably. */
	public static DevicePushDetails of(Map<String, String> recipient) {
		return new DevicePushDetails(recipient, null, null);
	}

	/** Whether the state is Active, in whatever case the sender spelt it. */
	public boolean isActive() {
		return ACTIVE.equalsIgnoreCase(state);
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
