package io.github.ablyspring.client.realtime.transport;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.StandardSocketOptions;
import java.nio.channels.NetworkChannel;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

/**
 * Turns Nagle's algorithm off on the socket under a Tomcat client WebSocket. Tomcat writes a frame's header and its
 * payload with two writes and offers no TCP_NODELAY setting, so a small frame's payload could wait for the server's
 * delayed ACK of its header (tens of milliseconds; the realtime benchmark showed such a p99 tail). The socket is
 * reached through Tomcat's internal fields; when they are not where expected nothing changes but a debug line.
 */
final class TcpNoDelay {

	private static final Log logger = LogFactory.getLog(TcpNoDelay.class);

	private TcpNoDelay() {
	}

	static void enable(Object session) {
		try {
			NetworkChannel socket = socket(session);
			if (socket != null) {
				socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
			}
			else {
				logger.debug("no socket found under the WebSocket session; TCP_NODELAY left as it is");
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("could not set TCP_NODELAY on the WebSocket: " + ex);
		}
	}

	/** The socket under a Spring (or plain JSR-356) Tomcat client session, or null when it cannot be reached. */
	static @Nullable NetworkChannel socket(Object session) {
		try {
			Object nativeSession = session instanceof NativeWebSocketSession s ? s.getNativeSession() : session;
			Object endpoint = field(nativeSession, "wsRemoteEndpoint");
			Object wrapper = endpoint != null ? field(endpoint, "channel") : null;
			Object channel = wrapper != null ? field(wrapper, "socketChannel") : null;
			return channel instanceof NetworkChannel network ? network : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("could not reach the WebSocket's socket: " + ex);
			return null;
		}
	}

	private static @Nullable Object field(Object target, String name) throws ReflectiveOperationException {
		for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
			try {
				Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				return field.get(target);
			}
			catch (NoSuchFieldException ex) {
				// try the superclass
			}
		}
		return null;
	}
}
