package io.github.ablyspring.server.conformance;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.ably.lib.debug.DebugOptions;
import io.ably.lib.http.HttpCore;
import io.ably.lib.types.AblyException;
import io.ably.lib.types.Message;
import io.ably.lib.types.PresenceMessage;
import io.ably.lib.types.ProtocolMessage;
import io.ably.lib.util.Log;
import io.github.ablyspring.server.EmbeddedAblyServer;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Shared set-up of the ably-java conformance tests: client options pointing the unmodified SDK at an embedded server,
 * and a trace of everything the SDK logged, sent and received (frames and REST exchanges), printed when a test fails
 * so that a failure can be pinned on the server or the SDK.
 */
final class ConformanceSupport {

	private static final List<String> TRACE = new ArrayList<>();

	private static final int MAX_TRACE_LINES = 20_000;

	private ConformanceSupport() {
	}

	/** Options for the SDK against {@code server}, authenticating with the server's first key. */
	static DebugOptions options(EmbeddedAblyServer server, boolean useBinaryProtocol) throws AblyException {
		return options(server, server.key(), useBinaryProtocol);
	}

	/** Options for the SDK against {@code server}; {@code key} may be null for token auth set up by the caller. */
	static DebugOptions options(EmbeddedAblyServer server, String key, boolean useBinaryProtocol)
			throws AblyException {
		DebugOptions options = key == null ? new DebugOptions() : new DebugOptions(key);
		options.tls = false;
		options.port = server.port();
		options.realtimeHost = server.host();
		options.restHost = server.host();
		options.useBinaryProtocol = useBinaryProtocol;
		options.logLevel = Log.VERBOSE;
		options.logHandler = (severity, tag, msg, tr) -> trace("log " + tag + ": " + msg + (tr == null ? "" : " " + tr));
		options.protocolListener = new DebugOptions.RawProtocolListener() {
			@Override
			public void onRawConnectRequested(String url) {
				trace("ws connect requested " + redact(url));
			}

			@Override
			public void onRawConnect(String url) {
				trace("ws connected " + redact(url));
			}

			@Override
			public void onRawMessageSend(ProtocolMessage message) {
				trace(">> " + describe(message));
			}

			@Override
			public void onRawMessageRecv(ProtocolMessage message) {
				trace("<< " + describe(message));
			}
		};
		options.httpListener = httpListener();
		return options;
	}

	/**
	 * The REST exchange recorder. A dynamic proxy: the listener's signature names {@code io.ably.lib.network.HttpRequest}
	 * of ably-java's runtime-only network-client-core, which is not on the test compile classpath.
	 */
	private static DebugOptions.RawHttpListener httpListener() {
		return (DebugOptions.RawHttpListener) Proxy.newProxyInstance(ConformanceSupport.class.getClassLoader(),
				new Class<?>[] { DebugOptions.RawHttpListener.class }, (proxy, method, args) -> {
					switch (method.getName()) {
						case "onRawHttpRequest" -> {
							Object request = args[1];
							HttpCore.RequestBody requestBody = (HttpCore.RequestBody) args[4];
							trace("http " + args[0] + " request " + invoke(request, "getMethod") + " "
									+ redact(String.valueOf(invoke(request, "getUrl")))
									+ (requestBody == null ? "" : " body=" + body(requestBody.getEncoded())));
							return null;
						}
						case "onRawHttpResponse" -> {
							HttpCore.Response response = (HttpCore.Response) args[2];
							trace("http " + args[0] + " response " + args[1] + " " + response.statusCode + " link="
									+ response.getHeaderFields("Link") + " type=" + response.contentType + " body="
									+ body(response.body));
							return null;
						}
						case "onRawHttpException" -> {
							trace("http " + args[0] + " exception " + args[1] + " " + args[2]);
							return null;
						}
						case "hashCode" -> {
							return System.identityHashCode(proxy);
						}
						case "equals" -> {
							return proxy == args[0];
						}
						case "toString" -> {
							return "httpTrace";
						}
						default -> {
							return null;
						}
					}
				});
	}

	private static Object invoke(Object target, String getter) {
		try {
			return target.getClass().getMethod(getter).invoke(target);
		}
		catch (ReflectiveOperationException ex) {
			return "?" + ex;
		}
	}

