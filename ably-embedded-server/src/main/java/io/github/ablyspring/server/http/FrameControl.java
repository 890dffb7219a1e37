package io.github.ablyspring.server.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * The server's outbound frame gate, for fault injection: frames pass straight through, or after a delay, or are
 * held while paused and released in order on resume (a slow or stalled network, as clients see it).
 */
public final class FrameControl implements FrameGate {

	private final Object lock = new Object();

	private final Queue<Runnable> held = new ArrayDeque<>();

	private boolean paused;

	private long delayMillis;

	/** Delays every frame from now on by {@code delay} ({@code Duration.ZERO} to stop). */
	public void delay(Duration delay) {
		synchronized (lock) {
			delayMillis = Math.max(0, delay.toMillis());
		}
	}

	/** Holds every frame from now on until {@link #resume()}. */
	public void pause() {
		synchronized (lock) {
			paused = true;
		}
	}

	/** Releases the held frames, in order, and lets frames pass again. */
	public void resume() {
		synchronized (lock) {
			paused = false;
			// Under the lock, so no new frame overtakes the held ones; each only queues a Netty task.
			for (Runnable write = held.poll(); write != null; write = held.poll()) {
				write.run();
			}
		}
	}

	@Override
	public void write(Channel channel, WebSocketFrame frame) {
		submit(channel, () -> channel.writeAndFlush(frame));
	}

	@Override
	public void whenWritten(Channel channel, Runnable action) {
		submit(channel, () -> channel.eventLoop().execute(action));
	}

	private void submit(Channel channel, Runnable write) {
		synchronized (lock) {
			if (paused) {
				held.add(write);
			}
			else if (delayMillis > 0) {
				channel.eventLoop().schedule(write, delayMillis, TimeUnit.MILLISECONDS);
			}
			else {
				write.run();
			}
		}
	}
}
