package io.github.ablyspring.server.realtime.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Ably JWTs (RSA8, TK / JWT): HS256 signed with a key secret, kid = key name; realtime and REST. */
class JwtAuthTest {

	private static final String KEY_NAME = "app.key";

	private static final String SECRET = "secret";

	private static final String LIMITED = "app.limited";

	private static final String LIMITED_SECRET = "secret2";

	private static final String JWT_CAPABILITY = "{\"jwt:*\":[\"publish\",\"subscribe\",\"history\"]}";

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder()
			.key(KEY_NAME + ":" + SECRET)
			.key(LIMITED + ":" + LIMITED_SECRET, "{\"chat:*\":[\"publish\",\"subscribe\"]}")
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static String validJwt() {
		return Jwts.sign(KEY_NAME, SECRET, Jwts.claims(3600, JWT_CAPABILITY, "alice"));
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void RSA8_realtimeJwtConnectsWithItsClientIdAndCapability(WireFormat format) {
		try (WsClient client = WsClient.connect(server, format, "accessToken=" + validJwt())) {
			assertThat(client.connected().connectionDetails().clientId()).isEqualTo("alice");

			client.attach("jwt:room");
			client.send(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel("jwt:room").msgSerial(0L)
				.messages(List.of(Message.of("greeting", "hi")))
				.build());
			client.await(m -> m.action() == ProtocolAction.ACK && m.msgSerial() == 0L);
			ProtocolMessage delivered = client.await(ProtocolAction.MESSAGE);
			assertThat(delivered.messages().get(0).clientId()).isEqualTo("alice");

			// Outside the JWT's capability: attach refused on the channel, publish NACKed, the connection stays.
			client.send(ProtocolMessage.builder(ProtocolAction.ATTACH).channel("other").build());
			ErrorInfo attachError = client
				.await(m -> m.action() == ProtocolAction.ERROR && "other".equals(m.channel()))
				.error();
			assertThat(attachError.code()).isEqualTo(ErrorCodes.CAPABILITY_DENIED);
			client.send(ProtocolMessage.builder(ProtocolAction.MESSAGE).channel("other").msgSerial(1L)
				.messages(List.of(Message.of("x", "y")))
				.build());
			assertThat(client.await(m -> m.action() == ProtocolAction.NACK).error().code())
				.isEqualTo(ErrorCodes.CAPABILITY_DENIED);
			assertThat(client.isClosed()).isFalse();
		}
	}

	@Test
	void RSA8_restBearerJwtPublishesAsItsClientIdWithinItsCapability() {
		String jwt = validJwt();
		String base64 = Base64.getEncoder().encodeToString(jwt.getBytes(StandardCharsets.UTF_8));
		for (String bearer : List.of(jwt, base64)) {
			assertThat(Rest.post(server, "/channels/jwt:rest/messages", "{\"name\":\"n\",\"data\":\"d\"}",
					Rest.bearer(bearer)).status()).isEqualTo(201);
			Rest.Reply denied = Rest.post(server, "/channels/other/messages", "{\"name\":\"n\",\"data\":\"d\"}",
					Rest.bearer(bearer));
			assertThat(denied.status()).isEqualTo(401);
			assertThat(denied.errorCode()).isEqualTo(ErrorCodes.CAPABILITY_DENIED);
		}
		Rest.Reply history = Rest.get(server, "/channels/jwt:rest/messages", Rest.bearer(jwt));
		assertThat(history.status()).isEqualTo(200);
		assertThat(history.json()).hasSize(2);
		history.json().forEach(m -> assertThat(m.path("clientId").asString()).isEqualTo("alice"));
	}

	@Test
	void RSA8_badSignatureIsRefusedWith40144() {
		String jwt = Jwts.sign(KEY_NAME, "not-the-secret", Jwts.claims(3600, JWT_CAPABILITY, "alice"));
		assertRefused(jwt, ErrorCodes.INVALID_JWT);
	}

	@Test
	void RSA8_unknownKidIsRefusedWith40144() {
		String jwt = Jwts.sign("app.nosuchkey", SECRET, Jwts.claims(3600, JWT_CAPABILITY, "alice"));
		assertRefused(jwt, ErrorCodes.INVALID_JWT);
	}

	@Test
	void RSA8_expiredJwtIsRefusedWith40142() {
		Map<String, Object> claims = Jwts.claims(3600, JWT_CAPABILITY, "alice");
		long now = System.currentTimeMillis() / 1000;
		claims.put("iat", now - 120);
		claims.put("exp", now - 60);
		assertRefused(Jwts.sign(KEY_NAME, SECRET, claims), ErrorCodes.TOKEN_EXPIRED);
	}

	@Test
	void RSA8_capabilityWiderThanTheKeysIsRefused() {
		String jwt = Jwts.sign(LIMITED, LIMITED_SECRET, Jwts.claims(3600, "{\"*\":[\"*\"]}", "bob"));
		assertRefused(jwt, ErrorCodes.INVALID_JWT);
		// The same key with a capability inside its own is fine.
		String narrower = Jwts.sign(LIMITED, LIMITED_SECRET, Jwts.claims(3600, "{\"chat:a\":[\"subscribe\"]}", "bob"));
		try (WsClient client = WsClient.connect(server, WireFormat.JSON, "accessToken=" + narrower)) {
			client.attach("chat:a");
		}
	}

	@Test
	void RSA8_capabilityClaimThatIsNotACapabilityIsRefusedWith40144() {
		assertRefused(Jwts.sign(LIMITED, LIMITED_SECRET, Jwts.claims(3600, "{not json", "bob")), ErrorCodes.INVALID_JWT);
		assertRefused(Jwts.sign(LIMITED, LIMITED_SECRET, Jwts.claims(3600, "{\"chat:a\":\"subscribe\"}", "bob")),
				ErrorCodes.INVALID_JWT);
	}

	/** Realtime: in-band ERROR with the code, then the socket closes; REST: 401 with the code. */
	private static void assertRefused(String jwt, int code) {
		for (WireFormat format : WireFormat.values()) {
			WsClient client = WsClient.open(server, format, "accessToken=" + jwt);
			try {
				ErrorInfo error = client.await(ProtocolAction.ERROR).error();
				assertThat(error.code()).isEqualTo(code);
				assertThat(error.statusCode()).isEqualTo(401);
				client.awaitClosed();
				assertThat(client.received(ProtocolAction.CONNECTED)).isEmpty();
			}
			finally {
				client.abort();
			}
		}
		Rest.Reply reply = Rest.get(server, "/channels/jwt:rest/messages", Rest.bearer(jwt));
		assertThat(reply.status()).isEqualTo(401);
		assertThat(reply.errorCode()).isEqualTo(code);
	}
}
