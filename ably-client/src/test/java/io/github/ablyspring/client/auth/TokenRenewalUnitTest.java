package io.github.ablyspring.client.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;
import io.github.ablyspring.client.rest.ChannelDetails;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import static io.github.ablyspring.client.support.UtsPeer.bearer;
import static io.github.ablyspring.client.support.UtsPeer.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code uts/rest/unit/auth/token_renewal.md}, line by line, against a scripted peer. */
class TokenRenewalUnitTest {

	private static final long HOUR = 3_600_000L;

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

	private static ClientOptions.Builder options(ScriptedPeer peer) {
		return io.github.ablyspring.client.support.UtsPeer.options(peer);
	}

	/** An authCallback handing out {@code token-1}, {@code token-2}, ... valid for an hour. */
	private static AuthCallback numbered(AtomicInteger calls) {
		return params -> new TokenDetails("token-" + calls.incrementAndGet(), System.currentTimeMillis() + HOUR, null,
				null, null);
	}

	@Test
	void RSA4b_renewalOn40142() throws Exception {
		String[] tokens = { "first-token", "second-token" };
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger requests = new AtomicInteger();
		ScriptedPeer peer = peer(r -> requests.incrementAndGet() == 1 ? error(401, 40142, "Token expired")
				: Reply.json(200, "[{\"channel\":\"test\"}]"));
		AblyRest client = client(options(peer).authCallback(
				params -> new TokenDetails(tokens[calls.getAndIncrement()], System.currentTimeMillis() + HOUR, null,
						null, null)));

		var result = client.channels().get("test").history();

		assertThat(calls).hasValue(2);
		assertThat(requests).hasValue(2);
		assertThat(peer.received().get(0).header("Authorization")).isEqualTo(bearer("first-token"));
		assertThat(peer.received().get(1).header("Authorization")).isEqualTo(bearer("second-token"));
		assertThat(result.items()).isInstanceOf(List.class);
	}

	@Test
	void RSA4b_renewalOn40140() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger requests = new AtomicInteger();
		ScriptedPeer peer = peer(r -> requests.incrementAndGet() == 1 ? error(401, 40140, "Token error")
				: Reply.json(200, "[]"));
		AblyRest client = client(options(peer).authCallback(numbered(calls)));

		client.channels().get("test").history();