	static void trace(String line) {
		synchronized (TRACE) {
			if (TRACE.size() < MAX_TRACE_LINES) {
				TRACE.add(System.currentTimeMillis() % 100_000 + " [" + Thread.currentThread().getName() + "] " + line);
			}
		}
	}

	static void resetTrace() {
		synchronized (TRACE) {
			TRACE.clear();
		}
	}

	static String dumpTrace() {
		synchronized (TRACE) {
			return String.join("\n", TRACE);
		}
	}

	static String describe(ProtocolMessage m) {
		StringBuilder sb = new StringBuilder(String.valueOf(m.action));
		append(sb, "channel", m.channel);
		append(sb, "id", m.id);
		append(sb, "msgSerial", m.msgSerial);
		if (m.count != 0) {
			append(sb, "count", m.count);
		}
		if (m.flags != 0) {
			append(sb, "flags", m.flags);
		}
		append(sb, "channelSerial", m.channelSerial);
		append(sb, "connectionId", m.connectionId);
		if (m.error != null) {
			append(sb, "error", m.error.code + "/" + m.error.statusCode + " " + m.error.message);
		}
		if (m.connectionDetails != null) {
			append(sb, "connectionDetails", "{clientId=" + m.connectionDetails.clientId + ", maxMessageSize="
					+ m.connectionDetails.maxMessageSize + ", connectionStateTtl="
					+ m.connectionDetails.connectionStateTtl + ", maxIdleInterval=" + m.connectionDetails.maxIdleInterval
					+ "}");
		}
		if (m.auth != null) {
			append(sb, "auth", m.auth.accessToken == null ? "null" : "<token>");
		}
		append(sb, "params", m.params);
		if (m.messages != null) {
			List<String> items = new ArrayList<>();
			for (Message message : m.messages) {
				items.add("{name=" + message.name + ", id=" + message.id + ", clientId=" + message.clientId
						+ ", connectionId=" + message.connectionId + ", encoding=" + message.encoding + ", data="
						+ data(message.data) + ", serial=" + message.serial + "}");
			}
			append(sb, "messages", items.size() > 5 ? items.size() + " messages, first " + items.get(0) : items);
		}
		if (m.presence != null) {
			List<String> items = new ArrayList<>();
			for (PresenceMessage p : m.presence) {
				items.add("{action=" + p.action + ", clientId=" + p.clientId + ", connectionId=" + p.connectionId
						+ ", id=" + p.id + ", data=" + data(p.data) + "}");
			}
			append(sb, "presence", items);
		}
		return sb.toString();
	}

	private static void append(StringBuilder sb, String name, Object value) {
		if (value != null) {
			sb.append(' ').append(name).append('=').append(value);
		}
	}

	private static String data(Object data) {
		if (data instanceof byte[] bytes) {
			return "bytes[" + bytes.length + "]";
		}
		String text = String.valueOf(data);
		return data == null ? "null" : data.getClass().getSimpleName() + ":" + abbreviate(text);
	}

	private static String body(byte[] body) {
		if (body == null) {
			return "null";
		}
		boolean text = true;
		for (byte b : body) {
			if (b < 0x09 || (b > 0x0d && b < 0x20)) {
				text = false;
				break;
			}
		}
		if (text) {
			return abbreviate(new String(body, StandardCharsets.UTF_8));
		}
		return "msgpack[" + body.length + "]:" + abbreviate(HexFormat.of().formatHex(body));
	}

	private static String abbreviate(String text) {
		return text.length() > 600 ? text.substring(0, 600) + "...(" + text.length() + " chars)" : text;
	}

	private static String redact(String url) {
		return url.replaceAll("(key|accessToken|access_token)=[^&]*", "$1=<redacted>");
	}

	/** Prints the trace of a failed test, or of every test with {@code -Dconformance.trace=always}. */
	static final class DumpTraceOnFailure implements TestWatcher {

		@Override
		public void testFailed(ExtensionContext context, Throwable cause) {
			print("failed", context);
		}

		@Override
		public void testSuccessful(ExtensionContext context) {
			if ("always".equals(System.getProperty("conformance.trace"))) {
				print("passed", context);
			}
		}

		private static void print(String outcome, ExtensionContext context) {
			System.out.println("==== ably-java trace of " + outcome + " test " + context.getDisplayName() + " ("
					+ context.getRequiredTestMethod().getName() + ") ====\n" + dumpTrace() + "\n==== end of trace ====");
		}
	}
}
