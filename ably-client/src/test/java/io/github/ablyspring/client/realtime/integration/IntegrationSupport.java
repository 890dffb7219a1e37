package io.github.ablyspring.client.realtime.integration;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.realtime.AblyRealtime;
import io.github.ablyspring.client.realtime.ConnectionState;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.server.EmbeddedAblyServer;

/** Shared bits of the UTS realtime integration tests: clients of the embedded server, random channel names. */
final class IntegrationSupport {

	private IntegrationSupport() {
	}

	/** Key auth, the format of {@code protocol} ("json" or "msgpack"), autoConnect off as in the UTS setups. */
	static ClientOptions.Builder options(EmbeddedAblyServer server, String protocol) {
		return EmbeddedServer.options(server)
			.key(EmbeddedServer.KEY)
			.useBinaryProtocol("msgpack".equals(protocol))
			.autoConnect(false);
	}

	static AblyRealtime connected(ClientOptions options) throws Exception {
		AblyRealtime client = new AblyRealtime(options);
		client.connect();
		client.connection().whenState(ConnectionState.CONNECTED).get(10, TimeUnit.SECONDS);
		return client;
	}

	static String randomName(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}
}
