package io.github.ablyspring.client.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

import static io.github.ablyspring.client.support.UtsPeer.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code uts/rest/unit/auth/auth_scheme.md}, line by line, against a scripted peer. */
class AuthSchemeUnitTest {

	private static final long HOUR = 3_600_000L;

	private static final String KEY = "appId.keyId:keySecret";

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

	private static String basic(String key) {
		return "Basic " + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void RSA4_basicAuthWithAnApiKeyOnly() throws Exception {
		ScriptedPeer api = api();

		getChannel(client(UtsPeer.options(api).key(KEY)));

		assertThat(api.received().get(0).header("Authorization")).isEqualTo(basic(KEY));
	}

	@Test
	void RSA3_tokenAuthWithAnExplicitToken() throws Exception {
		ScriptedPeer api = api();

		getChannel(client(UtsPeer.options(api).token("explicit-token-string")));

		assertThat(api.received().get(0).header("Authorization")).isEqualTo(bearer("explicit-token-string"));
	}

	@Test
	void RSA3_tokenAuthWithTokenDetails() throws Exception {
		ScriptedPeer api = api();

		getChannel(client(UtsPeer.options(api).tokenDetails(
				new TokenDetails("token-from-details", System.currentTimeMillis() + HOUR, null, null, null))));

		assertThat(api.received().get(0).header("Authorization")).isEqualTo(bearer("token-from-details"));
	}

	@Test
	void RSA4_useTokenAuthForcesTokenAuth() throws Exception {
		ScriptedPeer api = peer(r -> r.path().matches("/keys/.*/requestToken") ? tokenJson("obtained-token")
				: Reply.json(200, CHANNEL));

		getChannel(client(UtsPeer.options(api).key(KEY).useTokenAuth(true)));

		assertThat(api.received().get(1).header("Authorization")).isEqualTo(bearer("obtained-token"));
	}

	@Test
	void RSA4_authCallbackTriggersTokenAuth() throws Exception {
		ScriptedPeer api = api();

		getChannel(client(UtsPeer.options(api).authCallback(
				params -> new TokenDetails("callback-token", System.currentTimeMillis() + HOUR, null, null, null))));

		assertThat(api.received().get(0).header("Authorization")).isEqualTo(bearer("callback-token"));
	}

	@Test
	void RSA4_authUrlTriggersTokenAuth() throws Exception {
		ScriptedPeer auth = peer(r -> tokenJson("authurl-token"));
		ScriptedPeer api = api();

		getChannel(client(UtsPeer.options(api).authUrl("http://127.0.0.1:" + auth.port() + "/token")));

		assertThat(api.received().get(0).header("Authorization")).isEqualTo(bearer("authurl-token"));
	}

	/** Adapted: the options refuse to build without a means to authenticate, so no client and no request. */
	@Test
	void RSC1b_errorWhenNoAuthMethodIsAvailable() throws Exception {
		ScriptedPeer api = api();

		AblyException error = catchThrowableOfType(AblyException.class, () -> client(UtsPeer.options(api)));

		assertThat(error.code()).isEqualTo(40106);
		assertThat(api.received()).isEmpty();
	}

	@Test
	void RSA4a2_expiredTokenWithoutRenewalFailsBeforeTheRequest() throws Exception {
		ScriptedPeer api = api();
		AblyRest client = client(UtsPeer.options(api).tokenDetails(
				new TokenDetails("expired-token", System.currentTimeMillis() - 1000, null, null, null)));

		AblyException error = catchThrowableOfType(AblyException.class, () -> getChannel(client));

		assertThat(error.code()).isEqualTo(40171);
		assertThat(api.received()).isEmpty();
	}

	@Test
	void RSA1_authCallbackWinsOverTheKey() throws Exception {
		ScriptedPeer api = api();

		getChannel(client(UtsPeer.options(api).key(KEY).authCallback(
				params -> new TokenDetails("callback-token", System.currentTimeMillis() + HOUR, null, null, null))));

		assertThat(api.received().get(0).header("Authorization")).isEqualTo(bearer("callback-token"));
	}

	@Test
	void RSA2_RSA11_basicAuthHeaderFormat() throws Exception {
		ScriptedPeer api = api();

		getChannel(client(UtsPeer.options(api).key("app123.key456:secretXYZ")));

		String header = api.received().get(0).header("Authorization");
		assertThat(header).isEqualTo(basic("app123.key456:secretXYZ"));
		assertThat(UtsPeer.basic(header)).isEqualTo("app123.key456:secretXYZ");
	}

	@Test
	void RSC18_tokenAuthAllowedWithoutTls() throws Exception {
		ScriptedPeer api = peer(r -> Reply.json(200, "{\"channelId\":\"test\",\"status\":{\"isActive\":true}}"));

		client(UtsPeer.options(api).token("explicit-token").tls(false)).channels().get("test").status();

		assertThat(api.received().get(0).header("Authorization")).isEqualTo(bearer("explicit-token"));
	}
}
