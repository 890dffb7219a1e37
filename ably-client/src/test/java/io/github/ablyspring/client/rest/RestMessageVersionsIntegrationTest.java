package io.github.ablyspring.client.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.MessageAnnotations;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.crypto.Crypto;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** RSL11, RSL14, RSL15 (getMessage, getMessageVersions, update/delete/append) against the embedded server. */
class RestMessageVersionsIntegrationTest {

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	private static AblyRest client(boolean binary) {
		return new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).useBinaryProtocol(binary).build());
	}

	private static String channelName() {
		return "versions-" + UUID.randomUUID();
	}

	private static Message published(RestChannel channel, Object data) {
		String serial = channel.publish("greeting", data).serials().get(0);
		return Message.builder().serial(serial).build();
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSL11b_RSL11c_getMessageReturnsTheDecodedMessage(boolean binary) {
		try (AblyRest rest = client(binary)) {
			RestChannel channel = rest.channels().get(channelName());
			JsonNode json = Json.MAPPER.readTree("{\"a\":[1,2]}");
			String serial = channel.publish("json", json).serials().get(0);
			Message m = channel.getMessage(serial);
			assertThat(m.serial()).isEqualTo(serial);
			assertThat(m.name()).isEqualTo("json");
			assertThat(m.data()).isEqualTo(json);
			assertThat(m.encoding()).isNull();
			assertThat(m.action()).isEqualTo(MessageAction.MESSAGE_CREATE);
		}
	}

	@Test
	void RSL11a1_getMessageAcceptsAMessage_TM2s_TM2u_versionAndAnnotationsFilled() {
		try (AblyRest rest = client(true)) {
			RestChannel channel = rest.channels().get(channelName());
			Message ref = published(channel, "hi");
			Message m = channel.getMessage(ref);
			assertThat(m.version()).isNotNull();
			assertThat(m.version().serial()).isEqualTo(ref.serial());
			assertThat(m.version().timestamp()).isEqualTo(m.timestamp());
			assertThat(m.annotations()).isEqualTo(MessageAnnotations.EMPTY);
		}
	}

	@Test
	void RSL11_unknownSerialIs40400_andAMessageWithoutSerialFailsBeforeSending() {
		try (AblyRest rest = client(false)) {
			RestChannel channel = rest.channels().get(channelName());
			AblyException missing = catchThrowableOfType(AblyException.class,
					() -> channel.getMessage("0000000000009999-000@embedded"));
			assertThat(missing.errorInfo().code()).isEqualTo(40400);
			assertThat(missing.errorInfo().statusCode()).isEqualTo(404);
			AblyException noSerial = catchThrowableOfType(AblyException.class,
					() -> channel.updateMessage(Message.of("x", "y")));
			assertThat(noSerial.errorInfo().code()).isEqualTo(40003);
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSL15b1_RSL15b7_RSL15e_updateMessageCreatesANewVersion(boolean binary) {
		try (AblyRest rest = client(binary)) {
			RestChannel channel = rest.channels().get(channelName());
			Message ref = published(channel, "hello");
			Message update = ref.toBuilder().data("hello, world").build();
			UpdateDeleteResult result = channel.updateMessage(update,
					new MessageOperation("editor", "typo", Map.of("reason", "spelling")));
			assertThat(result.versionSerial()).isNotBlank().isGreaterThan(ref.serial());
			// RSL15c: the user's message is untouched
			assertThat(update).isEqualTo(ref.toBuilder().data("hello, world").build());
			assertThat(update.action()).isNull();

			Message latest = channel.getMessage(ref.serial());
			assertThat(latest.data()).isEqualTo("hello, world");
			assertThat(latest.name()).isEqualTo("greeting");
			assertThat(latest.action()).isEqualTo(MessageAction.MESSAGE_UPDATE);
			assertThat(latest.version().serial()).isEqualTo(result.versionSerial());
			assertThat(latest.version().clientId()).isEqualTo("editor");
			assertThat(latest.version().description()).isEqualTo("typo");
			assertThat(latest.version().metadata()).containsEntry("reason", "spelling");
			// history holds the latest version in the original's place
			List<Message> history = channel.history().items();
			assertThat(history).hasSize(1);
			assertThat(history.get(0).data()).isEqualTo("hello, world");
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSL15b1_deleteMessageMarksTheMessageDeleted(boolean binary) {
		try (AblyRest rest = client(binary)) {
			RestChannel channel = rest.channels().get(channelName());
			Message ref = published(channel, "oops");
			UpdateDeleteResult result = channel.deleteMessage(ref, MessageOperation.of("spam"));
			assertThat(result.versionSerial()).isNotBlank();
			Message latest = channel.getMessage(ref);
			assertThat(latest.action()).isEqualTo(MessageAction.MESSAGE_DELETE);
			assertThat(latest.version().description()).isEqualTo("spam");
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSL15b1_appendMessageAppendsData(boolean binary) {
		try (AblyRest rest = client(binary)) {
			RestChannel channel = rest.channels().get(channelName());
			Message ref = published(channel, "Hel");
			channel.appendMessage(ref.toBuilder().data("lo").build());
			channel.appendMessage(ref.toBuilder().data(", world").build(), null, Map.of());
			assertThat(channel.getMessage(ref).data()).isEqualTo("Hello, world");
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSL15d_updateOnAnEncryptedChannelIsEncryptedAndDecrypted(boolean binary) {
		try (AblyRest rest = client(binary)) {
			ChannelOptions options = ChannelOptions.withCipherKey(Crypto.generateRandomKey());
			String name = channelName();
			RestChannel channel = rest.channels().get(name, options);
			Message ref = published(channel, "secret");
			channel.updateMessage(ref.toBuilder().data("new secret").build());
			assertThat(channel.getMessage(ref).data()).isEqualTo("new secret");
			assertThat(channel.getMessageVersions(ref.serial()).items()).extracting(Message::data)
				.containsExactly("new secret", "secret");
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSL14b_RSL14c_getMessageVersionsIsPaginated(boolean binary) {
		try (AblyRest rest = client(binary)) {
			RestChannel channel = rest.channels().get(channelName());
			Message ref = published(channel, "v0");
			channel.updateMessage(ref.toBuilder().data("v1").build());
			channel.updateMessage(ref.toBuilder().data("v2").build());
			PaginatedResult<Message> page = channel.getMessageVersions(ref, Map.of("limit", "2"));
			assertThat(page.items()).extracting(Message::data).containsExactly("v2", "v1");
			assertThat(page.hasNext()).isTrue();
			PaginatedResult<Message> next = page.next();
			assertThat(next.items()).extracting(Message::data).containsExactly("v0");
			assertThat(next.items().get(0).version().serial()).isEqualTo(ref.serial());
			assertThat(next.hasNext()).isFalse();
			assertThat(channel.getMessageVersions(ref.serial(), Map.of("direction", "forwards")).items())
				.extracting(Message::action)
				.containsExactly(MessageAction.MESSAGE_CREATE, MessageAction.MESSAGE_UPDATE,
						MessageAction.MESSAGE_UPDATE);
		}
	}

	@Test
	void RSL11_RSL14_RSL15_asyncForms() throws Exception {
		try (AblyRest rest = client(true)) {
			RestChannel channel = rest.channels().get(channelName());
			Message ref = published(channel, "a");
			assertThat(channel.updateMessageAsync(ref.toBuilder().data("b").build(), null).get().versionSerial())
				.isNotBlank();
			assertThat(channel.appendMessageAsync(ref.toBuilder().data("c").build(), null).get().versionSerial())
				.isNotBlank();
			assertThat(channel.getMessageAsync(ref.serial()).get().data()).isEqualTo("bc");
			assertThat(channel.getMessageVersionsAsync(ref.serial(), null).get().items()).hasSize(3);
			assertThat(channel.deleteMessageAsync(ref, null).get().versionSerial()).isNotBlank();
		}
	}

	@Test
	void RSL15_updateOverMaxMessageSizeIs40009BeforeSending() {
		try (AblyRest rest = client(true)) {
			RestChannel channel = rest.channels().get(channelName());
			Message ref = published(channel, "small");
			AblyException ex = catchThrowableOfType(AblyException.class,
					() -> channel.updateMessage(ref.toBuilder().data("x".repeat(70_000)).build()));
			assertThat(ex.errorInfo().code()).isEqualTo(40009);
		}
	}
}
