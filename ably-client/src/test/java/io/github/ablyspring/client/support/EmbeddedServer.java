package io.github.ablyspring.client.support;

import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.server.EmbeddedAblyServer;

/** Helpers to point a client at the embedded server. */
public final class EmbeddedServer {

	public static final String KEY = "app.key:secret";

	private EmbeddedServer() {
	}

	public static EmbeddedAblyServer start() {
		return EmbeddedAblyServer.builder().key(KEY).build().start();
	}

	/** Options for {@code server} without credentials; add a key, token or callback. */
	public static ClientOptions.Builder options(EmbeddedAblyServer server) {
		return ClientOptions.builder().endpoint("127.0.0.1").tls(false).port(server.port());
	}
}
