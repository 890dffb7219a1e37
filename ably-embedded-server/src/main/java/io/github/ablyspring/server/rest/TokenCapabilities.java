package io.github.ablyspring.server.rest;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.auth.Capability;

/**
 * The capability of a requested token (RSA6, TK2b): the requested capability, checked for known operation names,
 * intersected with the key's. Resources meet when one pattern covers the other (the narrower one is kept) and keep
 * the operations both grant; an empty intersection is refused with 40160.
 */
final class TokenCapabilities {

	static final Set<String> OPERATIONS = Set.of("*", "publish", "subscribe", "presence", "history", "stats",
			"channel-metadata", "push-subscribe", "push-admin", "privileged-headers", "annotation-publish",
			"annotation-subscribe", "object-subscribe", "object-publish", "message-update-own",
			"message-update-any", "message-delete-own", "message-delete-any");

	private static final String WILDCARD = "*";

	private TokenCapabilities() {
	}

	/** Parses a requested capability; 40000 (400) for bad JSON, unknown operations or {@code *} beside others. */
	static Capability parseRequested(String json) {
		Capability capability = Capability.parse(json);
		capability.resources().forEach((resource, operations) -> {
			for (String operation : operations) {
				if (!OPERATIONS.contains(operation)) {
					throw invalid("unknown operation '" + operation + "' on resource '" + resource + "'");
				}
			}
			if (operations.contains(WILDCARD) && operations.size() > 1) {
				throw invalid("resource '" + resource + "' has '*' beside other operations");
			}
		});
		return capability;
	}

	static Capability intersect(Capability requested, Capability key) {
		Map<String, Set<String>> result = new TreeMap<>();
		requested.resources().forEach((wanted, wantedOps) -> key.resources().forEach((granted, grantedOps) -> {
			String resource = covers(granted, wanted) ? wanted : covers(wanted, granted) ? granted : null;
			if (resource == null) {
				return;
			}
			Set<String> operations = intersectOperations(wantedOps, grantedOps);
			if (!operations.isEmpty()) {
				result.computeIfAbsent(resource, r -> new TreeSet<>()).addAll(operations);
			}
		}));
		if (result.isEmpty()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.CAPABILITY_DENIED, 401,
					"the requested capability does not intersect the key's capability"));
		}
		result.replaceAll((resource, operations) -> operations.contains(WILDCARD) ? Set.of(WILDCARD) : operations);
		return Capability.of(result);
	}

	private static Set<String> intersectOperations(Collection<String> a, Collection<String> b) {
		if (a.contains(WILDCARD)) {
			return new TreeSet<>(b);
		}
		Set<String> operations = new TreeSet<>(a);
		if (!b.contains(WILDCARD)) {
			operations.retainAll(b);
		}
		return operations;
	}

	/** Whether the resource pattern {@code pattern} covers {@code resource} (a name or a narrower pattern). */
	private static boolean covers(String pattern, String resource) {
		return Capability.of(Map.of(pattern, List.of(WILDCARD))).allows(resource, "publish");
	}

	private static AblyException invalid(String reason) {
		return new AblyException(ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400, "invalid capability: " + reason));
	}
}
