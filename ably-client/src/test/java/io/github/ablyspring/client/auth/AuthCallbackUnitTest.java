package io.github.ablyspring.client.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
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
import io.github.ablyspring.protocol.auth.TokenRequest;

import static io.github.ablyspring.client.support.UtsPeer.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/auth/auth_callback.md}, line by line. The UTS's {@code auth.example.com} is a second scripted
 * peer; its requests are counted apart from the API's.
 */
class AuthCallbackUnitTest {

	private static final long HOUR = 3_600_000L;

	private static final String CHANNEL = "{\"channelId\":\"test\"}";

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

	private ScriptedPeer api() throws Exception {
		return peer(r -> Reply.json(200, CHANNEL));
	}

	private ScriptedPeer authServer(Reply reply) throws Exception {
		return peer(r -> reply);
	}

	private static String url(ScriptedPeer peer, String path) {
		return "http://127.0.0.1:" + peer.port() + path;
	}

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private static Reply tokenJson(String token) {
		return Reply.json(200, "{\"token\":\"" + token + "\",\"expires\":" + (System.currentTimeMillis() + HOUR) + "}");
	}

	private static void getChannel(AblyRest client) {
		client.request("GET", "/channels/test", null, null, null);
	}

	@Test
	void RSA8d_authCallbackInvokedForAuthentication() throws Exception {
		AtomicBoolean invoked = new AtomicBoolean();
		ScriptedPeer api = api();
		AblyRest client = client(UtsPeer.options(api).authCallback(params -> {
			invoked.set(true);
			return new TokenDetails("callback-token", System.currentTimeMillis() + HOUR, null, null, null);
		}));

		getChannel(client);

		assertThat(invoked).isTrue();
		assertThat(api.received()).hasSize(1);
		assertThat(api.received().get(0).header("Authorization")).isEqualTo(bearer("callback-token"));
	}

	@Test
	void RSA8d_authCallbackReturningAJwtString() throws Exception {
		String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.test-jwt-payload";
		ScriptedPeer api = api();
		AblyRest client = client(UtsPeer.options(api).authCallback(params -> jwt));

		getChannel(client);

		assertThat(api.received().get(0).header("Authorization")).isEqualTo(bearer(jwt));
	}

	@Test
	void RSA8d_authCallbackReturningATokenRequest() throws Exception {
		ScriptedPeer api = peer(r -> r.path().matches("/keys/.*/requestToken") ? tokenJson("exchanged-token")
				: Reply.json(200, CHANNEL));
		AblyRest client = client(UtsPeer.options(api).authCallback(params -> new TokenRequest("app.key", HOUR, null,
				null, System.currentTimeMillis(), "unique-nonce", "computed-mac")));

		getChannel(client);

		assertThat(api.received()).hasSize(2);
		assertThat(api.received().get(0).method()).isEqualTo("POST");
		assertThat(api.received().get(0).path()).matches("/keys/.*/requestToken");
		assertThat(api.received().get(1).header("Authorization")).isEqualTo(bearer("exchanged-token"));
	}

	@Test
	void RSA8d_authCallbackReceivesTheTokenParams() throws Exception {
		AtomicReference<TokenParams> received = new AtomicReference<>();
		AblyRest client = client(UtsPeer.options(api()).authCallback(params -> {
			received.set(params);
			return new TokenDetails("test-token", System.currentTimeMillis() + HOUR, null, null, null);
		}));

		client.auth().authorize(TokenParams.builder().clientId("requested-client-id").ttl(7_200_000L)
			.capability("{\"channel1\":[\"publish\"]}").build());

		assertThat(received.get().clientId()).isEqualTo("requested-client-id");
		assertThat(received.get().ttl()).isEqualTo(7_200_000L);
		assertThat(received.get().capability()).isEqualTo("{\"channel1\":[\"publish\"]}");
	}

	@Test
	void RSA8c_authUrlInvokedForAuthentication() throws Exception {
		ScriptedPeer auth = authServer(tokenJson("authurl-token"));
		ScriptedPeer api = api();
		AblyRest client = client(UtsPeer.options(api).authUrl(url(auth, "/token")));

		getChannel(client);

		assertThat(auth.received().get(0).path()).isEqualTo("/token");
		assertThat(auth.received().get(0).method()).isEqualTo("GET");
		assertThat(api.received().get(0).header("Authorization")).isEqualTo(bearer("authurl-token"));
	}

	@Test
	void RSA8c_authUrlWithPost() throws Exception {
		ScriptedPeer auth = authServer(tokenJson("authurl-token"));
		AblyRest client = client(UtsPeer.options(api()).authUrl(url(auth, "/token")).authMethod("POST"));

		getChannel(client);

		assertThat(auth.received().get(0).method()).isEqualTo("POST");
	}

	@Test
	void RSA8c_authUrlWithCustomHeaders() throws Exception {
		ScriptedPeer auth = authServer(tokenJson("authurl-token"));
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-Custom-Header", "custom-value");
		headers.put("X-API-Key", "my-api-key");
		AblyRest client = client(UtsPeer.options(api()).authUrl(url(auth, "/token")).authHeaders(headers));

		getChannel(client);

		assertThat(auth.received().get(0).header("X-Custom-Header")).isEqualTo("custom-value");
		assertThat(auth.received().get(0).header("X-API-Key")).isEqualTo("my-api-key");
	}

	@Test
	void RSA8c_authUrlWithQueryParams() throws Exception {
		ScriptedPeer auth = authServer(tokenJson("authurl-token"));
		Map<String, String> params = new LinkedHashMap<>();
		params.put("client_id", "my-client");
		params.put("scope", "publish:*");
		AblyRest client = client(UtsPeer.options(api()).authUrl(url(auth, "/token")).authParams(params));

		getChannel(client);

		String query = java.net.URLDecoder.decode(auth.received().get(0).query(),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(query.split("&")).contains("client_id=my-client", "scope=publish:*");
	}

	@Test
	void RSA8c_authUrlReturningAJwtString() throws Exception {
		String jwt = "eyJhbGciOiJIUzI1NiJ9.jwt-body.signature";
		ScriptedPeer auth = authServer(new Reply(200, Map.of("Content-Type", "text/plain"), jwt.getBytes()));
		ScriptedPeer api = api();
		AblyRest client = client(UtsPeer.options(api).authUrl(url(auth, "/jwt")));

		getChannel(client);

		assertThat(api.received().get(0).header("Authorization")).isEqualTo(bearer(jwt));
	}

	@Test
	void RSA8d_authCallbackErrorIsPropagated() throws Exception {
		ScriptedPeer api = api();
		AblyRest client = client(UtsPeer.options(api).authCallback(params -> {
			throw new IllegalStateException("Authentication server unavailable");
		}));

		AblyException error = catchThrowableOfType(AblyException.class, () -> getChannel(client));

		assertThat(error.getMessage()).contains("Authentication server unavailable");
		assertThat(api.received()).isEmpty();
	}

	@Test
	void RSA8c_authUrlErrorIsPropagated() throws Exception {
		ScriptedPeer auth = authServer(Reply.json(500, "{\"error\":\"Internal server error\"}"));
		ScriptedPeer api = api();
		AblyRest client = client(UtsPeer.options(api).authUrl(url(auth, "/token")));

		AblyException error = catchThrowableOfType(AblyException.class, () -> getChannel(client));

		assertThat(error.errorInfo().statusCode() == 500 || error.getMessage().contains("auth")).isTrue();
		assertThat(auth.received()).hasSize(1);
		assertThat(api.received()).isEmpty();
	}
}
