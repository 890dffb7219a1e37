package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.server.Faults;
import io.github.ablyspring.server.ServerSettings;
import io.github.ablyspring.server.auth.AppKey;
import io.github.ablyspring.server.auth.Authenticator;
import io.github.ablyspring.server.auth.TokenStore;
import io.github.ablyspring.server.http.FrameControl;
import io.github.ablyspring.server.http.HttpFrontend;
import io.github.ablyspring.server.realtime.RealtimeCore;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java fault injection API, {@link Faults}, on a server assembled from its parts (the REST API's own
 * {@code faults()}); fault injection over REST is off here, and the Java API works regardless.
 */
class FaultsTest {

	private static final String KEY = "app.key:secret";

	private static RealtimeCore core;

	private static HttpFrontend frontend;

	private static Faults faults;

	@BeforeAll
	static void start() throws InterruptedException {
		ServerSettings settings = new ServerSettings(ServerSettings.DEFAULT_HOST, 0, List.of(AppKey.parse(KEY)),
				Duration.ofSeconds(15), Duration.ofMinutes(2), Duration.ofSeconds(15), Duration.ofSeconds(30),
				Duration.ofHours(2), 65536, 524288, false);
		Authenticator authenticator = new Authenticator(settings.keys(), new TokenStore(), System::currentTimeMillis);
		core = new RealtimeCore(settings, authenticator, System::currentTimeMillis);
		FrameControl frames = new FrameControl();
		RestApi api = new RestApi(core, authenticator, System::currentTimeMillis, settings, frames);
		frontend = HttpFrontend.start(settings.host(), 0, settings.maxFrameSize(), core, api, frames);
		faults = api.faults();
	}

	@AfterAll
	static void stop() {
		frontend.close();
		core.close();
	}

	private static RealtimeTestClient connect() {
		RealtimeTestClient client = RealtimeTestClient.open(ServerSettings.DEFAULT_HOST, frontend.port(), "key=" + KEY);
		client.await(ProtocolAction.CONNECTED);
		return client;
	}

	@Test
	void connectionFaults() {
		try (RealtimeTestClient dropped = connect(); RealtimeTestClient disconnected = connect();
				RealtimeTestClient failed = connect(); RealtimeTestClient reauthed = connect()) {
			assertThat(faults.connectionIds()).contains(dropped.connectionId(), failed.connectionId());
			faults.dropConnections(dropped.connectionId());
			faults.disconnect(disconnected.connectionId(), ErrorInfo.of(80003, 503, "go away"));
			faults.failConnections(failed.connectionId(), ErrorInfo.of(40000, 400, "broken"));
			faults.requestReauthentication(reauthed.connectionId());

			dropped.awaitClosed();
			assertThat(disconnected.await(ProtocolAction.DISCONNECTED).error().message()).isEqualTo("go away");
			assertThat(failed.await(ProtocolAction.ERROR).error().code()).isEqualTo(40000);
			reauthed.await(ProtocolAction.AUTH);
			assertThat(reauthed.isClosed()).isFalse();
			assertThat(faults.connectionIds()).doesNotContain(failed.connectionId())
				.contains(dropped.connectionId(), disconnected.connectionId());
		}
	}

	@Test
	void channelAndPublishFaults() {
		try (RealtimeTestClient client = connect()) {
			client.attach("faulty");
			faults.nackPublishes(1, ErrorInfo.of(50000, 500, "no"));
			client.send(ProtocolMessage.builder(ProtocolAction.MESSAGE)
				.channel("faulty")
				.msgSerial(0L)
				.messages(List.of(Message.of("m", "d")))
				.build());
			assertThat(client.await(ProtocolAction.NACK).error().message()).isEqualTo("no");
			faults.detachChannel("faulty", ErrorInfo.of(90198, 500, "detached"));
			assertThat(client.await(ProtocolAction.DETACHED).error().code()).isEqualTo(90198);
		}
	}

	@Test
	void refusalAndRestFailures() throws Exception {
		faults.refuseConnections(true);
		try (RealtimeTestClient refused = RealtimeTestClient.open(ServerSettings.DEFAULT_HOST, frontend.port(),
				"key=" + KEY)) {
			refused.awaitClosed();
		}
		faults.refuseConnections(false);
		connect().close();

		faults.failRestRequests(1, ErrorInfo.of(50300, 503, "busy"));
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest time = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontend.port() + "/time")).build();
		assertThat(http.send(time, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(503);
		assertThat(http.send(time, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
		// Over REST, the emulator stays hidden on this server.
		HttpRequest emulator = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + frontend.port() + "/_emulator/tokens/expire"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		assertThat(http.send(emulator, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
	}
}