		assertThat(calls).hasValue(2);
		assertThat(requests).hasValue(2);
	}

	@Test
	void RSA4b1_expiredTokenIsRenewedBeforeTheRequest() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		ScriptedPeer peer = peer(r -> Reply.json(200, "[]"));
		AblyRest client = client(options(peer).authCallback(params -> calls.incrementAndGet() == 1
				? new TokenDetails("expired-token", System.currentTimeMillis() - 1000, null, null, null)
				: new TokenDetails("fresh-token", System.currentTimeMillis() + HOUR, null, null, null)));

		client.auth().authorize(null);
		client.channels().get("test").history();

		assertThat(calls).hasValue(2);
		List<Received> history = peer.received().stream().filter(r -> r.path().equals("/channels/test/messages"))
			.toList();
		assertThat(history).hasSize(1);
		assertThat(history.get(0).header("Authorization")).isEqualTo(bearer("fresh-token"));
	}

	@Test
	void RSA4a2_noRenewalWithoutAMeansToRenew() throws Exception {
		AtomicInteger requests = new AtomicInteger();
		ScriptedPeer peer = peer(r -> {
			requests.incrementAndGet();
			return error(401, 40142, "Token expired");
		});
		AblyRest client = client(options(peer).token("static-token"));

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> client.channels().get("test").history());

		assertThat(error.code()).isEqualTo(40171);
		assertThat(requests).hasValue(1);
	}

	@Test
	void RSA4b_renewalViaAuthUrl() throws Exception {
		AtomicInteger authRequests = new AtomicInteger();
		ScriptedPeer authServer = peer(r -> Reply.json(200, "{\"token\":\""
				+ (authRequests.incrementAndGet() == 1 ? "first-token" : "second-token") + "\",\"expires\":"
				+ (System.currentTimeMillis() + HOUR) + "}"));
		AtomicInteger apiRequests = new AtomicInteger();
		ScriptedPeer peer = peer(r -> apiRequests.incrementAndGet() == 1 ? error(401, 40142, "Token expired")
				: Reply.json(200, "[]"));
		AblyRest client = client(options(peer).authUrl("http://127.0.0.1:" + authServer.port() + "/auth"));

		client.channels().get("test").history();

		assertThat(authServer.received()).hasSize(2);
		assertThat(peer.received()).hasSize(2);
		assertThat(peer.received().get(1).header("Authorization")).isEqualTo(bearer("second-token"));
	}

	@Test
	void RSA4b_renewalLimitNoLoop() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger requests = new AtomicInteger();
		ScriptedPeer peer = peer(r -> {
			requests.incrementAndGet();
			return error(401, 40142, "Token expired");
		});
		AblyRest client = client(options(peer).authCallback(numbered(calls)));

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> client.channels().get("test").history());

		assertThat(error.code()).isEqualTo(40142);
		assertThat(calls).hasValue(2);
		assertThat(requests).hasValue(2);
	}

	@Test
	void RSC10_requestRetriedAfterRenewal() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		ScriptedPeer peer = peer(r -> bearer("token-1").equals(r.header("Authorization"))
				? error(401, 40142, "Token expired")
				: Reply.json(200, "{\"channelId\":\"test\",\"status\":{\"isActive\":true,"
						+ "\"occupancy\":{\"metrics\":{\"connections\":0}}}}"));
		AblyRest client = client(options(peer).authCallback(numbered(calls)));

		ChannelDetails result = client.channels().get("test").status();

		assertThat(result).isNotNull();
		List<Received> channel = peer.received().stream().filter(r -> r.path().equals("/channels/test")).toList();
		assertThat(channel).hasSize(2);
		assertThat(calls).hasValue(2);
		assertThat(channel.get(0).header("Authorization")).isEqualTo(bearer("token-1"));
		assertThat(channel.get(1).header("Authorization")).isEqualTo(bearer("token-2"));
	}

	@Test
	void RSC10b_nonToken401IsNotRenewed() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger requests = new AtomicInteger();
		ScriptedPeer peer = peer(r -> {
			requests.incrementAndGet();
			return error(401, 40100, "Unauthorized");
		});
		AblyRest client = client(options(peer).authCallback(numbered(calls)));

		AblyException error = catchThrowableOfType(AblyException.class,
				() -> client.channels().get("test").status());

		assertThat(error.code()).isEqualTo(40100);
		assertThat(requests).hasValue(1);
		assertThat(calls).hasValue(1);
	}

	/** Adapted: the UTS retries {@code time()}, which this client sends without credentials (RSC16), so history. */
	@Test
	void RSA4b_renewalWithAMsgpackErrorResponse() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger requests = new AtomicInteger();
		byte[] expired = WireCodec.of(WireFormat.MSGPACK).encode(ErrorInfo.of(40142, 401, "Token expired"),
				WireTypes.ERROR_RESPONSE);
		byte[] empty = WireCodec.of(WireFormat.MSGPACK).encode(List.of(), WireTypes.MESSAGES);
		ScriptedPeer peer = peer(r -> requests.incrementAndGet() == 1
				? new Reply(401, Map.of("Content-Type", "application/x-msgpack"), expired)
				: new Reply(200, Map.of("Content-Type", "application/x-msgpack"), empty));
		AblyRest client = client(options(peer).useBinaryProtocol(true).authCallback(numbered(calls)));

		var result = client.channels().get("test").history();

		assertThat(result.items()).isEmpty();
		assertThat(calls).hasValue(2);
		assertThat(requests).hasValue(2);
		assertThat(peer.received().get(1).header("Authorization")).isEqualTo(bearer("token-2"));
	}
}
