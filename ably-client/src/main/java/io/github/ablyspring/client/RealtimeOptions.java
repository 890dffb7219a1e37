package io.github.ablyspring.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.client.realtime.RealtimeScheduler;
import io.github.ablyspring.client.realtime.transport.TransportFactory;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;

/**
 * The client options (TO3) that only the realtime client reads, immutable; part of {@link ClientOptions}. Defaults are
 * the spec's. The last three are extension points: where listeners run, how the transport is made and how timers are
 * scheduled (tests replace the last two with a scripted peer and a manual clock).
 */
public record RealtimeOptions(boolean autoConnect, boolean echoMessages, boolean queueMessages,
		@Nullable String recover, Duration disconnectedRetryTimeout, Duration suspendedRetryTimeout,
		Duration channelRetryTimeout, Duration realtimeRequestTimeout, Duration connectionStateTtl,
		Map<String, String> transportParams, @Nullable String connectivityCheckUrl, boolean coalescePublishes,
		@Nullable Executor listenerExecutor, @Nullable TransportFactory transportFactory,
		@Nullable RealtimeScheduler scheduler) {

	/** RTN17j: answers "yes" while the internet is reachable. */
	public static final String DEFAULT_CONNECTIVITY_CHECK_URL = "https://internet-up.ably-realtime.com/is-the-internet-up.txt";

	public static final RealtimeOptions DEFAULTS = new Builder().build();

	public RealtimeOptions {
		transportParams = Collections.unmodifiableMap(new LinkedHashMap<>(transportParams));
	}

	public static Builder builder() {
		return new Builder();
	}

	public Builder toBuilder() {
		Builder b = new Builder();
		b.autoConnect = autoConnect;
		b.echoMessages = echoMessages;
		b.queueMessages = queueMessages;
		b.recover = recover;
		b.disconnectedRetryTimeout = disconnectedRetryTimeout;
		b.suspendedRetryTimeout = suspendedRetryTimeout;
		b.channelRetryTimeout = channelRetryTimeout;
		b.realtimeRequestTimeout = realtimeRequestTimeout;
		b.connectionStateTtl = connectionStateTtl;
		b.transportParams = new LinkedHashMap<>(transportParams);
		b.connectivityCheckUrl = connectivityCheckUrl;
		b.coalescePublishes = coalescePublishes;
		b.listenerExecutor = listenerExecutor;
		b.transportFactory = transportFactory;
		b.scheduler = scheduler;
		return b;
	}

	@Override
	public String toString() {
		// The recovery key carries the connection key, a credential.
		return "RealtimeOptions[autoConnect=" + autoConnect + ", echoMessages=" + echoMessages + ", queueMessages="
				+ queueMessages + ", recover=" + (recover != null ? "<redacted>" : null) + ", disconnectedRetryTimeout="
				+ disconnectedRetryTimeout + ", suspendedRetryTimeout=" + suspendedRetryTimeout
				+ ", channelRetryTimeout=" + channelRetryTimeout + ", realtimeRequestTimeout=" + realtimeRequestTimeout
				+ ", connectionStateTtl=" + connectionStateTtl + ", transportParams=" + transportParams.keySet()
				+ ", connectivityCheckUrl=" + connectivityCheckUrl + ", coalescePublishes=" + coalescePublishes + "]";
	}

	/** Mutable builder; {@link #build()} validates. */
	public static final class Builder {

		private boolean autoConnect = true;

		private boolean echoMessages = true;

		private boolean queueMessages = true;

		private @Nullable String recover;

		private Duration disconnectedRetryTimeout = Duration.ofSeconds(15);

		private Duration suspendedRetryTimeout = Duration.ofSeconds(30);

		private Duration channelRetryTimeout = Duration.ofSeconds(15);

		private Duration realtimeRequestTimeout = Duration.ofSeconds(10);

		private Duration connectionStateTtl = Duration.ofMinutes(2);

		private Map<String, String> transportParams = new LinkedHashMap<>();

		private @Nullable String connectivityCheckUrl = DEFAULT_CONNECTIVITY_CHECK_URL;

		private boolean coalescePublishes = true;

		private @Nullable Executor listenerExecutor;

		private @Nullable TransportFactory transportFactory;

		private @Nullable RealtimeScheduler scheduler;

		private Builder() {
		}

		/** TO3e, RTN3: connect when the client is constructed. */
		public Builder autoConnect(boolean autoConnect) {
			this.autoConnect = autoConnect;
			return this;
		}

		/** TO3h, RTN2b: {@code echo=false} when false. */
		public Builder echoMessages(boolean echoMessages) {
			this.echoMessages = echoMessages;
			return this;
		}

		/** TO3g, RTL6c: queue publishes made while connecting or disconnected. */
		public Builder queueMessages(boolean queueMessages) {
			this.queueMessages = queueMessages;
			return this;
		}

		/** TO3i, RTN16: a recovery key from {@code Connection.createRecoveryKey()}. */
		public Builder recover(@Nullable String recover) {
			this.recover = recover;
			return this;
		}

		/** TO3l1, RTN14d: the base of the backoff between reconnection attempts while DISCONNECTED. */
		public Builder disconnectedRetryTimeout(Duration timeout) {
			this.disconnectedRetryTimeout = timeout;
			return this;
		}

		/** TO3l2, RTN14e: the interval between reconnection attempts while SUSPENDED. */
		public Builder suspendedRetryTimeout(Duration timeout) {
			this.suspendedRetryTimeout = timeout;
			return this;
		}

		/** TO3l7, RTL13b: the wait before re-attaching a SUSPENDED channel. */
		public Builder channelRetryTimeout(Duration timeout) {
			this.channelRetryTimeout = timeout;
			return this;
		}

		/** TO3l11: the time to wait for the server's answer (connect, attach, detach, ping, ...). */
		public Builder realtimeRequestTimeout(Duration timeout) {
			this.realtimeRequestTimeout = timeout;
			return this;
		}

		/** RTN14e: how long DISCONNECTED lasts before SUSPENDED until a CONNECTED supplies the server's value. */
		public Builder connectionStateTtl(Duration ttl) {
			this.connectionStateTtl = ttl;
			return this;
		}

		/** TO3n, RTN2: extra query parameters of the realtime connection. */
		public Builder transportParams(Map<String, String> params) {
			this.transportParams = new LinkedHashMap<>(params);
			return this;
		}

		/** RTN17j: the URL checked before trying fallback hosts; null skips the check. */
		public Builder connectivityCheckUrl(@Nullable String url) {
			this.connectivityCheckUrl = url;
			return this;
		}

		/**
		 * Whether publishes made in a burst while connected (more publishes already waiting, or the socket still
		 * writing earlier frames) are bundled per channel into ProtocolMessages of up to {@code maxMessageSize}
		 * (default true). Each publish keeps its own future and serials. Publishes queued while not connected are
		 * bundled either way.
		 */
		public Builder coalescePublishes(boolean coalesce) {
			this.coalescePublishes = coalesce;
			return this;
		}

		/**
		 * Where message, presence and state listeners run. Null (the default) gives each client a small daemon pool;
		 * either way listeners of one channel run one at a time, in order.
		 */
		public Builder listenerExecutor(@Nullable Executor executor) {
			this.listenerExecutor = executor;
			return this;
		}

		/** The realtime transport; null for the WebSocket transport. */
		public Builder transportFactory(@Nullable TransportFactory factory) {
			this.transportFactory = factory;
			return this;
		}

		/** The timers and clock of the event loop; null for the wall clock. */
		public Builder scheduler(@Nullable RealtimeScheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		public RealtimeOptions build() {
			for (Duration d : new Duration[] { disconnectedRetryTimeout, suspendedRetryTimeout, channelRetryTimeout,
					realtimeRequestTimeout, connectionStateTtl }) {
				Objects.requireNonNull(d, "timeout");
				if (d.isNegative() || d.isZero()) {
					throw new AblyException(ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400,
							"realtime timeouts must be positive, got " + d));
				}
			}
			return new RealtimeOptions(autoConnect, echoMessages, queueMessages, recover, disconnectedRetryTimeout,
					suspendedRetryTimeout, channelRetryTimeout, realtimeRequestTimeout, connectionStateTtl,
					transportParams, connectivityCheckUrl, coalescePublishes, listenerExecutor, transportFactory, scheduler);
		}
	}
}
