package io.github.ablyspring.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.auth.Capability;
import io.github.ablyspring.server.auth.AppKey;
import io.github.ablyspring.server.auth.Authenticator;
import io.github.ablyspring.server.auth.TokenStore;
import io.github.ablyspring.server.http.FrameControl;
import io.github.ablyspring.server.http.HttpFrontend;
import io.github.ablyspring.server.realtime.RealtimeCore;
import io.github.ablyspring.server.rest.PushStore;
import io.github.ablyspring.server.rest.RestApi;

import org.jspecify.annotations.Nullable;

/**
 * An in-process Ably-compatible server: REST and realtime WebSocket on one port, all state in memory. For tests and
 * offline development, as EmbeddedKafka is for Kafka; it reads no configuration of a host application and runs on
 * its own daemon threads.
 *
 * <pre>
 * EmbeddedAblyServer server = EmbeddedAblyServer.builder().port(0).key("appId.keyId:secret").build().start();
 * // connect a client to http://127.0.0.1:server.port()
 * server.close();
 * </pre>
 */
public final class EmbeddedAblyServer implements AutoCloseable {

	private final ServerSettings settings;

	private final LongSupplier clock;

	private @Nullable HttpFrontend frontend;

	private @Nullable RealtimeCore core;

	private @Nullable Faults faults;

	private @Nullable PushStore push;

	private EmbeddedAblyServer(ServerSettings settings, LongSupplier clock) {
		this.settings = settings;
		this.clock = clock;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Binds the port and starts serving; returns this server. */
	public synchronized EmbeddedAblyServer start() {
		if (frontend != null) {
			return this;
		}
		Authenticator authenticator = new Authenticator(settings.keys(), new TokenStore(), clock);
		RealtimeCore realtime = new RealtimeCore(settings, authenticator, clock);
		FrameControl frames = new FrameControl();
		RestApi api = new RestApi(realtime, authenticator, clock, settings, frames);
		try {
			frontend = HttpFrontend.start(settings.host(), settings.port(), settings.maxFrameSize(), realtime, api,
					frames);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			realtime.close();
			throw new AblyException(ErrorInfo.of(ErrorCodes.INTERNAL_ERROR, 500, "interrupted while starting"), ex);
		}
		catch (RuntimeException ex) {
			realtime.close();
			throw new AblyException(ErrorInfo.of(ErrorCodes.INTERNAL_ERROR, 500, "cannot listen on " + settings.host()
					+ ":" + settings.port() + ": " + ex.getMessage()), ex);
		}
		core = realtime;
		faults = api.faults();
		push = api.push();
		return this;
	}

	/** Fault injection for tests: the Java side of {@code /_emulator}, available whatever {@code faultInjection} says. */
	public Faults faults() {
		if (faults == null) {
			throw new IllegalStateException("the server is not started");
		}
		return faults;
	}

	/** Push state for tests (RSH1): registered devices, subscriptions and the pushes published, which go nowhere. */
	public PushStore push() {
		if (push == null) {
			throw new IllegalStateException("the server is not started");
		}
		return push;
	}

	public int port() {
		if (frontend == null) {
			throw new IllegalStateException("the server is not started");
		}
		return frontend.port();
	}

	public String host() {
		return settings.host();
	}

	/** The base URL the SDKs use for REST; realtime is the same with {@code ws://}. */
	public String baseUrl() {
		return "http://" + settings.host() + ":" + port();
	}

	public ServerSettings settings() {
		return settings;
	}

	/** The first configured key, {@code appId.keyId:secret}. */
	public String key() {
		return settings.keys().get(0).key();
	}

	/** The realtime core, for fault injection and inspection in tests. */
	public RealtimeCore realtime() {
		if (core == null) {
			throw new IllegalStateException("the server is not started");
		}
		return core;
	}

	@Override
	public synchronized void close() {
		if (frontend != null) {
			frontend.close();
			frontend = null;
		}
		if (core != null) {
			core.close();
			core = null;
		}
		faults = null;
		push = null;
	}

	/** Builder of {@link EmbeddedAblyServer}; defaults suit tests and follow Ably's where they matter. */
	public static final class Builder {

		private String host = ServerSettings.DEFAULT_HOST;

		private int port;

		private final List<AppKey> keys = new ArrayList<>();

		private Duration maxIdleInterval = Duration.ofSeconds(15);

		private Duration connectionStateTtl = Duration.ofMinutes(2);

		private Duration presenceLeaveGrace = Duration.ofSeconds(15);

		private Duration tokenExpiryWarning = Duration.ofSeconds(30);

		private Duration historyRetention = Duration.ofHours(2);

		private int maxMessageSize = 65536;

		private int maxFrameSize = 524288;

		private boolean faultInjection;

		private LongSupplier clock = System::currentTimeMillis;

		private Builder() {
		}

		/**
		 * The server's notion of now, in epoch milliseconds: timestamps, token expiry, history windows. Tests can
		 * move it forward instead of sleeping; timers still run on real time.
		 */
		public Builder clock(LongSupplier clock) {
			this.clock = clock;
			return this;
		}

		public Builder host(String host) {
			this.host = host;
			return this;
		}

		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/** Adds a key with every capability. */
		public Builder key(String key) {
			keys.add(AppKey.parse(key));
			return this;
		}

		/** Adds a key with a capability JSON such as {@code {"chat:*":["publish","subscribe"]}}. */
		public Builder key(String key, String capability) {
			keys.add(AppKey.parse(key, Capability.parse(capability)));
			return this;
		}

		public Builder maxIdleInterval(Duration maxIdleInterval) {
			this.maxIdleInterval = maxIdleInterval;
			return this;
		}

		public Builder connectionStateTtl(Duration connectionStateTtl) {
			this.connectionStateTtl = connectionStateTtl;
			return this;
		}

		public Builder presenceLeaveGrace(Duration presenceLeaveGrace) {
			this.presenceLeaveGrace = presenceLeaveGrace;
			return this;
		}

		public Builder tokenExpiryWarning(Duration tokenExpiryWarning) {
			this.tokenExpiryWarning = tokenExpiryWarning;
			return this;
		}

		public Builder historyRetention(Duration historyRetention) {
			this.historyRetention = historyRetention;
			return this;
		}

		public Builder maxMessageSize(int maxMessageSize) {
			this.maxMessageSize = maxMessageSize;
			return this;
		}

		public Builder maxFrameSize(int maxFrameSize) {
			this.maxFrameSize = maxFrameSize;
			return this;
		}

		/** Serves the {@code /_emulator} fault injection REST API (off by default). */
		public Builder faultInjection(boolean faultInjection) {
			this.faultInjection = faultInjection;
			return this;
		}

		public EmbeddedAblyServer build() {
			if (keys.isEmpty()) {
				throw new IllegalStateException("an embedded Ably server needs at least one key");
			}
			return new EmbeddedAblyServer(new ServerSettings(host, port, keys, maxIdleInterval, connectionStateTtl,
					presenceLeaveGrace, tokenExpiryWarning, historyRetention, maxMessageSize, maxFrameSize,
					faultInjection), clock);
		}
	}
}
