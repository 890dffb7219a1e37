package io.github.ablyspring.client.realtime.integration;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

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

	/**
	 * An Ably JWT (HS256, kid = the test key's name) signed with the test key's secret, valid for {@code ttlSeconds},
	 * with an {@code x-ably-clientId} claim when {@code clientId} is not null.
	 */
	static String jwt(long ttlSeconds, @Nullable String clientId) throws Exception {
		long now = System.currentTimeMillis() / 1000;
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String header = b64.encodeToString(
				"{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"app.key\"}".getBytes(StandardCharsets.UTF_8));
		String claims = b64.encodeToString(("{\"iat\":" + now + ",\"exp\":" + (now + ttlSeconds)
				+ (clientId != null ? ",\"x-ably-clientId\":\"" + clientId + "\"" : "") + "}")
			.getBytes(StandardCharsets.UTF_8));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = b64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8)));
		return header + "." + claims + "." + signature;
	}
}
