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
import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.AnnotationAction;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.crypto.Crypto;
import io.github.ablyspring.server.EmbeddedAblyServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** RSL10 and RSAN1-RSAN3 (annotations publish, delete, get) against the embedded server. */
class RestAnnotationsIntegrationTest {

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

	private static Annotation annotation(String type, String name, Object data) {
		return new Annotation(null, null, "amy", name, null, data, null, null, null, null, type, null);
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSAN1_RSAN3_publishThenGetDecoded(boolean binary) {
		try (AblyRest rest = client(binary)) {
			RestChannel channel = rest.channels().get("annotations-" + UUID.randomUUID());
			String serial = channel.publish("post", "text").serials().get(0);
			JsonNode json = Json.MAPPER.readTree("{\"emoji\":\"👍\"}");
			channel.annotations().publish(serial, annotation("reaction:distinct.v1", "👍", json));
			channel.annotations().publish(Message.builder().serial(serial).build(),
					annotation("bytes:total.v1", "b", new byte[] { 1, 2, 3 }));
			PaginatedResult<Annotation> page = channel.annotations().get(serial);
			assertThat(page.items()).hasSize(2);
			Annotation first = page.items().get(0);
			assertThat(first.data()).isEqualTo(json);
			assertThat(first.encoding()).isNull();
			assertThat(first.action()).isEqualTo(AnnotationAction.ANNOTATION_CREATE); // RSAN1c1
			assertThat(first.messageSerial()).isEqualTo(serial); // RSAN1c2
			assertThat(first.id()).endsWith(":0"); // RSAN1c4
			assertThat(first.serial()).isNotBlank();
			assertThat(first.type()).isEqualTo("reaction:distinct.v1");
			assertThat((byte[]) page.items().get(1).data()).containsExactly(1, 2, 3);
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSAN2_deleteIsAnAnnotationDeleteAndUpdatesTheSummary(boolean binary) {
		try (AblyRest rest = client(binary)) {
			RestChannel channel = rest.channels().get("annotations-" + UUID.randomUUID());
			String serial = channel.publish("post", "text").serials().get(0);
			channel.annotations().publish(serial, annotation("reaction:distinct.v1", "👍", null));
			assertThat(channel.getMessage(serial).annotations().summary().get("reaction:distinct.v1")
				.path("👍").path("total").asInt()).isEqualTo(1);
			channel.annotations().delete(serial, annotation("reaction:distinct.v1", "👍", null));
			List<Annotation> all = channel.annotations().get(serial).items();
			assertThat(all).extracting(Annotation::action)
				.containsExactly(AnnotationAction.ANNOTATION_CREATE, AnnotationAction.ANNOTATION_DELETE);
			assertThat(channel.getMessage(serial).annotations().summary().get("reaction:distinct.v1").size())
				.isZero();
		}
	}

	@Test
	void RSAN3b_getIsPaginatedWithParams() {
		try (AblyRest rest = client(true)) {
			RestChannel channel = rest.channels().get("annotations-" + UUID.randomUUID());
			String serial = channel.publish("post", "text").serials().get(0);
			for (int i = 0; i < 5; i++) {
				channel.annotations().publish(serial, annotation("seen:total.v1", null, "n" + i));
			}
			PaginatedResult<Annotation> page = channel.annotations().get(serial, Map.of("limit", "2"));
			assertThat(page.items()).extracting(Annotation::data).containsExactly("n0", "n1");
			page = page.next();
			assertThat(page.items()).extracting(Annotation::data).containsExactly("n2", "n3");
			page = page.next();
			assertThat(page.items()).extracting(Annotation::data).containsExactly("n4");
			assertThat(page.hasNext()).isFalse();
		}
	}

	@ParameterizedTest(name = "binary={0}")
	@ValueSource(booleans = { true, false })
	void RSAN1c3_annotationDataIsEncryptedWithTheChannelCipher(boolean binary) {
		try (AblyRest rest = client(binary)) {
			String name = "annotations-" + UUID.randomUUID();
			RestChannel channel = rest.channels().get(name, ChannelOptions.withCipherKey(Crypto.generateRandomKey()));
			String serial = channel.publish("post", "text").serials().get(0);
			channel.annotations().publish(serial, annotation("note:total.v1", null, "private"));
			assertThat(channel.annotations().get(serial).items().get(0).data()).isEqualTo("private");
			try (AblyRest plain = client(binary)) {
				Annotation raw = plain.channels().get(name).annotations().get(serial).items().get(0);
				assertThat(raw.data()).isNotEqualTo("private");
				assertThat(raw.encoding()).contains("cipher+aes-256-cbc");
			}
		}
	}

	@Test
	void RSAN1a3_typeIsRequired_RSAN1a4_sizeIsChecked() {
		try (AblyRest rest = client(false)) {
			RestChannel channel = rest.channels().get("annotations-" + UUID.randomUUID());
			AblyException noType = catchThrowableOfType(AblyException.class, () -> channel.annotations()
				.publish("0000000000000001-000@embedded", annotation(null, "x", null)));
			assertThat(noType.errorInfo().code()).isEqualTo(40003);
			AblyException tooBig = catchThrowableOfType(AblyException.class, () -> channel.annotations()
				.publish("0000000000000001-000@embedded", annotation("t:total.v1", null, "x".repeat(70_000))));
			assertThat(tooBig.errorInfo().code()).isEqualTo(40009);
			AblyException unknown = catchThrowableOfType(AblyException.class, () -> channel.annotations()
				.publish("0000000000009999-000@embedded", annotation("t:total.v1", null, null)));
			assertThat(unknown.errorInfo().code()).isEqualTo(40400);
		}
	}

	@Test
	void RSAN_asyncForms() throws Exception {
		try (AblyRest rest = client(true)) {
			RestChannel channel = rest.channels().get("annotations-" + UUID.randomUUID());
			String serial = channel.publish("post", "text").serials().get(0);
			channel.annotations().publishAsync(serial, annotation("r:flag.v1", null, null)).get();
			channel.annotations().deleteAsync(serial, annotation("r:flag.v1", null, null)).get();
			assertThat(channel.annotations().getAsync(serial, null).get().items()).hasSize(2);
		}
	}
}
