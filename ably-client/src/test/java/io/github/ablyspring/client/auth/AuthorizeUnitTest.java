package io.github.ablyspring.client.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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
import io.github.ablyspring.protocol.auth.TokenRequest;

import static io.github.ablyspring.client.support.UtsPeer.bearer;
import static io.github.ablyspring.client.support.UtsPeer.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code uts/rest/unit/auth/authorize.md}, line by line, against a scripted peer. */
class AuthorizeUnitTest {

	private static final long HOUR = 3_600_000L;

	private static final String KEY = "appId.keyId:keySecret";

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

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private static Reply token(String token, String extra) {
		return Reply.json(200, "{\"token\":\"" + token + "\",\"expires\":" + (System.currentTimeMillis() + HOUR)
				+ extra + "}");
	}

	private static TokenDetails details(String token) {
		return new TokenDetails(token, System.currentTimeMillis() + HOUR, null, null, null);
	}

	private static boolean isTokenRequest(Received r) {
		return r.path().matches("/keys/.*/requestToken");
	}

	@Test
	void RSA10a_authorizeWithDefaultTokenParams() throws Exception {
		ScriptedPeer peer = peer(r -> isTokenRequest(r)
				? token("obtained-token", ",\"keyName\":\"appId.keyId\"")
				: Reply.json(200, "{\"channelId\":\"test\",\"status\":{\"isActive\":true}}"));
		AblyRest client = client(UtsPeer.options(peer).key(KEY));

		TokenDetails tokenDetails = client.auth().authorize(null);

		assertThat(tokenDetails.token()).isEqualTo("obtained-token");
		client.channels().get("test").status();
		assertThat(peer.received().get(peer.received().size() - 1).header("Authorization"))
			.isEqualTo(bearer("obtained-token"));
	}

	@Test
	void RSA10b_authorizeWithExplicitTokenParams() throws Exception {
		List<TokenParams> callbackParams = new CopyOnWriteArrayList<>();
		ScriptedPeer peer = peer(r -> Reply.json(200, "{\"channelId\":\"test\"}"));
		AblyRest client = client(UtsPeer.options(peer).clientId("default-client").authCallback(params -> {
			callbackParams.add(params);
			return details("callback-token");
		}));

		client.auth().authorize(TokenParams.builder().clientId("override-client").ttl(7_200_000L).build());

		assertThat(callbackParams.get(0).clientId()).isEqualTo("override-client");
		assertThat(callbackParams.get(0).ttl()).isEqualTo(7_200_000L);
	}

	@Test
	void RSA10e_authorizeSavesTokenParamsForReuse() throws Exception {
		List<TokenParams> invocations = new CopyOnWriteArrayList<>();
		ScriptedPeer peer = peer(r -> Reply.json(200, "[]"));
		AblyRest client = client(UtsPeer.options(peer).authCallback(params -> {
			invocations.add(params);
			return details("token-" + invocations.size());
		}));

		client.auth().authorize(TokenParams.builder().clientId("saved-client").ttl(HOUR).build());
		client.auth().authorize(null);

		assertThat(invocations).hasSize(2);
		assertThat(invocations.get(1).clientId()).isEqualTo("saved-client");
		assertThat(invocations.get(1).ttl()).isEqualTo(HOUR);
	}

	@Test
	void RSA10g_authorizeUpdatesTokenDetails() throws Exception {
		ScriptedPeer peer = peer(r -> token("new-token", ",\"keyName\":\"appId.keyId\",\"clientId\":\"token-client\""));
		AblyRest client = client(UtsPeer.options(peer).key(KEY));

		assertThat(client.auth().tokenDetails()).isNull();
		TokenDetails result = client.auth().authorize(null);

		assertThat(client.auth().tokenDetails()).isNotNull();
		assertThat(client.auth().tokenDetails().token()).isEqualTo("new-token");
		assertThat(client.auth().tokenDetails().clientId()).isEqualTo("token-client");
		assertThat(client.auth().tokenDetails()).isSameAs(result);
	}

	@Test
	void RSA10h_authOptionsReplaceTheStoredOnes() throws Exception {
		AtomicBoolean originalCalled = new AtomicBoolean();
		AtomicBoolean newCalled = new AtomicBoolean();
		ScriptedPeer peer = peer(r -> Reply.json(200, "{\"channelId\":\"test\"}"));
		AblyRest client = client(UtsPeer.options(peer).authCallback(params -> {
			originalCalled.set(true);
			return details("original");
		}));

		client.auth().authorize(null, AuthOptions.builder().authCallback(params -> {
			newCalled.set(true);
			return details("new");
		}).build());

		assertThat(originalCalled).isFalse();
		assertThat(newCalled).isTrue();
		// RSA10g: the new callback stays for later tokens.
		newCalled.set(false);
		client.auth().authorize(null);
		assertThat(newCalled).isTrue();
		assertThat(originalCalled).isFalse();
	}

