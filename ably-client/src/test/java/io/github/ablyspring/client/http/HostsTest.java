package io.github.ablyspring.client.http;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.ClientOptions;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("deprecation")
class HostsTest {

	private static ClientOptions.Builder options() {
		return ClientOptions.builder().key("app.key:secret");
	}

	private static List<String> fallbacks(String id, String domain) {
		return List.of(id + ".a.fallback." + domain, id + ".b.fallback." + domain, id + ".c.fallback." + domain,
				id + ".d.fallback." + domain, id + ".e.fallback." + domain);
	}

	@Test
	void REC1a_REC2c1_defaults() {
		Hosts hosts = Hosts.of(options().build());
		assertThat(hosts.primary()).isEqualTo("main.realtime.ably.net");
		assertThat(hosts.fallbacks()).isEqualTo(fallbacks("main", "ably-realtime.com"));
	}

	@Test
	void REC1b2_REC2c2_endpointHostnameHasNoFallbacks() {
		assertThat(Hosts.of(options().endpoint("ably.example.com").build()))
			.isEqualTo(new Hosts("ably.example.com", List.of()));
		assertThat(Hosts.of(options().endpoint("localhost").build())).isEqualTo(new Hosts("localhost", List.of()));
		assertThat(Hosts.of(options().endpoint("127.0.0.1").build())).isEqualTo(new Hosts("127.0.0.1", List.of()));
		assertThat(Hosts.of(options().endpoint("::1").build())).isEqualTo(new Hosts("::1", List.of()));
	}

	@Test
	void REC1b3_REC2c3_nonprodRoutingPolicy() {
		Hosts hosts = Hosts.of(options().endpoint("nonprod:sandbox").build());
		assertThat(hosts.primary()).isEqualTo("sandbox.realtime.ably-nonprod.net");
		assertThat(hosts.fallbacks()).isEqualTo(fallbacks("sandbox", "ably-realtime-nonprod.com"));
	}

	@Test
	void REC1b4_REC2c4_productionRoutingPolicy() {
		Hosts hosts = Hosts.of(options().endpoint("acme").build());
		assertThat(hosts.primary()).isEqualTo("acme.realtime.ably.net");
		assertThat(hosts.fallbacks()).isEqualTo(fallbacks("acme", "ably-realtime.com"));
	}

	@Test
	void REC1c2_REC2c5_environment() {
		Hosts hosts = Hosts.of(options().environment("acme").build());
		assertThat(hosts.primary()).isEqualTo("acme.realtime.ably.net");
		assertThat(hosts.fallbacks()).isEqualTo(fallbacks("acme", "ably-realtime.com"));
	}

	@Test
	void REC1d1_REC2c6_restHostHasNoFallbacks() {
		assertThat(Hosts.of(options().restHost("rest.example.com").build()))
			.isEqualTo(new Hosts("rest.example.com", List.of()));
	}

	@Test
	void REC1d2_realtimeHostWhenNoRestHost() {
		assertThat(Hosts.of(options().realtimeHost("rt.example.com").build()).primary()).isEqualTo("rt.example.com");
		assertThat(Hosts.of(options().realtimeHost("rt.example.com").restHost("rest.example.com").build()).primary())
			.isEqualTo("rest.example.com");
	}

	@Test
	void REC2a2_explicitFallbackHostsWin() {
		Hosts hosts = Hosts.of(options().endpoint("ably.example.com").fallbackHosts(List.of("f1", "f2")).build());
		assertThat(hosts).isEqualTo(new Hosts("ably.example.com", List.of("f1", "f2")));
		assertThat(Hosts.of(options().fallbackHosts(List.of()).build()).fallbacks()).isEmpty();
	}
}
