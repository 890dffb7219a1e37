package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.support.EmbeddedServer;
import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code uts/rest/integration/mutable_messages.md} (RSL1n, RSL11, RSL14, RSL15, RSAN1-3), line by line against the
 * embedded server, in JSON and msgpack. The embedded server's store is consistent at once, so the UTS's polling is a
 * single read; every channel there allows mutable messages (the sandbox needs the {@code mutable:} namespace).
 */
class MutableMessagesUtsIntegrationTest {

	private static EmbeddedAblyServer server;

	private final List<AblyRest> clients = new ArrayList<>();

	@BeforeAll
	static void start() {
		server = EmbeddedServer.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@AfterEach
	void close() {
		clients.forEach(AblyRest::close);
	}

	private RestChannel channel(boolean msgpack, String prefix) {
		AblyRest rest = new AblyRest(EmbeddedServer.options(server).key(EmbeddedServer.KEY).useBinaryProtocol(msgpack)
			.build());
		clients.add(rest);
		return rest.channels().get("mutable:" + prefix + UUID.randomUUID());
	}

	private static Annotation annotation(String type, String name) {
		return new Annotation(null, null, null, name, null, null, null, null, null, null, type, null);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL1n_publishReturnsSerials(boolean msgpack) {
		RestChannel channel = channel(msgpack, "test-RSL1n-serials-");

		PublishResult result1 = channel.publish("event1", "data1");
		PublishResult result2 = channel.publish(List.of(Message.of("event2", "data2"), Message.of("event3", "data3"),
				Message.of("event4", "data4")));

		assertThat(result1.serials()).hasSize(1);
		assertThat(result1.serials().get(0)).isNotEmpty();
		assertThat(result2.serials()).hasSize(3).allSatisfy(s -> assertThat(s).isNotEmpty()).doesNotHaveDuplicates();
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL11_getMessage(boolean msgpack) {
		RestChannel channel = channel(msgpack, "test-RSL11-getMessage-");
		String serial = channel.publish("test-event", "hello world").serials().get(0);

		Message msg = channel.getMessage(serial);

		assertThat(msg.name()).isEqualTo("test-event");
		assertThat(msg.data()).isEqualTo("hello world");
		assertThat(msg.serial()).isEqualTo(serial);
		assertThat(msg.action()).isEqualTo(MessageAction.MESSAGE_CREATE);
		assertThat(msg.timestamp()).isNotNull();
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL15_updateMessage(boolean msgpack) {
		RestChannel channel = channel(msgpack, "test-RSL15-update-");
		String serial = channel.publish("original", "original-data").serials().get(0);

		UpdateDeleteResult result = channel.updateMessage(Message.builder().serial(serial).name("updated")
			.data("updated-data").build(), MessageOperation.of("edited content"));
		Message updated = channel.getMessage(serial);

		assertThat(result.versionSerial()).isNotEmpty();
		assertThat(updated.name()).isEqualTo("updated");
		assertThat(updated.data()).isEqualTo("updated-data");
		assertThat(updated.action()).isEqualTo(MessageAction.MESSAGE_UPDATE);
		assertThat(updated.version().description()).isEqualTo("edited content");
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL15_deleteMessage(boolean msgpack) {
		RestChannel channel = channel(msgpack, "test-RSL15-delete-");
		String serial = channel.publish("to-delete", "delete-me").serials().get(0);

		UpdateDeleteResult result = channel.deleteMessage(Message.builder().serial(serial).build());

		assertThat(result.versionSerial()).isNotEmpty();
		assertThat(channel.getMessage(serial).action()).isEqualTo(MessageAction.MESSAGE_DELETE);
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL14_getMessageVersions(boolean msgpack) {
		RestChannel channel = channel(msgpack, "test-RSL14-versions-");
		String serial = channel.publish("versioned", "v1").serials().get(0);
		channel.updateMessage(Message.builder().serial(serial).data("v2").build(), MessageOperation.of("first edit"));
		channel.updateMessage(Message.builder().serial(serial).data("v3").build(), MessageOperation.of("second edit"));

		PaginatedResult<Message> versions = channel.getMessageVersions(serial);

		assertThat(versions.items().size()).isGreaterThanOrEqualTo(3);
		assertThat(versions.items()).allSatisfy(m -> assertThat(m.serial()).isEqualTo(serial));
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSL15_appendMessage(boolean msgpack) {
		RestChannel channel = channel(msgpack, "test-RSL15-append-");
		String serial = channel.publish("appendable", "original").serials().get(0);

		UpdateDeleteResult result = channel.appendMessage(Message.builder().serial(serial).data("appended-data")
			.build(), MessageOperation.of("appended content"));

		assertThat(result.versionSerial()).isNotEmpty();
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSAN1_RSAN2_annotationLifecycle(boolean msgpack) {
		RestChannel channel = channel(msgpack, "test-RSAN-lifecycle-");
		String serial = channel.publish("annotatable", "content").serials().get(0);

		channel.annotations().publish(serial, annotation("com.ably.reactions", "like"));
		List<Annotation> annotations = channel.annotations().get(serial).items();

		assertThat(annotations).filteredOn(a -> "com.ably.reactions".equals(a.type()) && "like".equals(a.name()))
			.singleElement().satisfies(a -> {
				assertThat(a.action()).isEqualTo(AnnotationAction.ANNOTATION_CREATE);
				assertThat(a.messageSerial()).isEqualTo(serial);
			});
		channel.annotations().delete(serial, annotation("com.ably.reactions", "like"));
	}

	@ParameterizedTest(name = "msgpack={0}")
	@ValueSource(booleans = { false, true })
	void RSAN3_getAnnotationsIsAPage(boolean msgpack) {
		RestChannel channel = channel(msgpack, "test-RSAN3-paginated-");
		String serial = channel.publish("multi-annotated", "content").serials().get(0);
		channel.annotations().publish(serial, annotation("com.ably.reactions", "like"));
		channel.annotations().publish(serial, annotation("com.ably.reactions", "heart"));

		PaginatedResult<Annotation> result = channel.annotations().get(serial);

		assertThat(result.items().size()).isGreaterThanOrEqualTo(2);
		assertThat(result.items()).allSatisfy(a -> {
			assertThat(a.messageSerial()).isEqualTo(serial);
			assertThat(a.type()).isEqualTo("com.ably.reactions");
			assertThat(a.timestamp()).isNotNull();
		});
	}
}
