package io.github.ablyspring.server.http;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.realtime.Outbound;
import io.github.ablyspring.server.realtime.RealtimeCore;
import io.github.ablyspring.server.realtime.Transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * One realtime WebSocket: decodes frames on the I/O thread and hands ProtocolMessages to the core; sends what the
 * core gives it as text (JSON) or binary (msgpack) frames.
 */
final class WebSocketTransport extends SimpleChannelInboundHandler<WebSocketFrame> implements Transport {

	private final Channel channel;

	private final WireCodec codec;

	private final RealtimeCore core;

	private final FrameGate gate;

	WebSocketTransport(Channel channel, WireCodec codec, RealtimeCore core, FrameGate gate) {
		this.channel = channel;
		this.codec = codec;
		this.core = core;
		this.gate = gate;
	}

	@Override
	public WireCodec codec() {
		return codec;
	}

	@Override
	public void send(Outbound message) {
		byte[] bytes = message.encode(codec);
		ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
		WebSocketFrame frame = codec.format().isBinary() ? new BinaryWebSocketFrame(buffer)
				: new TextWebSocketFrame(buffer);
		gate.write(channel, frame);
	}

	@Override
	public void sendRaw(byte[] bytes) {
		ByteBuf buffer = Unpooled.wrappedBuffer(bytes.clone());
		gate.write(channel, codec.format().isBinary() ? new BinaryWebSocketFrame(buffer) : new TextWebSocketFrame(buffer));
	}

	@Override
	public void close() {
		gate.write(channel, new CloseWebSocketFrame(1000, "closed"));
		gate.whenWritten(channel, () -> channel.close());
	}

	@Override
	public void abort() {
		// No close frame: to the client this looks like a network failure.
		channel.close();
	}

	@Override
	public boolean isOpen() {
		return channel.isActive();
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
		if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
			byte[] bytes = ByteBufUtil.getBytes(frame.content());
			try {
				core.received(this, codec.decode(bytes, WireTypes.PROTOCOL_MESSAGE));
			}
			catch (AblyException ex) {
				core.malformed(this, ex);
			}
		}
		else if (frame instanceof PingWebSocketFrame) {
			ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
		}
		else if (frame instanceof CloseWebSocketFrame) {
			ctx.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		core.closed(this);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof TooLongFrameException) {
			// A fragmented message over maxFrameSize (WebSocketFrameAggregator): close with 1009, as Netty's
			// decoder does for a single oversized frame, rather than dropping the socket without a word.
			ctx.writeAndFlush(new CloseWebSocketFrame(1009, "message too big")).addListener(ChannelFutureListener.CLOSE);
			return;
		}
		ctx.close();
	}
}
