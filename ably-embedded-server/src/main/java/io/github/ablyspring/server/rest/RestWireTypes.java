package io.github.ablyspring.server.rest;

import java.util.ArrayList;
import java.util.List;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.codec.CodecException;
import io.github.ablyspring.protocol.codec.WireReader;
import io.github.ablyspring.protocol.codec.WireType;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.protocol.codec.WireWriter;

import org.jspecify.annotations.Nullable;

/**
 * Wire types of REST bodies the protocol module does not model: publish bodies of one message or many, batch
 * publish specs (BSP) and batch results (BAR, BPR, BPF, BGR, BGF), in both formats.
 */
final class RestWireTypes {

	/** A publish body: one message or an array of them (RSL1). */
	static final WireType<List<Message>> ONE_OR_MORE_MESSAGES = new OneOrMore<>(WireTypes.MESSAGE);

	/** A batch publish body: one spec or an array of them (RSC22c). */
	static final WireType<List<BatchPublishSpec>> BATCH_PUBLISH_SPECS = new OneOrMore<>(new WireType<>() {
		@Override
		public void write(BatchPublishSpec value, WireWriter writer) {
			writer.beginMap(2);
			writer.name("channels");
			writer.beginArray(value.channels().size());
			value.channels().forEach(writer::string);
			writer.endArray();
			writer.field("messages", value.messages(), WireTypes.MESSAGE);
			writer.endMap();
		}

		@Override
		public BatchPublishSpec read(WireReader reader) {
			List<String> channels = null;
			List<Message> messages = null;
			reader.beginMap();
			for (String name = reader.nextName(); name != null; name = reader.nextName()) {
				switch (name) {
					case "channels" -> channels = readChannels(reader);
					case "messages" -> messages = ONE_OR_MORE_MESSAGES.read(reader);
					default -> reader.skipValue();
				}
			}
			if (channels == null || channels.isEmpty() || messages == null || messages.isEmpty()) {
				throw new CodecException("a batch publish spec needs channels and messages");
			}
			return new BatchPublishSpec(channels, messages);
		}
	});

	/** The result of one batch publish spec (BAR2, BPR2, BPF2). */
	static final WireType<List<ChannelPublishResult>> BATCH_PUBLISH_RESULT = new BatchResultWire<>(
			new WireType<>() {
				@Override
				public void write(ChannelPublishResult r, WireWriter w) {
					w.beginMap(1 + (r.error() != null ? 1 : 2));
					w.field("channel", r.channel());
					if (r.error() != null) {
						w.field("error", r.error(), WireTypes.ERROR_INFO);
					}
					else {
						w.field("messageId", r.messageId());
						w.name("serials");
						w.strings(r.serials());
					}
					w.endMap();
				}

				@Override
				public ChannelPublishResult read(WireReader reader) {
					throw new UnsupportedOperationException("write only");
				}
			});

	/** Protocol 2 and older: the per-channel results of every spec in one array (RSC22a). */
	static final WireType<List<ChannelPublishResult>> LEGACY_BATCH_PUBLISH_RESULTS = new WireType<>() {
		@Override
		public void write(List<ChannelPublishResult> results, WireWriter w) {
			w.beginArray(results.size());
			for (ChannelPublishResult r : results) {
				w.beginMap(2);
				w.field("channel", r.channel());
				if (r.error() != null) {
					w.field("error", r.error(), WireTypes.ERROR_INFO);
				}
				else {
					w.field("messageId", r.messageId());
				}
				w.endMap();
			}
			w.endArray();
		}

		@Override
		public List<ChannelPublishResult> read(WireReader reader) {
			throw new UnsupportedOperationException("write only");
		}
	};

	/** The result of a batch presence request (RSC24, BGR2, BGF2). */
	static final WireType<List<ChannelPresenceResult>> BATCH_PRESENCE_RESULT = new BatchResultWire<>(
			new WireType<>() {
				@Override
				public void write(ChannelPresenceResult r, WireWriter w) {
					w.beginMap(2);
					w.field("channel", r.channel());
					if (r.error() != null) {
						w.field("error", r.error(), WireTypes.ERROR_INFO);
					}
					else {
						w.field("presence", r.presence(), WireTypes.PRESENCE_MESSAGE);
					}
					w.endMap();
				}

				@Override
				public ChannelPresenceResult read(WireReader reader) {
					throw new UnsupportedOperationException("write only");
				}
			});

	private RestWireTypes() {
	}

	private static List<String> readChannels(WireReader reader) {
		if (reader.peek() == WireReader.ValueType.STRING) {
			// Ably also takes a comma-separated list in one string.
			return List.of(reader.readString().split(","));
		}
		List<String> channels = new ArrayList<>();
		reader.beginArray();
		while (reader.hasNextElement()) {
			channels.add(reader.readString());
		}
		return channels;
	}

	/** BSP2: messages to publish to every one of channels. */
	record BatchPublishSpec(List<String> channels, List<Message> messages) {
	}

	/** BPR2 when {@code error} is null, else BPF2. */
	record ChannelPublishResult(String channel, @Nullable String messageId, List<@Nullable String> serials,
			@Nullable ErrorInfo error) implements Outcome {
	}

	/** BGR2 when {@code error} is null, else BGF2. */
	record ChannelPresenceResult(String channel, @Nullable List<PresenceMessage> presence,
			@Nullable ErrorInfo error) implements Outcome {
	}

	/** One result of a batch: a success unless it has an error. */
	interface Outcome {

		@Nullable ErrorInfo error();
	}

	/** BAR2: {@code successCount}, {@code failureCount} and the results in request order. */
	private record BatchResultWire<T extends Outcome>(WireType<T> element) implements WireType<List<T>> {

		@Override
		public void write(List<T> results, WireWriter w) {
			long failures = results.stream().filter(r -> r.error() != null).count();
			w.beginMap(3);
			w.field("successCount", results.size() - failures);
			w.field("failureCount", failures);
			w.field("results", results, element);
			w.endMap();
		}

		@Override
		public List<T> read(WireReader reader) {
			throw new UnsupportedOperationException("write only");
		}
	}

	/** A value or an array of values of one type, read as a list either way. */
	private record OneOrMore<T>(WireType<T> element) implements WireType<List<T>> {

		@Override
		public void write(List<T> values, WireWriter writer) {
			element.list().write(values, writer);
		}

		@Override
		public List<T> read(WireReader reader) {
			if (reader.peek() == WireReader.ValueType.ARRAY) {
				return element.list().read(reader);
			}
			if (reader.peek() != WireReader.ValueType.MAP) {
				throw new CodecException("expected an object or an array of objects, not " + reader.peek());
			}
			return List.of(element.read(reader));
		}
	}
}
