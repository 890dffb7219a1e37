package io.github.ablyspring.client.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.auth.TokenRequestSigner;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** RSA8c: tokens from an application's authUrl, served by a local HTTP endpoint, used against the embedded server. */
class AuthUrlIntegrationTest {

	private static final TokenRequestSigner SIGNER = new TokenRequestSigner(EmbeddedServer.KEY);

	private final List<AutoCloseable> resources = new ArrayList<>();

	private EmbeddedAblyServer server;

	@BeforeEach
	void start() {
		server = EmbeddedServer.start();
		resources.add(server);
	}

	@AfterEach
	void close() throws Exception {
		for (int i = resources.size() - 1; i >= 0; i--) {
			resources.get(i).close();
		}
	}

	private ScriptedPeer authEndpoint(Function<Received, Reply> script) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start("127.0.0.1", 0, script);
		resources.add(peer);
		return peer;
	}

	private AblyRest client(ClientOptions.Builder options) {
		AblyRest rest = new AblyRest(options.build());
		resources.add(rest);
		return rest;
	}

	private static String url(ScriptedPeer peer, String pathAndQuery) {
		return "http://127.0.0.1:" + peer.port() + pathAndQuery;
	}

	/** Signs a token request with the params the client sent, as an application's auth endpoint would. */
	private static Reply signedTokenRequest(Map<String, String> params) {
		TokenParams.Builder p = TokenParams.builder();
		if (params.containsKey("clientId")) {
			p.clientId(params.get("clientId"));
		}
		if (params.containsKey("ttl")) {
			p.ttl(Long.parseLong(params.get("ttl")));
		}
		return new Reply(200, Map.of("Content-Type", "application/json; charset=utf-8"),
				SIGNER.sign(p.build()).toJson().getBytes(StandardCharsets.UTF_8));
	}

	private static Map<String, String> form(String encoded) {
		Map<String, String> params = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return params;
		}
		for (String pair : encoded.split("&")) {
			int eq = pair.indexOf('=');
			params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return params;
	}

	private void assertPublishWorks(AblyRest rest, String channel) {
		rest.channels().get(channel).publish("n", "via-authUrl");
		assertThat(rest.channels().get(channel).history().items()).extracting(Message::data)
			.containsExactly("via-authUrl");
	}

	@Test
	void RSA8c1a_getSendsTokenParamsAuthParamsAndHeaders_tokenRequestIsExchanged() throws Exception {
		ScriptedPeer endpoint = authEndpoint(r -> signedTokenRequest(form(r.query())));
		AblyRest rest = client(EmbeddedServer.options(server)
			.authUrl(url(endpoint, "/auth?kept=url&shared=url"))
			.authParams(Map.of("shared", "authParams", "tenant", "acme", "clientId", "overridden"))
			.authHeaders(Map.of("X-App-Session", "s3"))
			.clientId("worker-1"));

		assertPublishWorks(rest, "authurl-get");

		Received r = endpoint.received().get(0);
		assertThat(r.method()).isEqualTo("GET");
		Map<String, String> query = form(r.query());
		// RSA8c1c: the URL's own params are kept unless overridden; RSA8c2: token params win over authParams.
		assertThat(query).containsEntry("kept", "url").containsEntry("shared", "authParams")
			.containsEntry("tenant", "acme").containsEntry("clientId", "worker-1");
		assertThat(r.header("X-App-Session")).isEqualTo("s3");
		assertThat(rest.auth().method()).isEqualTo(Auth.AuthMethod.TOKEN);
		assertThat(rest.auth().tokenDetails().clientId()).isEqualTo("worker-1");
	}

	@Test
	void RSA8c1b_postSendsParamsFormEncoded() throws Exception {
		ScriptedPeer endpoint = authEndpoint(r -> signedTokenRequest(form(new String(r.body(), StandardCharsets.UTF_8))));
		AblyRest rest = client(EmbeddedServer.options(server)
			.authUrl(url(endpoint, "/auth"))
			.authMethod("POST")
			.authParams(Map.of("tenant", "acme & co"))
			.authHeaders(Map.of("X-App-Session", "s3")));

		assertPublishWorks(rest, "authurl-post");

		Received r = endpoint.received().get(0);
		assertThat(r.method()).isEqualTo("POST");
		assertThat(r.query()).isNull();
		assertThat(r.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(form(new String(r.body(), StandardCharsets.UTF_8))).containsEntry("tenant", "acme & co");
		assertThat(r.header("X-App-Session")).isEqualTo("s3");
	}

	@Test
	void RSA8c_textPlainIsATokenString() throws Exception {
		TokenDetails issued;
		try (AblyRest issuer = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).build())) {
			issued = issuer.auth().requestToken(null);
		}
		ScriptedPeer endpoint = authEndpoint(r -> new Reply(200, Map.of("Content-Type", "text/plain"),
				issued.token().getBytes(StandardCharsets.UTF_8)));
		AblyRest rest = client(EmbeddedServer.options(server).authUrl(url(endpoint, "/token")));

		assertPublishWorks(rest, "authurl-text");
		assertThat(rest.auth().tokenDetails().token()).isEqualTo(issued.token());
	}

	@Test
	void RSA8c_jsonTokenDetailsAreUsedAsTheyAre() throws Exception {
		TokenDetails issued;
		try (AblyRest issuer = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).build())) {
			issued = issuer.auth().requestToken(null);
		}
		ScriptedPeer endpoint = authEndpoint(r -> Reply.json(200, issued.toJson()));
		AblyRest rest = client(EmbeddedServer.options(server).authUrl(url(endpoint, "/token")));

		assertPublishWorks(rest, "authurl-details");
		assertThat(rest.auth().tokenDetails().expires()).isEqualTo(issued.expires());
	}

	/** RSA8g: an Ably JWT (HS256, kid = key name) from the authUrl. */
	@Test
	void RSA8g_applicationJwtIsATokenString() throws Exception {
		String jwt = jwt(System.currentTimeMillis() / 1000);
		ScriptedPeer endpoint = authEndpoint(r -> new Reply(200, Map.of("Content-Type", "application/jwt"),
				jwt.getBytes(StandardCharsets.UTF_8)));
		AblyRest rest = client(EmbeddedServer.options(server).authUrl(url(endpoint, "/jwt")));

		assertPublishWorks(rest, "authurl-jwt");
		assertThat(rest.auth().tokenDetails().token()).isEqualTo(jwt);
	}

	@Test
	void RSA4e_authUrlErrorIs40170WithTheCause() throws Exception {
		ScriptedPeer endpoint = authEndpoint(
				r -> Reply.json(500, "{\"error\":{\"code\":50000,\"statusCode\":500,\"message\":\"boom\"}}"));
		AblyRest rest = client(EmbeddedServer.options(server).authUrl(url(endpoint, "/auth")));

		AblyException ex = catchThrowableOfType(AblyException.class, () -> rest.channels().get("x").publish("n", "d"));
		assertThat(ex.code()).isEqualTo(40170);
		assertThat(ex.errorInfo().statusCode()).isEqualTo(401);
		assertThat(ex.errorInfo().cause().code()).isEqualTo(50000);
	}

	@Test
	void RSA4f_unsupportedContentTypeIs40170() throws Exception {
		ScriptedPeer endpoint = authEndpoint(r -> new Reply(200, Map.of("Content-Type", "text/html"),
				"<html/>".getBytes(StandardCharsets.UTF_8)));
		AblyRest rest = client(EmbeddedServer.options(server).authUrl(url(endpoint, "/auth")));

		AblyException ex = catchThrowableOfType(AblyException.class, () -> rest.auth().requestToken(null));
		assertThat(ex.code()).isEqualTo(40170);
		assertThat(ex.getMessage()).contains("text/html");
	}

	@Test
	void RSA4e_unreachableAuthUrlIs40170() throws Exception {
		int closedPort;
		try (var socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		AblyRest rest = client(EmbeddedServer.options(server).authUrl("http://127.0.0.1:" + closedPort + "/auth?secret=s"));

		AblyException ex = catchThrowableOfType(AblyException.class, () -> rest.auth().requestToken(null));
		assertThat(ex.code()).isEqualTo(40170);
		assertThat(ex.getMessage()).doesNotContain("secret=s");
		assertThat(rest.options().toString()).doesNotContain("secret=s");
	}

	private static String jwt(long nowSeconds) throws Exception {
		Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
		String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"app.key\"}"
			.getBytes(StandardCharsets.UTF_8));
		String claims = b64.encodeToString(("{\"iat\":" + nowSeconds + ",\"exp\":" + (nowSeconds + 3600) + "}")
			.getBytes(StandardCharsets.UTF_8));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec("secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		String signature = b64.encodeToString(mac.doFinal((header + "." + claims).getBytes(StandardCharsets.UTF_8)));
		return header + "." + claims + "." + signature;
	}
}
