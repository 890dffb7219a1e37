package io.github.ablyspring.client.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.client.support.UtsPeer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/auth/client_id.md}, line by line, against a scripted peer. A token whose clientId conflicts
 * with the options' fails in the constructor (the UTS leaves the timing open).
 */
class ClientIdUnitTest {

	private static final long HOUR = 3_600_000L;

	private static final String KEY = "appId.keyId:keySecret";

	private static final String STATUS = "{\"channelId\":\"test\",\"status\":{\"isActive\":true}}";

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	private ScriptedPeer peer(Function<Received, Reply> script) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start("127.0.0.1", 0, script);
		resources.add(peer);
		return peer;
	}

	private ScriptedPeer statusPeer() throws Exception {
		return peer(r -> Reply.json(200, STATUS));
	}

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private static TokenDetails token(String token, String clientId) {
		return new TokenDetails(token, System.currentTimeMillis() + HOUR, null, null, clientId);
	}

	@Test
	void RSA7a_clientIdFromClientOptions() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer()).key(KEY).clientId("my-client-id"));

		assertThat(client.auth().clientId()).isEqualTo("my-client-id");
	}

	@Test
	void RSA7b_clientIdFromTokenDetails() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer())
			.tokenDetails(token("token-with-clientId", "token-client-id")));

		assertThat(client.auth().clientId()).isEqualTo("token-client-id");
	}

	@Test
	void RSA7b_clientIdFromAuthCallbackTokenDetails() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer())
			.authCallback(params -> token("callback-token", "callback-client-id")));

		client.channels().get("test").status();

		assertThat(client.auth().clientId()).isEqualTo("callback-client-id");
	}

	@Test
	void RSA7c_clientIdNullWhenUnidentified() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer()).key(KEY));

		assertThat(client.auth().clientId()).isNull();
	}

	@Test
	void RSA7c_clientIdNullWithAnUnidentifiedToken() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer()).tokenDetails(token("token-without-clientId", null)));

		assertThat(client.auth().clientId()).isNull();
	}

	@Test
	void RSA12a_clientIdPassedToTheAuthCallback() throws Exception {
		List<TokenParams> received = new CopyOnWriteArrayList<>();
		AblyRest client = client(UtsPeer.options(statusPeer()).clientId("library-client-id").authCallback(params -> {
			received.add(params);
			return token("tok", null);
		}));

		client.channels().get("test").status();

		assertThat(received).isNotEmpty();
		assertThat(received.get(0).clientId()).isEqualTo("library-client-id");
	}

	@Test
	void RSA12b_clientIdSentToTheAuthUrl() throws Exception {
		ScriptedPeer authServer = peer(r -> Reply.json(200, "{\"token\":\"url-token\",\"expires\":"
				+ (System.currentTimeMillis() + HOUR) + "}"));
		AblyRest client = client(UtsPeer.options(statusPeer())
			.authUrl("http://127.0.0.1:" + authServer.port() + "/token").clientId("url-client-id"));

		client.channels().get("test").status();

		Received authRequest = authServer.received().get(0);
		assertThat(authRequest.method()).isEqualTo("GET");
		assertThat(authRequest.query()).contains("clientId=url-client-id");
	}

	@Test
	void RSA7_clientIdUpdatedAfterAuthorize() throws Exception {
		AtomicInteger count = new AtomicInteger();
		AblyRest client = client(UtsPeer.options(statusPeer()).authCallback(params -> {
			int n = count.incrementAndGet();
			return token("token-" + n, "client-" + n);
		}));

		client.channels().get("test").status();
		assertThat(client.auth().clientId()).isEqualTo("client-1");
		client.auth().authorize(null);
		assertThat(client.auth().clientId()).isEqualTo("client-2");
	}

	@Test
	void RSA12_wildcardClientIdIsKept() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer()).tokenDetails(token("wildcard-token", "*")));

		assertThat(client.auth().clientId()).isEqualTo("*");
	}

	@Test
	void RSA7_clientIdConsistencyBetweenOptionsAndToken() throws Exception {
		ScriptedPeer peer = statusPeer();
		String[][] cases = { { "client-a", "client-a", "client-a" }, { "client-a", "client-b", null },
				{ "client-a", null, "client-a" }, { "client-a", "*", "client-a" }, { null, "client-b", "client-b" } };

		for (String[] c : cases) {
			ClientOptions.Builder options = UtsPeer.options(peer).clientId(c[0]).tokenDetails(token("t", c[1]));
			if (c[2] == null) {
				AblyException error = catchThrowableOfType(AblyException.class, () -> client(options));
				assertThat(error.getMessage()).contains("clientId");
				assertThat(error.code()).isEqualTo(40102);
			}
			else {
				AblyRest client = client(options);
				client.channels().get("test").status();
				assertThat(client.auth().clientId()).isEqualTo(c[2]);
			}
		}
	}

	@Test
	void RSA15a_tokenClientIdMustMatchTheOptions() throws Exception {
		ScriptedPeer peer = statusPeer();
		AblyRest match = client(UtsPeer.options(peer).clientId("my-client")
			.tokenDetails(token("matching-token", "my-client")));

		AblyException error = catchThrowableOfType(AblyException.class, () -> client(UtsPeer.options(peer)
			.clientId("my-client").tokenDetails(token("mismatched-token", "other-client"))));

		assertThat(match.auth().clientId()).isEqualTo("my-client");
		assertThat(error.code()).isEqualTo(40102);
	}

	@Test
	void RSA15b_wildcardTokenPermitsAnyOptionsClientId() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer()).clientId("any-client")
			.tokenDetails(token("wildcard-token", "*")));

		assertThat(client.auth().clientId()).isEqualTo("any-client");
	}
}
