package io.github.ablyspring.client.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** The query of a presence {@code get} (RSP3a): a page size and filters by client or connection. */
public record PresenceParams(@Nullable Integer limit, @Nullable String clientId, @Nullable String connectionId) {

	public static final PresenceParams DEFAULTS = new PresenceParams(null, null, null);

	/** The query parameters, only those set. */
	public Map<String, String> toQuery() {
		Map<String, String> query = new LinkedHashMap<>();
		if (limit != null) {
			query.put("limit", limit.toString());
		}
		if (clientId != null) {
			query.put("clientId", clientId);
		}
		if (connectionId != null) {
			query.put("connectionId", connectionId);
		}
		return query;
	}
}
