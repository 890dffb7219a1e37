package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.List;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.codec.WireReader;
import io.github.ablyspring.protocol.codec.WireType;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.protocol.codec.WireWriter;

/** Wire forms of the batch operations (RSC22, RSC24, RSA17) in JSON and msgpack alike. */
public final class BatchWire {

	private BatchWire() {
	}

	/** BSP: {@code {channels: [...], messages: [...]}}; messages already encoded and identified. */
	static final WireType<BatchPublishSpec> PUBLISH_SPEC = new WireType<>() {
		@Override
		public void write(BatchPublishSpec spec, WireWriter w) {
			w.beginMap(2);
			w.name("channels");
			w.beginArray(spec.channels().size());
			spec.channels().forEach(w::string);
			w.endArray();
			w.field("messages", spec.messages(), WireTypes.MESSAGE);
			w.endMap();
		}

		@Override
		public BatchPublishSpec read(WireReader reader) {
			throw new UnsupportedOperationException("write only");
		}
	};

	static final WireType<BatchResult<BatchPublishResult>> PUBLISH_RESULT = result(new ReadOnly<>() {
		@Override
		public BatchPublishResult read(WireReader r) {
			String channel = "";
			String messageId = null;
			List<String> serials = new ArrayList<>();
			ErrorInfo error = null;
			r.beginMap();
			for (String name = r.nextName(); name != null; name = r.nextName()) {
				switch (name) {
					case "channel" -> channel = r.readString();
					case "messageId" -> messageId = r.readString();
					case "serials" -> {
						r.beginArray();
						while (r.hasNextElement()) {
							serials.add(r.skipIfNull() ? null : r.readString());
						}
					}
					case "error" -> error = WireTypes.ERROR_INFO.read(r);
					default -> r.skipValue();
				}
			}
			return new BatchPublishResult(channel, messageId, serials, error);
		}
	});

	static final WireType<BatchResult<BatchPresenceResult>> PRESENCE_RESULT = result(new ReadOnly<>() {
		@Override
		public BatchPresenceResult read(WireReader r) {
			String channel = "";
			List<PresenceMessage> presence = List.of();
			ErrorInfo error = null;
			r.beginMap();
			for (String name = r.nextName(); name != null; name = r.nextName()) {
				switch (name) {
					case "channel" -> channel = r.readString();
					case "presence" -> presence = WireTypes.PRESENCE_MESSAGES.read(r);
					case "error" -> error = WireTypes.ERROR_INFO.read(r);
					default -> r.skipValue();
				}
			}
			return new BatchPresenceResult(channel, presence, error);
		}
	});

	public static final WireType<BatchResult<TokenRevocationResult>> REVOCATION_RESULT = result(new ReadOnly<>() {
		@Override
		public TokenRevocationResult read(WireReader r) {
			String target = "";
			Long issuedBefore = null;
			Long appliesAt = null;
			ErrorInfo error = null;
			r.beginMap();
			for (String name = r.nextName(); name != null; name = r.nextName()) {
				switch (name) {
					case "target" -> target = r.readString();
					case "issuedBefore" -> issuedBefore = r.readLong();
					case "appliesAt" -> appliesAt = r.readLong();
					case "error" -> error = WireTypes.ERROR_INFO.read(r);
					default -> r.skipValue();
				}
			}
			return new TokenRevocationResult(target, issuedBefore, appliesAt, error);
		}
	});

	/** BAR2: {@code {successCount, failureCount, results: [...]}}. */
	private static <T> WireType<BatchResult<T>> result(WireType<T> element) {
		return new ReadOnly<>() {
			@Override
			public BatchResult<T> read(WireReader r) {
				int success = 0;
				int failure = 0;
				List<T> results = List.of();
				r.beginMap();
				for (String name = r.nextName(); name != null; name = r.nextName()) {
					switch (name) {
						case "successCount" -> success = r.readInt();
						case "failureCount" -> failure = r.readInt();
						case "results" -> results = element.list().read(r);
						default -> r.skipValue();
					}
				}
				return new BatchResult<>(success, failure, results);
			}
		};
	}

	private abstract static class ReadOnly<T> implements WireType<T> {

		@Override
		public void write(T value, WireWriter writer) {
			throw new UnsupportedOperationException("read only");
		}

		@Override
		public abstract T read(WireReader reader);
	}
}
