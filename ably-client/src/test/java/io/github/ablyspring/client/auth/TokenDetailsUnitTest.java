package io.github.ablyspring.client.auth;

import java.util.ArrayList;
import java.util.List;
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
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.auth.TokenDetails;

import static io.github.ablyspring.client.support.UtsPeer.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code uts/rest/unit/auth/token_details.md} (RSA16), line by line, against a scripted peer. Not translated: "null
 * after switching from token to basic auth", as RSA10a has {@code authorize} ensure token auth from then on.
 */
class TokenDetailsUnitTest {

	private static final long HOUR = 3_600_000L;

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

	private static TokenDetails token(String token, long ttl, String clientId) {
		long now = System.currentTimeMillis();
		return new TokenDetails(token, now + ttl, now, null, clientId);
	}

	@Test
	void RSA16a_tokenDetailsFromTheAuthCallback() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer())
			.authCallback(params -> token("callback-token-abc", HOUR, "my-client")));

		client.channels().get("test").status();

		TokenDetails details = client.auth().tokenDetails();
		assertThat(details).isNotNull();
		assertThat(details.token()).isEqualTo("callback-token-abc");
		assertThat(details.clientId()).isEqualTo("my-client");
		assertThat(details.expires()).isNotNull();
		assertThat(details.issued()).isNotNull();
	}

	@Test
	void RSA16a_tokenDetailsFromRequestToken() throws Exception {
		long now = System.currentTimeMillis();
		ScriptedPeer peer = peer(r -> r.path().matches("/keys/.*/requestToken")
				? Reply.json(200, "{\"token\":\"requested-token-xyz\",\"expires\":" + (now + HOUR) + ",\"issued\":" + now
						+ ",\"keyName\":\"appId.keyId\",\"clientId\":\"token-client\"}")
				: Reply.json(200, STATUS));
		AblyRest client = client(UtsPeer.options(peer).key("appId.keyId:keySecret"));

		client.auth().authorize(null);

		assertThat(client.auth().tokenDetails().token()).isEqualTo("requested-token-xyz");
		assertThat(client.auth().tokenDetails().clientId()).isEqualTo("token-client");
	}

	@Test
	void RSA16b_tokenDetailsFromATokenStringInTheOptions() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer()).token("standalone-token-string"));

		TokenDetails details = client.auth().tokenDetails();

		assertThat(details.token()).isEqualTo("standalone-token-string");
		assertThat(details.expires()).isNull();
		assertThat(details.issued()).isNull();
		assertThat(details.clientId()).isNull();
		assertThat(details.capability()).isNull();
	}

	@Test
	void RSA16b_tokenDetailsFromATokenStringOfTheAuthCallback() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer()).authCallback(params -> "just-a-token-string"));

		client.channels().get("test").status();

		assertThat(client.auth().tokenDetails().token()).isEqualTo("just-a-token-string");
		assertThat(client.auth().tokenDetails().expires()).isNull();
		assertThat(client.auth().tokenDetails().issued()).isNull();
	}

	@Test
	void RSA16c_tokenDetailsSetFromTheOptions() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer())
			.tokenDetails(token("initial-token", HOUR, "initial-client")));

		assertThat(client.auth().tokenDetails().token()).isEqualTo("initial-token");
		assertThat(client.auth().tokenDetails().clientId()).isEqualTo("initial-client");
	}

	@Test
	void RSA16c_tokenDetailsUpdatedByAuthorize() throws Exception {
		AtomicInteger count = new AtomicInteger();
		AblyRest client = client(UtsPeer.options(statusPeer()).authCallback(params -> {
			int n = count.incrementAndGet();
			return token("token-v" + n, HOUR, "client-v" + n);
		}));

		client.auth().authorize(null);
		TokenDetails first = client.auth().tokenDetails();
		client.auth().authorize(null);
		TokenDetails second = client.auth().tokenDetails();

		assertThat(first.token()).isEqualTo("token-v1");
		assertThat(first.clientId()).isEqualTo("client-v1");
		assertThat(second.token()).isEqualTo("token-v2");
		assertThat(second.clientId()).isEqualTo("client-v2");
	}

	/** Adapted: no fake clock here; the token lives 300 ms of the real one. */
	@Test
	void RSA16c_tokenDetailsUpdatedByRenewalOnExpiry() throws Exception {
		AtomicInteger count = new AtomicInteger();
		AblyRest client = client(UtsPeer.options(statusPeer()).authCallback(params -> {
			int n = count.incrementAndGet();
			return token("token-v" + n, 300, "client-v" + n);
		}));

		client.channels().get("test").status();
		TokenDetails first = client.auth().tokenDetails();
		await().until(() -> System.currentTimeMillis() > first.expires());
		client.channels().get("test").status();
		TokenDetails second = client.auth().tokenDetails();

		assertThat(first.token()).isEqualTo("token-v1");
		assertThat(second.token()).isEqualTo("token-v2");
	}

	@Test
	void RSA16c_tokenDetailsUpdatedByRenewalOn40142() throws Exception {
		AtomicInteger requests = new AtomicInteger();
		ScriptedPeer peer = peer(r -> requests.incrementAndGet() == 1 ? error(401, 40142, "Token expired")
				: Reply.json(200, STATUS));
		AtomicInteger count = new AtomicInteger();
		AblyRest client = client(UtsPeer.options(peer).authCallback(params -> {
			int n = count.incrementAndGet();
			return token("token-v" + n, HOUR, "client-v" + n);
		}));

		client.auth().authorize(null);
		TokenDetails first = client.auth().tokenDetails();
		client.channels().get("test").status();
		TokenDetails second = client.auth().tokenDetails();

		assertThat(first.token()).isEqualTo("token-v1");
		assertThat(second.token()).isEqualTo("token-v2");
	}

	@Test
	void RSA16d_nullUnderBasicAuth() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer()).key("appId.keyId:keySecret"));

		client.channels().get("test").status();

		assertThat(client.auth().tokenDetails()).isNull();
	}

	@Test
	void RSA16d_nullBeforeAnyTokenIsObtained() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer()).authCallback(params -> token("my-token", HOUR, null)));

		assertThat(client.auth().tokenDetails()).isNull();
	}

	@Test
	void RSA16d_nullAfterAFailedRenewal() throws Exception {
		ScriptedPeer peer = peer(r -> error(401, 40142, "Token expired"));
		AtomicInteger count = new AtomicInteger();
		AblyRest client = client(UtsPeer.options(peer).authCallback(params -> {
			if (count.incrementAndGet() == 1) {
				return token("first-token", HOUR, null);
			}
			throw new AblyException(ErrorInfo.of(50000, 500, "Cannot obtain new token"));
		}));

		client.auth().authorize(null);
		assertThat(client.auth().tokenDetails().token()).isEqualTo("first-token");
		catchThrowableOfType(AblyException.class, () -> client.channels().get("test").status());

		assertThat(client.auth().tokenDetails()).isNull();
	}

	@Test
	void RSA16_tokenDetailsKeptAcrossRequests() throws Exception {
		AblyRest client = client(UtsPeer.options(statusPeer())
			.authCallback(params -> token("stable-token", HOUR, "stable-client")));

		for (int i = 0; i < 3; i++) {
			client.channels().get("test").status();
			assertThat(client.auth().tokenDetails().token()).isEqualTo("stable-token");
		}
	}

	@Test
	void RSA16_tokenDetailsCarriesTheCapability() throws Exception {
		String capability = "{\"channel1\":[\"publish\",\"subscribe\"],\"channel2\":[\"subscribe\"]}";
		AblyRest client = client(UtsPeer.options(statusPeer()).authCallback(params -> new TokenDetails(
				"capable-token", System.currentTimeMillis() + HOUR, null, capability, null)));

		client.channels().get("test").status();

		assertThat(client.auth().tokenDetails().capability()).isEqualTo(capability);
	}
}
