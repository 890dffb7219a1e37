package io.github.ablyspring.client.realtime;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.client.rest.HistoryParams;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RTL10b: history with untilAttach, against the embedded server. */
class ChannelHistoryUntilAttachIntegrationTest {

	static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { false, true })
	void RTL10b_untilAttachReturnsOnlyWhatWasPublishedBeforeTheAttach(boolean binary) throws Exception {
		String name = "until-attach-" + binary;
		try (AblyRealtime publisher = new AblyRealtime(EmbeddedServer.options(server).key(EmbeddedServer.KEY)
			.useBinaryProtocol(binary).build());
				AblyRealtime reader = new AblyRealtime(EmbeddedServer.options(server).key(EmbeddedServer.KEY)
					.useBinaryProtocol(binary).build())) {
			RealtimeChannel out = publisher.channels().get(name);
			out.publish("before-1", "a").get(10, TimeUnit.SECONDS);
			out.publish("before-2", "b").get(10, TimeUnit.SECONDS);
			RealtimeChannel in = reader.channels().get(name);
			in.attach().get(10, TimeUnit.SECONDS);
			out.publish("after", "c").get(10, TimeUnit.SECONDS);

			assertThat(in.history(HistoryParams.DEFAULTS, true).items()).extracting(Message::name)
				.containsExactly("before-2", "before-1");
			assertThat(in.historyAsync(HistoryParams.DEFAULTS, false).get(10, TimeUnit.SECONDS).items())
				.extracting(Message::name)
				.containsExactly("after", "before-2", "before-1");
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true })
	void RTL10b_untilAttachOnAChannelThatIsNotAttachedFails(boolean binary) {
		try (AblyRealtime reader = new AblyRealtime(EmbeddedServer.options(server).key(EmbeddedServer.KEY)
			.useBinaryProtocol(binary).autoConnect(false).build())) {
			RealtimeChannel channel = reader.channels().get("until-attach-unattached");
			assertThatThrownBy(() -> channel.history(HistoryParams.DEFAULTS, true)).isInstanceOf(AblyException.class)
				.satisfies(ex -> assertThat(((AblyException) ex).code()).isEqualTo(40000));
		}
	}
}
