package io.github.ablyspring.client.realtime;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.protocol.ConnectionDetails;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;

/** Building blocks of realtime unit tests: a client on a {@link MockWebSocket} and a {@link ManualScheduler}. */
final class RealtimeUnitSupport {

	static final String KEY = "appId.keyId:keySecret";

	private RealtimeUnitSupport() {
	}

	/**
	 * Options for a client on {@code mock} and {@code clock}: a key, no auto connect, no connectivity check, one
	 * frame per publish while connected (no coalescing, as the UTS cases expect), and
	 * listeners called on the event loop (so {@link ManualScheduler#settle()} also waits for them).
	 */
	static ClientOptions.Builder options(MockWebSocket mock, ManualScheduler clock) {
		return ClientOptions.builder().key(KEY).endpoint("realtime.example.test").tls(false).port(80)
			.realtime(r -> r.autoConnect(false).transportFactory(mock).scheduler(clock).connectivityCheckUrl(null)
				.coalescePublishes(false)
				.listenerExecutor(Runnable::run));
	}

	static AblyRealtime client(ClientOptions options, ManualScheduler clock) {
		AblyRealtime client = new AblyRealtime(options);
		clock.attach(client);
		return client;
	}

	/** A CONNECTED with the given id and key and a 15 s maxIdleInterval. */
	static ProtocolMessage connected(String connectionId, String connectionKey) {
		return ProtocolMessage.builder(ProtocolAction.CONNECTED).connectionId(connectionId)
			.connectionDetails(new ConnectionDetails(null, connectionKey, 65536L, 524288L, null, 120_000L, "server",
					15_000L, null, null))
			.build();
	}
}
