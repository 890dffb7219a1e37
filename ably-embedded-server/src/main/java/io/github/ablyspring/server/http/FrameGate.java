package io.github.ablyspring.server.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Where outbound frames pass: straight through normally; fault injection can delay or hold them.
 */
interface FrameGate {

	FrameGate DIRECT = new FrameGate() {
		@Override
		public void write(Channel channel, WebSocketFrame frame) {
			channel.writeAndFlush(frame);
		}

		@Override
		public void whenWritten(Channel channel, Runnable action) {
			channel.eventLoop().execute(action);
		}
	};

	void write(Channel channel, WebSocketFrame frame);

	/** Runs {@code action} after the frames written so far have gone out. */
	void whenWritten(Channel channel, Runnable action);
}