	@Test
	void RSA10i_authorizeKeepsTheKeyOfTheClientOptions() throws Exception {
		ScriptedPeer authServer = peer(r -> token("authurl-token", ""));
		ScriptedPeer peer = peer(r -> isTokenRequest(r) ? token("token-via-key", ",\"keyName\":\"appId.keyId\"")
				: Reply.json(200, "{\"channelId\":\"test\"}"));
		AblyRest client = client(UtsPeer.options(peer).key(KEY));

		TokenDetails token = client.auth().authorize(null,
				AuthOptions.builder().authUrl("http://127.0.0.1:" + authServer.port() + "/token").build());

		assertThat(token.token()).isEqualTo("authurl-token");
		// The key is still there for key-based operations.
		TokenRequest request = client.auth().createTokenRequest(null);
		assertThat(request.keyName()).isEqualTo("appId.keyId");
		assertThat(client.auth().requestToken(null, AuthOptions.builder().key(KEY).build()).token())
			.isEqualTo("token-via-key");
	}

	@Test
	void RSA10j_authorizeWhenAlreadyAuthorizedGetsANewToken() throws Exception {
		AtomicInteger count = new AtomicInteger();
		ScriptedPeer peer = peer(r -> Reply.json(200, "{\"channelId\":\"test\"}"));
		AblyRest client = client(UtsPeer.options(peer)
			.authCallback(params -> details("token-" + count.incrementAndGet())));

		TokenDetails result1 = client.auth().authorize(null);
		TokenDetails result2 = client.auth().authorize(null);

		assertThat(result1.token()).isEqualTo("token-1");
		assertThat(result2.token()).isEqualTo("token-2");
		assertThat(client.auth().tokenDetails().token()).isEqualTo("token-2");
	}

	/** Adapted: the UTS answers {@code /time} with an object; Ably (and this client) use an array. */
	@Test
	void RSA10k_authorizeWithQueryTimeAsksTheServerTimeOnce() throws Exception {
		long serverTime = 1_234_567_890_000L;
		ScriptedPeer peer = peer(r -> r.path().equals("/time") ? Reply.json(200, "[" + serverTime + "]")
				: Reply.json(200, "{\"token\":\"time-synced-token\",\"expires\":" + (serverTime + HOUR) + "}"));
		AblyRest client = client(UtsPeer.options(peer).key(KEY));

		client.auth().authorize(null, AuthOptions.builder().queryTime(true).build());

		assertThat(peer.received()).anyMatch(r -> r.path().equals("/time"));
		// RSA10k: the offset is kept, so a second token request with queryTime does not ask again, and its
		// timestamp is on the server's clock.
		TokenRequest request = client.auth().createTokenRequest(null, AuthOptions.builder().queryTime(true).build());
		assertThat(peer.received().stream().filter(r -> r.path().equals("/time"))).hasSize(1);
		assertThat(request.timestamp()).isBetween(serverTime, serverTime + 60_000);
	}

	@Test
	void RSA10l_authorizeErrorsReachTheCaller() throws Exception {
		ScriptedPeer peer = peer(r -> error(401, 40100, "Unauthorized"));
		AblyRest client = client(UtsPeer.options(peer).key("invalid.key:secret"));

		AblyException error = catchThrowableOfType(AblyException.class, () -> client.auth().authorize(null));

		assertThat(error.code()).isEqualTo(40100);
		assertThat(error.errorInfo().statusCode()).isEqualTo(401);
	}

	@Test
	void RSA10e_aTokenInTheAuthOptionsIsUsedAsItIs() throws Exception {
		ScriptedPeer peer = peer(r -> Reply.json(200, "[]"));
		AblyRest client = client(UtsPeer.options(peer).key(KEY));

		TokenDetails token = client.auth().authorize(null, AuthOptions.builder().token("given-token").build());
		client.channels().get("test").history();

		assertThat(token.token()).isEqualTo("given-token");
		assertThat(peer.received()).hasSize(1);
		assertThat(peer.received().get(0).header("Authorization")).isEqualTo(bearer("given-token"));
	}
}
