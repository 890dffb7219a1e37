package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PageLinks;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** REST publish (RSL1) and history (RSL2) with Link pagination, over real HTTP in JSON and msgpack. */
class MessagesEndpointTest {

	private static EmbeddedAblyServer server;

	/** Added to the server's clock, so a test can move time on instead of sleeping. */
	private static final java.util.concurrent.atomic.AtomicLong clockOffset = new java.util.concurrent.atomic.AtomicLong();

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder()
			.clock(() -> System.currentTimeMillis() + clockOffset.get())
			.key("app.key:secret")
			.key("app.limited:secret", "{\"open:*\":[\"publish\",\"subscribe\"]}")
			.build()
			.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void publishesOneOrManyAndAnswersSerials(WireFormat format) {
		RestTestClient client = RestTestClient.of(server, format);
		String channel = "publish-" + format;
		PublishResult one = client.post("/channels/" + channel + "/messages", Message.of("one", "1"), WireTypes.MESSAGE)
			.assertStatus(201)
			.as(WireTypes.PUBLISH_RESULT);
		PublishResult two = client
			.post("/channels/" + channel + "/messages", List.of(Message.of("two", "2"), Message.of("three", "3")),
					WireTypes.MESSAGES)
			.assertStatus(201)
			.as(WireTypes.PUBLISH_RESULT);
		assertThat(one.serials()).hasSize(1);
		assertThat(two.serials()).hasSize(2).doesNotContainNull();
		assertThat(two.serials().get(0)).isGreaterThan(one.serials().get(0));

		List<Message> history = client.get("/channels/" + channel + "/messages").assertStatus(200)
			.as(WireTypes.MESSAGES);
		assertThat(history).extracting(Message::name).containsExactly("three", "two", "one");
		assertThat(history).extracting(Message::serial)
			.containsExactly(two.serials().get(1), two.serials().get(0), one.serials().get(0));
		assertThat(history).allSatisfy(m -> assertThat(m.id()).isNotBlank());
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void binaryDataRoundTripsInEitherFormat(WireFormat format) {
		RestTestClient client = RestTestClient.of(server, format);
		String channel = "binary-" + format;
		client.post("/channels/" + channel + "/messages", Message.of("bytes", new byte[] { 1, 2, 3, (byte) 0xff }),
				WireTypes.MESSAGE).assertStatus(201);
		for (WireFormat reader : WireFormat.values()) {
			Message message = RestTestClient.of(server, reader).get("/channels/" + channel + "/messages")
				.as(WireTypes.MESSAGES)
				.get(0);
			Object data = reader == WireFormat.MSGPACK ? message.data()
					: java.util.Base64.getDecoder().decode((String) message.data());
			assertThat(data).isEqualTo(new byte[] { 1, 2, 3, (byte) 0xff });
			assertThat(message.encoding()).isEqualTo(reader == WireFormat.MSGPACK ? null : "base64");
		}
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void followingNextThroughThreePagesReturnsEveryMessageOnceInOrder(WireFormat format) {
		RestTestClient client = RestTestClient.of(server, format);
		String channel = "pages-" + format;
		List<Message> messages = IntStream.range(0, 7).mapToObj(i -> Message.of("m" + i, "data " + i)).toList();
		for (Message m : messages) {
			client.post("/channels/" + channel + "/messages", m, WireTypes.MESSAGE).assertStatus(201);
		}
		assertThat(names(client, "/channels/" + channel + "/messages?limit=3", 3)).containsExactly("m6", "m5", "m4",
				"m3", "m2", "m1", "m0");
		assertThat(names(client, "/channels/" + channel + "/history?limit=3&direction=forwards", 3))
			.containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6");
	}

	/** Reads a query page by page; checks each page's links as it goes. */
	private static List<String> names(RestTestClient client, String query, int expectedPages) {
		List<String> names = new ArrayList<>();
		RestTestClient.Reply page = client.get(query).assertStatus(200);
		RestTestClient.Reply first = page;
		int pages = 1;
		while (true) {
			page.as(WireTypes.MESSAGES).forEach(m -> names.add(m.name()));
			PageLinks links = page.links();
			assertThat(links.first()).startsWith("./");
			assertThat(links.current()).startsWith("./");
			assertThat(client.follow(page, links.first()).bytes()).isEqualTo(first.bytes());
			if (!links.hasNext()) {
				break;
			}
			assertThat(links.next()).startsWith("./");
			page = client.follow(page, links.next()).assertStatus(200);
			pages++;
		}
		assertThat(pages).isEqualTo(expectedPages);
		return names;
	}

	@Test
	void startEndAndFromSerialNarrowTheHistory() throws Exception {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		String channel = "window";
		client.post("/channels/" + channel + "/messages", Message.of("early", "e"), WireTypes.MESSAGE);
		clockOffset.addAndGet(1000);
		long middle = System.currentTimeMillis() + clockOffset.get();
		clockOffset.addAndGet(1000);
		String serial = client.post("/channels/" + channel + "/messages", Message.of("late", "l"), WireTypes.MESSAGE)
			.as(WireTypes.PUBLISH_RESULT)
			.serials()
			.get(0);
		client.post("/channels/" + channel + "/messages", Message.of("latest", "l"), WireTypes.MESSAGE);

		assertThat(client.get("/channels/window/messages?end=" + middle).as(WireTypes.MESSAGES))
			.extracting(Message::name)
			.containsExactly("early");
		assertThat(client.get("/channels/window/messages?start=" + middle + "&direction=forwards")
			.as(WireTypes.MESSAGES)).extracting(Message::name).containsExactly("late", "latest");
		// The paging cursor of the Link headers is exclusive ...
		assertThat(client.get("/channels/window/messages?page_from=" + serial).as(WireTypes.MESSAGES))
			.extracting(Message::name)
			.containsExactly("early");
		assertThat(client.get("/channels/window/messages?direction=forwards&page_from=" + serial)
			.as(WireTypes.MESSAGES)).extracting(Message::name).containsExactly("latest");
		// ... while fromSerial (RTL10b untilAttach; ably-js sends from_serial) bounds the history, inclusively.
		assertThat(client.get("/channels/window/messages?fromSerial=" + serial).as(WireTypes.MESSAGES))
			.extracting(Message::name)
			.containsExactly("late", "early");
		assertThat(client.get("/channels/window/messages?direction=forwards&from_serial=" + serial)
			.as(WireTypes.MESSAGES)).extracting(Message::name).containsExactly("early", "late");
	}

	@Test
	void invalidParametersAre40003() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		client.get("/channels/x/messages?limit=0").assertError(400, 40003);
		client.get("/channels/x/messages?limit=1001").assertError(400, 40003);
		client.get("/channels/x/messages?limit=ten").assertError(400, 40003);
		client.get("/channels/x/messages?direction=sideways").assertError(400, 40003);
		client.get("/channels/x/messages?start=20&end=10").assertError(400, 40003);
	}

	@Test
	void capabilitiesAndCredentialsAreChecked() {
		RestTestClient limited = RestTestClient.of(server, WireFormat.JSON).withKey("app.limited:secret");
		limited.post("/channels/closed/messages", Message.of("n", "d"), WireTypes.MESSAGE).assertError(401, 40160);
		limited.get("/channels/closed/messages").assertError(401, 40160);
		limited.post("/channels/open:yes/messages", Message.of("n", "d"), WireTypes.MESSAGE).assertStatus(201);
		RestTestClient.anonymous(server, WireFormat.JSON).get("/channels/x/messages").assertError(401, 40106);
		RestTestClient.of(server, WireFormat.JSON).withKey("app.key:wrong").get("/channels/x/messages")
			.assertError(401, 40101);
	}

	@Test
	void clientIdHeaderIdentifiesABasicAuthPublisher() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON)
			.withHeader("X-Ably-ClientId", java.util.Base64.getEncoder().encodeToString("bob".getBytes()));
		client.post("/channels/identified/messages", Message.of("n", "d"), WireTypes.MESSAGE).assertStatus(201);
		assertThat(client.get("/channels/identified/messages").as(WireTypes.MESSAGES).get(0).clientId())
			.isEqualTo("bob");
		client.withHeader("X-Ably-ClientId", "%%%").get("/channels/identified/messages").assertError(400, 40012);
	}

	@Test
	void aMessageIdSeenBeforeIsNotPublishedAgain() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		Message message = Message.builder().id("fixed-id:0").name("once").data("d").build();
		client.post("/channels/idempotent/messages", message, WireTypes.MESSAGE).assertStatus(201);
		PublishResult again = client.post("/channels/idempotent/messages", message, WireTypes.MESSAGE)
			.assertStatus(201)
			.as(WireTypes.PUBLISH_RESULT);
		assertThat(again.serials()).containsExactly((String) null);
		assertThat(client.get("/channels/idempotent/messages").as(WireTypes.MESSAGES)).hasSize(1);
	}

	@Test
	void oversizedMessageIs40009() {
		RestTestClient client = RestTestClient.of(server, WireFormat.MSGPACK);
		client.post("/channels/big/messages", Message.of("big", new byte[70_000]), WireTypes.MESSAGE)
			.assertError(400, 40009);
	}
}
