package io.github.ablyspring.server.http;

import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Netty's {@link HttpObjectAggregator}, but a request body over the limit is answered the Ably way: 413 with error
 * 40009 in the body and the {@code X-Ably-Error*} headers, in the format the client accepts, instead of an empty 413.
 * As Netty does, the connection closes when the body is already partly read or will not be kept alive; otherwise the
 * rest of the body is discarded and the connection stays usable.
 */
public final class RestBodyAggregator extends HttpObjectAggregator {

	public RestBodyAggregator(int maxContentLength) {
		super(maxContentLength);
	}

	@Override
	protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) throws Exception {
		if (!(oversized instanceof HttpRequest)) {
			super.handleOversizedMessage(ctx, oversized);
			return;
		}
		ErrorInfo error = ErrorInfo.of(ErrorCodes.MAX_MESSAGE_SIZE_EXCEEDED, 413,
				"request body larger than the maximum of " + maxContentLength() + " bytes");
		String accept = oversized.headers().get(HttpHeaderNames.ACCEPT);
		WireCodec codec = WireCodec.of(accept != null && accept.contains("msgpack") && !accept.startsWith("application/json")
				? WireFormat.MSGPACK : WireFormat.JSON);
		byte[] body = codec.encode(error, WireTypes.ERROR_RESPONSE);
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
				HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
		response.headers()
			.set(HttpHeaderNames.CONTENT_TYPE, codec.format().mediaType())
			.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
			.set("X-Ably-ErrorCode", String.valueOf(error.code()))
			.set("X-Ably-ErrorMessage", error.message());
		boolean close = oversized instanceof FullHttpMessage
				|| (!HttpUtil.is100ContinueExpected(oversized) && !HttpUtil.isKeepAlive(oversized));
		if (close) {
			HttpUtil.setKeepAlive(response, false);
			ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		}
		else {
			ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
		}
	}
}
