package io.github.ablyspring.server.http;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.ablyspring.server.realtime.RealtimeCore;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The listening socket: HTTP/1.1 with WebSocket upgrade, on the server's own daemon threads. */
public final class HttpFrontend implements AutoCloseable {

	private final EventLoopGroup group;

	private final Channel serverChannel;

	private HttpFrontend(EventLoopGroup group, Channel serverChannel) {
		this.group = group;
		this.serverChannel = serverChannel;
	}

	public static HttpFrontend start(String host, int port, int maxFrameSize, RealtimeCore core,
			Function<RestExchange, RestResponse> api, FrameControl frames) throws InterruptedException {
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(2,
				new DefaultThreadFactory("ably-embedded-io", true), NioIoHandler.newFactory());
		RestHandler rest = new RestHandler(api);
		try {
			Channel channel = new ServerBootstrap().group(group)
				.channel(NioServerSocketChannel.class)
				.option(ChannelOption.SO_BACKLOG, 2048)
				.childOption(ChannelOption.TCP_NODELAY, true)
				.childHandler(new ChannelInitializer<SocketChannel>() {
					@Override
					protected void initChannel(SocketChannel ch) {
						ch.pipeline()
							.addLast(new HttpServerCodec())
							.addLast(new RestBodyAggregator(maxFrameSize))
							.addLast(new HttpRequestHandler(core, rest, maxFrameSize, frames));
					}
				})
				.bind(host, port)
				.sync()
				.channel();
			return new HttpFrontend(group, channel);
		}
		catch (InterruptedException | RuntimeException ex) {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
			throw ex;
		}
	}

	public int port() {
		return ((InetSocketAddress) serverChannel.localAddress()).getPort();
	}

	@Override
	public void close() {
		serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
		group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
	}
}
