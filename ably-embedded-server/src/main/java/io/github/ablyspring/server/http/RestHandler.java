package io.github.ablyspring.server.http;

import java.util.function.Function;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.codec.CodecException;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the REST API for a request and writes the response; every failure becomes Ably's error body, never a stack
 * trace. The API itself (routing and endpoints) is a function from exchange to response.
 */
final class RestHandler {

	private static final Logger logger = LoggerFactory.getLogger(RestHandler.class);

	private final Function<RestExchange, RestResponse> api;

	RestHandler(Function<RestExchange, RestResponse> api) {
		this.api = api;
	}

	void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
		RestExchange exchange = new RestExchange(request);
		RestResponse response;
		try {
			response = api.apply(exchange);
		}
		catch (AblyException ex) {
			response = RestResponse.error(ex instanceof CodecException
					? ErrorInfo.of(ErrorCodes.INVALID_REQUEST_BODY, 400, ex.errorInfo().message()) : ex.errorInfo(),
					safeCodec(exchange));
		}
		catch (RuntimeException ex) {
			logger.error("Embedded Ably server: REST {} {} failed", request.method(), exchange.path(), ex);
			response = RestResponse.error(ErrorInfo.of(ErrorCodes.INTERNAL_ERROR, 500, "internal error: " + ex),
					safeCodec(exchange));
		}
		write(ctx, request, response);
	}

	private static WireCodec safeCodec(RestExchange exchange) {
		try {
			return exchange.responseCodec();
		}
		catch (RuntimeException ex) {
			return WireCodec.of(WireFormat.JSON);
		}
	}

	static void write(ChannelHandlerContext ctx, FullHttpRequest request, RestResponse response) {
		byte[] body = response.body() == null ? new byte[0] : response.body();
		FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(body));
		response.headers().forEach((name, value) -> {
			if (name.equalsIgnoreCase("Link")) {
				// One link per header line: ably-java 1.x parses each line as a single link (RFC 8288 allows
				// both). Commas inside the links' URLs are percent-encoded, so this split is safe.
				for (String link : value.split(",\\s*(?=<)")) {
					http.headers().add(name, link);
				}
			}
			else {
				http.headers().set(name, value);
			}
		});
		if (response.contentType() != null) {
			http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
		}
		http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
		boolean keepAlive = HttpUtil.isKeepAlive(request);
		HttpUtil.setKeepAlive(http, keepAlive);
		var future = ctx.writeAndFlush(http);
		if (!keepAlive) {
			future.addListener(ChannelFutureListener.CLOSE);
		}
	}
}
