package io.github.ablyspring.server.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.github.ablyspring.server.http.RestBodyAggregator;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.EmbeddedAblyServer;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.buffer.ByteBufUtil;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** {@code /time}, routing (404, 405), bad bodies (400 40001) and oversized bodies (413 40009), in both formats. */
class RoutingAndErrorsTest {

	private static EmbeddedAblyServer server;

	@BeforeAll
	static void start() {
		server = EmbeddedAblyServer.builder().key("app.key:secret").build().start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void timeIsTheServerClockInAnArray(WireFormat format) {
		long before = System.currentTimeMillis();
		RestTestClient.Reply reply = RestTestClient.anonymous(server, format).get("/time").assertStatus(200);
		assertThat(reply.format()).isEqualTo(format);
		assertThat(reply.as(WireTypes.TIME)).isBetween(before, System.currentTimeMillis());
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void unknownEndpointIs404EvenWithoutCredentials(WireFormat format) {
		RestTestClient.anonymous(server, format).get("/no/such/thing").assertError(404, 40400);
		RestTestClient.of(server, format).get("/channels/a/b/c/d").assertError(404, 40400);
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void knownPathWithAnotherMethodIs405WithAllow(WireFormat format) {
		RestTestClient.Reply reply = RestTestClient.of(server, format).delete("/channels/x/messages")
			.assertError(405, 40500);
		assertThat(reply.header("Allow")).contains("POST").contains("GET");
		RestTestClient.of(server, format).send("PUT", "/time", new byte[0]).assertError(405, 40500);
	}

	@Test
	void invalidJsonBodyIs40001() {
		RestTestClient.of(server, WireFormat.JSON).postJsonText("/channels/bad/messages", "{\"name\": ")
			.assertError(400, 40001);
		RestTestClient.of(server, WireFormat.JSON).postJsonText("/channels/bad/messages", "")
			.assertError(400, 40001);
		RestTestClient.of(server, WireFormat.JSON).postJsonText("/messages", "{\"channels\": 3}")
			.assertError(400, 40001);
	}

	@Test
	void invalidMsgpackBodyIs40001() {
		// 0xc1 is never used in msgpack; 0x92 announces an array of two with nothing after it.
		RestTestClient client = RestTestClient.of(server, WireFormat.MSGPACK);
		client.send("POST", "/channels/bad/messages", new byte[] { (byte) 0xc1 }).assertError(400, 40001);
		client.send("POST", "/channels/bad/messages", new byte[] { (byte) 0x92 }).assertError(400, 40001);
		client.send("POST", "/keys/app.key/requestToken", new byte[] { (byte) 0x81, (byte) 0xa1 })
			.assertError(400, 40001);
	}

	@Test
	void emulatorApiIsHiddenUnlessEnabled() {
		RestTestClient.anonymous(server, WireFormat.JSON).send("POST", "/_emulator/connections/all/drop", null)
			.assertError(404, 40400);
		RestTestClient.anonymous(server, WireFormat.JSON).get("/_emulator").assertError(404, 40400);
	}

	@Test
	void channelNamesArePercentDecodedOnce() {
		RestTestClient client = RestTestClient.of(server, WireFormat.JSON);
		client.post("/channels/a%2Fb%2541+c/messages", Json.MAPPER.readTree("{\"name\":\"n\",\"data\":\"d\"}"))
			.assertStatus(201);
		JsonNode details = client.get("/channels/a%2Fb%2541+c").assertStatus(200).json();
		assertThat(details.path("channelId").asString()).isEqualTo("a/b%41+c");
		assertThat(client.get("/channels/a%2Fb%2541+c/messages").json()).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(WireFormat.class)
	void oversizedBodyIs413With40009(WireFormat format) {
		EmbeddedChannel channel = new EmbeddedChannel(new RestBodyAggregator(16));
		HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/channels/x/messages");
		HttpUtil.setContentLength(request, 1000);
		request.headers().set(HttpHeaderNames.ACCEPT, format.mediaType());
		channel.writeInbound(request);
		FullHttpResponse response = channel.readOutbound();
		assertThat(response.status().code()).isEqualTo(413);
		assertThat(response.headers().get("X-Ably-ErrorCode")).isEqualTo("40009");
		assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo(format.mediaType());
		JsonNode error = WireCodec.of(format).decode(ByteBufUtil.getBytes(response.content()), WireTypes.JSON)
			.path("error");
		assertThat(error.path("code").asInt()).isEqualTo(40009);
		assertThat(error.path("statusCode").asInt()).isEqualTo(413);
		// Keep-alive without a body read yet: the connection stays open for the next request.
		assertThat(channel.isOpen()).isTrue();
		response.release();
		channel.finishAndReleaseAll();
	}

	@Test
	void oversizedBodyAlreadyPartlyReadClosesTheConnection() {
		EmbeddedChannel channel = new EmbeddedChannel(new RestBodyAggregator(4));
		HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/x");
		HttpUtil.setTransferEncodingChunked(request, true);
		channel.writeInbound(request);
		channel.writeInbound(new DefaultHttpContent(Unpooled.copiedBuffer("far too long", StandardCharsets.UTF_8)));
		FullHttpResponse response = channel.readOutbound();
		assertThat(response.status().code()).isEqualTo(413);
		assertThat(channel.isOpen()).isFalse();
		response.release();
	}
}
