package io.github.ablyspring.server.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Where outbound frames pass; {@link FrameControl} lets fault injection delay or hold them.
 */
interface FrameGate {

	void write(Channel channel, WebSocketFrame frame);

	/** Runs {@code action} after the frames written so far have gone out. */
	void whenWritten(Channel channel, Runnable action);
}
