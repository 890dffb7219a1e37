package io.github.ablyspring.client.http;

import java.util.List;

import io.github.ablyspring.client.ClientOptions;

/**
 * The REST hosts of a client: the primary domain (REC1) and the fallback domains (REC2), resolved once from the
 * options.
 *
 * @param primary the host every request tries first (RSC25)
 * @param fallbacks the hosts tried after a qualifying failure (RSC15); empty for a custom host
 */
public record Hosts(String primary, List<String> fallbacks) {

	/** REC1a: the default routing policy. */
	static final String DEFAULT_ENDPOINT = "main";

	private static final String NONPROD_PREFIX = "nonprod:";

	public Hosts {
		fallbacks = List.copyOf(fallbacks);
	}

	@SuppressWarnings("deprecation")
	public static Hosts of(ClientOptions options) {
		Hosts implicit = implicit(options);
		// REC2a2: an explicit list wins over whatever REC2c would give.
		return options.fallbackHosts() != null ? new Hosts(implicit.primary, options.fallbackHosts()) : implicit;
	}

	@SuppressWarnings("deprecation")
	private static Hosts implicit(ClientOptions options) {
		String endpoint = options.endpoint();
		if (endpoint != null) {
			if (isHostname(endpoint)) {
				return new Hosts(endpoint, List.of());                                  // REC1b2, REC2c2
			}
			if (endpoint.startsWith(NONPROD_PREFIX)) {
				String id = endpoint.substring(NONPROD_PREFIX.length());
				return new Hosts(id + ".realtime.ably-nonprod.net", fallbacks(id, "ably-realtime-nonprod.com")); // REC1b3, REC2c3
			}
			return routingPolicy(endpoint);                                             // REC1b4, REC2c4
		}
		if (options.environment() != null) {
			return routingPolicy(options.environment());                                // REC1c2, REC2c5
		}
		if (options.restHost() != null) {
			return new Hosts(options.restHost(), List.of());                            // REC1d1, REC2c6
		}
		if (options.realtimeHost() != null) {
			return new Hosts(options.realtimeHost(), List.of());                        // REC1d2, REC2c6
		}
		return routingPolicy(DEFAULT_ENDPOINT);                                         // REC1a, REC2c1
	}

	/** REC1b2: a host name has a dot, an IPv6 {@code ::}, or is {@code localhost}. */
	static boolean isHostname(String endpoint) {
		return endpoint.contains(".") || endpoint.contains("::") || endpoint.equals("localhost");
	}

	private static Hosts routingPolicy(String id) {
		return new Hosts(id + ".realtime.ably.net", fallbacks(id, "ably-realtime.com"));
	}

	private static List<String> fallbacks(String id, String domain) {
		return List.of("a", "b", "c", "d", "e").stream().map(l -> id + "." + l + ".fallback." + domain).toList();
	}
}
