package io.github.ablyspring.server.http;

import java.util.List;
import java.util.Map;

import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.codec.ProtocolVersion;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.realtime.ConnectRequest;
import io.github.ablyspring.server.realtime.RealtimeCore;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

/**
 * The first handler of every HTTP request: a WebSocket upgrade becomes a realtime transport; anything else goes to
 * the REST API. Both share the port, as the SDKs expect (they have no base path).
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

	private final RealtimeCore core;

	private final RestHandler rest;

	private final int maxFrameSize;

	private final FrameGate gate;

	HttpRequestHandler(RealtimeCore core, RestHandler rest, int maxFrameSize, FrameGate gate) {
		this.core = core;
		this.rest = rest;
		this.maxFrameSize = maxFrameSize;
		this.gate = gate;
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
		if (request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
			upgrade(ctx, request);
		}
		else {
			rest.handle(ctx, request);
		}
	}

	private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
		QueryStringDecoder query = new QueryStringDecoder(request.uri());
		Map<String, List<String>> params = query.parameters();
		WireFormat format = "msgpack".equalsIgnoreCase(first(params, "format")) ? WireFormat.MSGPACK
				: WireFormat.JSON;
		String v = first(params, "v");
		// Clients that send no version are the oldest generation this server speaks.
		int version = v == null ? ProtocolVersion.MIN : ProtocolVersion.parse(v);
		String url = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri();
		WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, null, true, maxFrameSize)
			.newHandshaker(request);
		if (handshaker == null) {
			WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
			return;
		}
		handshaker.handshake(ctx.channel(), request).addListener(done -> {
			if (!done.isSuccess()) {
				ctx.close();
				return;
			}
			if (!ProtocolVersion.isSupported(version)) {
				// Still answer in the protocol: an ERROR the client can show, then close.
				byte[] bytes = WireCodec.of(format).encode(ProtocolMessage.builder(ProtocolAction.ERROR)
					.error(ErrorInfo.of(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, 400,
							"unsupported protocol version " + v + "; this server speaks " + ProtocolVersion.MIN
									+ " to " + ProtocolVersion.MAX))
					.build(), WireTypes.PROTOCOL_MESSAGE);
				ctx.writeAndFlush(format.isBinary() ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))
						: new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
				ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
				return;
			}
			WebSocketTransport transport = new WebSocketTransport(ctx.channel(), WireCodec.of(format, version), core,
					gate);
			ctx.pipeline().addLast(new WebSocketFrameAggregator(maxFrameSize));
			ctx.pipeline().addLast(transport);
			ctx.pipeline().remove(this);
			core.opened(transport, new ConnectRequest(params, request.headers().get(HttpHeaderNames.AUTHORIZATION)));
		});
	}

	private static String first(Map<String, List<String>> params, String name) {
		List<String> values = params.get(name);
		return values == null || values.isEmpty() ? null : values.get(0);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}
}
