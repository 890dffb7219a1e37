package io.github.ablyspring.protocol.auth;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.codec.Json;

/**
 * A token or key capability (RSA9f, TK2b): resource patterns mapped to the operations allowed on them, as in
 * {@code {"chat:*":["publish","subscribe"],"*":["*"]}}. Immutable.
 * <p>
 * Resource patterns: {@code *} matches every channel without a {@code [qualifier]} prefix; {@code ns:*} matches
 * every channel whose name starts with {@code ns:}; {@code [qualifier]pattern} matches channels with that qualifier
 * (for example {@code [meta]*}), and the qualifier {@code [*]} matches any qualifier or none, so {@code [*]*} matches
 * everything. Anything else matches one channel exactly. Channel parameters ({@code [?rewind=1]name}) play no part.
 * The operation {@code *} grants every operation.
 */
public final class Capability {

	private static final String WILDCARD = "*";

	/** Text after the object is an error too: it may be the rest of a capability that was meant to be there. */
	private static final ObjectReader STRICT = Json.MAPPER.reader()
		.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	/** Ably's default capability: every operation on every unqualified channel. */
	public static final Capability ALL = parse("{\"*\":[\"*\"]}");

	private final SortedMap<String, SortedSet<String>> resources;

	private final String json;

	private Capability(SortedMap<String, SortedSet<String>> resources) {
		this.resources = Collections.unmodifiableSortedMap(resources);
		this.json = canonicalJson(resources);
	}

	/**
	 * Parses capability JSON text: an object of resource names to non-empty arrays of operation names. Fails with
	 * error 40000 on anything else.
	 */
	public static Capability parse(String json) {
		Objects.requireNonNull(json, "json");
		JsonNode root;
		try {
			root = STRICT.readTree(json);
		}
		catch (JacksonException ex) {
			throw AblyException.of(ErrorCodes.BAD_REQUEST,
					"invalid capability: not valid JSON (" + ex.getOriginalMessage() + ")", ex);
		}
		if (root == null || !root.isObject()) {
			throw invalid("expected a JSON object mapping resource names to arrays of operations");
		}
		SortedMap<String, SortedSet<String>> resources = new TreeMap<>();
		for (Map.Entry<String, JsonNode> entry : root.properties()) {
			JsonNode ops = entry.getValue();
			if (!ops.isArray()) {
				throw invalid("the operations of resource '" + entry.getKey() + "' must be an array of strings");
			}
			SortedSet<String> operations = new TreeSet<>();
			for (JsonNode op : ops) {
				if (!op.isString()) {
					throw invalid("the operations of resource '" + entry.getKey() + "' must be strings, not " + op);
				}
				operations.add(op.stringValue());
			}
			resources.put(entry.getKey(), operations);
		}
		return validated(resources);
	}

	/** A capability from resource names and their operations, validated as {@link #parse(String)} does. */
	public static Capability of(Map<String, ? extends Collection<String>> resources) {
		SortedMap<String, SortedSet<String>> copy = new TreeMap<>();
		resources.forEach((resource, ops) -> {
			if (resource == null || ops == null) {
				throw invalid("resource names and operations must not be null");
			}
			SortedSet<String> operations = new TreeSet<>();
			for (String op : ops) {
				if (op == null) {
					throw invalid("the operations of resource '" + resource + "' must not be null");
				}
				operations.add(op);
			}
			copy.put(resource, operations);
		});
		return validated(copy);
	}

	/** The canonical form of capability JSON text, as signed in a token request. */
	public static String canonicalize(String json) {
		return parse(json).toJson();
	}

	/** The resource patterns, sorted, each with its sorted operations. */
	public Map<String, Set<String>> resources() {
		return Collections.unmodifiableMap(resources);
	}

	/**
	 * The canonical JSON text: resources and operations sorted and free of duplicates, no whitespace. Equal
	 * capabilities have equal text, which keeps token request signatures stable.
	 */
	public String toJson() {
		return json;
	}

	/** Whether this capability grants {@code operation} on the channel {@code channel}. */
	public boolean allows(String channel, String operation) {
		Name name = Name.of(channel);
		for (Map.Entry<String, SortedSet<String>> entry : resources.entrySet()) {
			if (grants(entry.getValue(), operation) && Name.of(entry.getKey()).covers(name)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether everything this capability grants is also granted by {@code other}; conservative, as a grant counts
	 * only when one resource of {@code other} covers it (so {@code "*"} operations are never split up).
	 */
	public boolean isSubsetOf(Capability other) {
		for (Map.Entry<String, SortedSet<String>> entry : resources.entrySet()) {
			for (String operation : entry.getValue()) {
				// A pattern is checked as if it were a channel name: its wildcards then only match wider ones.
				if (!other.allows(entry.getKey(), operation)) {
					return false;
				}
			}
		}
		return true;
	}

	@Override
	public boolean equals(@Nullable Object o) {
		return o instanceof Capability c && resources.equals(c.resources);
	}

	@Override
	public int hashCode() {
		return resources.hashCode();
	}

	@Override
	public String toString() {
		return json;
	}

	private static boolean grants(Set<String> operations, String operation) {
		return operations.contains(WILDCARD) || operations.contains(operation);
	}

	private static Capability validated(SortedMap<String, SortedSet<String>> resources) {
		resources.forEach((resource, ops) -> {
			if (resource.isEmpty()) {
				throw invalid("resource names must not be empty");
			}
			if (ops.isEmpty()) {
				throw invalid("resource '" + resource + "' has no operations");
			}
			if (ops.contains("")) {
				throw invalid("resource '" + resource + "' has an empty operation name");
			}
		});
		return new Capability(resources);
	}

	private static String canonicalJson(SortedMap<String, SortedSet<String>> resources) {
		ObjectNode root = Json.NODES.objectNode();
		resources.forEach((resource, ops) -> {
			ArrayNode array = root.putArray(resource);
			ops.forEach(array::add);
		});
		return Json.MAPPER.writeValueAsString(root);
	}

	private static AblyException invalid(String reason) {
		return AblyException.of(ErrorCodes.BAD_REQUEST, "invalid capability: " + reason);
	}

	/**
	 * A channel name or resource pattern split into its qualifier ({@code meta} in {@code [meta]log}; empty when
	 * there is none) and the rest. Channel parameters after {@code ?} inside the brackets are dropped.
	 */
	private record Name(String qualifier, String name) {

		static Name of(String text) {
			int end = text.startsWith("[") ? text.indexOf(']') : -1;
			if (end < 0) {
				return new Name("", text);
			}
			String qualifier = text.substring(1, end);
			int params = qualifier.indexOf('?');
			return new Name(params < 0 ? qualifier : qualifier.substring(0, params), text.substring(end + 1));
		}

		/** Whether this, as a resource pattern, covers {@code channel} (a channel name or a narrower pattern). */
		boolean covers(Name channel) {
			if (!qualifier.equals(WILDCARD) && !qualifier.equals(channel.qualifier)) {
				return false;
			}
			if (name.equals(WILDCARD)) {
				return true;
			}
			if (name.endsWith(":" + WILDCARD)) {
				return channel.name.startsWith(name.substring(0, name.length() - 1));
			}
			return name.equals(channel.name);
		}
	}
}
