package io.github.ablyspring.protocol.codec;

import java.util.List;

import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.ConnectionDetails;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.PublishResult;

import tools.jackson.databind.JsonNode;

/**
 * The wire types of the protocol and of REST bodies, for use with {@link WireCodec}. Token and stats types are in
 * {@link TokenWireTypes} and {@link StatsWireTypes}.
 */
public final class WireTypes {

	public static final WireType<ProtocolMessage> PROTOCOL_MESSAGE = ProtocolMessageWire.INSTANCE;

	public static final WireType<Message> MESSAGE = MessageWire.INSTANCE;

	/** A REST publish body or history page. */
	public static final WireType<List<Message>> MESSAGES = MESSAGE.list();

	public static final WireType<PresenceMessage> PRESENCE_MESSAGE = PresenceMessageWire.INSTANCE;

	public static final WireType<List<PresenceMessage>> PRESENCE_MESSAGES = PRESENCE_MESSAGE.list();

	public static final WireType<Annotation> ANNOTATION = AnnotationWire.INSTANCE;

	public static final WireType<List<Annotation>> ANNOTATIONS = ANNOTATION.list();

	public static final WireType<ErrorInfo> ERROR_INFO = ErrorInfoWire.INSTANCE;

	/** A REST error body: {@code {"error": {...}}}. */
	public static final WireType<ErrorInfo> ERROR_RESPONSE = new ErrorResponseWire();

	public static final WireType<ConnectionDetails> CONNECTION_DETAILS = ConnectionDetailsWire.INSTANCE;

	public static final WireType<PublishResult> PUBLISH_RESULT = PublishResultWire.INSTANCE;

	/** Any JSON value, e.g. an opaque LiveObjects message or a REST body this library does not model. */
	public static final WireType<JsonNode> JSON = new WireType<>() {
		@Override
		public void write(JsonNode value, WireWriter writer) {
			writer.json(value);
		}

		@Override
		public JsonNode read(WireReader reader) {
			return reader.readJson();
		}
	};

	/** The body of {@code GET /time}: an array holding the server time in milliseconds. */
	public static final WireType<Long> TIME = new WireType<>() {
		@Override
		public void write(Long value, WireWriter writer) {
			writer.beginArray(1);
			writer.number(value);
			writer.endArray();
		}

		@Override
		public Long read(WireReader reader) {
			Long time = null;
			reader.beginArray();
			while (reader.hasNextElement()) {
				if (time == null) {
					time = reader.readLong();
				}
				else {
					reader.skipValue();
				}
			}
			if (time == null) {
				throw new CodecException("empty time response");
			}
			return time;
		}
	};

	private WireTypes() {
	}

	private static final class ErrorResponseWire implements WireType<ErrorInfo> {

		@Override
		public void write(ErrorInfo value, WireWriter writer) {
			writer.beginMap(1);
			writer.field("error", value, ErrorInfoWire.INSTANCE);
			writer.endMap();
		}

		@Override
		public ErrorInfo read(WireReader reader) {
			ErrorInfo error = null;
			reader.beginMap();
			for (String name = reader.nextName(); name != null; name = reader.nextName()) {
				if (name.equals("error")) {
					error = ErrorInfoWire.INSTANCE.read(reader);
				}
				else {
					reader.skipValue();
				}
			}
			if (error == null) {
				throw new CodecException("error body without an error object");
			}
			return error;
		}
	}
}
