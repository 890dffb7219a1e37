package io.github.ablyspring.server.realtime;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The query parameters of a realtime connection attempt (RTN2). */
public record ConnectRequest(Map<String, List<String>> params, @Nullable String authorizationHeader) {

	public @Nullable String param(String name) {
		List<String> values = params.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	public boolean flag(String name, boolean defaultValue) {
		String value = param(name);
		return value == null ? defaultValue : Boolean.parseBoolean(value);
	}

	/** The access token, under either of the names the SDKs use. */
	public @Nullable String accessToken() {
		String token = param("accessToken");
		return token != null ? token : param("access_token");
	}

	@Override
	public String toString() {
		// Credentials are left out: key and token values are secrets.
		return "ConnectRequest" + params.keySet();
	}
}
