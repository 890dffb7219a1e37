package io.github.ablyspring.protocol.payload;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Annotation;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.protocol.crypto.ChannelCipher;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Decodes received payloads (RSL6): undoes the steps of {@code encoding} right to left ({@code base64},
 * {@code utf-8}, {@code json}, {@code cipher+aes-128-cbc} / {@code cipher+aes-256-cbc}, {@code vcdiff}). Decoding
 * never throws: the first step that cannot be undone stops it, and the result keeps the partially decoded data, the
 * residual encoding and the reason (RSL6b). A {@code json} step yields any {@link JsonNode}, scalars included, as
 * other libraries may send them. Immutable and thread-safe.
 */
public final class PayloadDecoder {

	private static final PayloadDecoder PLAIN = new PayloadDecoder(null, null);

	// A payload is one JSON value: text after it means the data is not what the encoding claims.
	private static final ObjectReader JSON_READER = Json.MAPPER.reader()
		.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

	private final @Nullable ChannelCipher cipher;

	private final @Nullable DeltaDecoder deltaDecoder;

	private PayloadDecoder(@Nullable ChannelCipher cipher, @Nullable DeltaDecoder deltaDecoder) {
		this.cipher = cipher;
		this.deltaDecoder = deltaDecoder;
	}

	/** A decoder without cipher and delta support. */
	public static PayloadDecoder plain() {
		return PLAIN;
	}

	/** A decoder that decrypts with {@code cipher} (if not {@code null}) and applies no deltas. */
	public static PayloadDecoder of(@Nullable ChannelCipher cipher) {
		return of(cipher, null);
	}

	public static PayloadDecoder of(@Nullable ChannelCipher cipher, @Nullable DeltaDecoder deltaDecoder) {
		return cipher == null && deltaDecoder == null ? PLAIN : new PayloadDecoder(cipher, deltaDecoder);
	}

	/** This decoder with a {@code vcdiff} plugin (PC3). */
	public PayloadDecoder withDeltaDecoder(@Nullable DeltaDecoder deltaDecoder) {
		return of(cipher, deltaDecoder);
	}

	public @Nullable ChannelCipher cipher() {
		return cipher;
	}

	public DecodeResult<Message> decode(Message message) {
		return decode(message, DeltaContext.none());
	}

	/** Decodes a channel message, checking a delta's {@code extras.delta.from} against the context (RTL20). */
	public DecodeResult<Message> decode(Message message, DeltaContext context) {
		return decode(Payload.of(message), context, deltaReference(message.extras()), message.id())
			.map(p -> message.withData(p.data(), p.encoding()));
	}

	public DecodeResult<PresenceMessage> decode(PresenceMessage message) {
		return decode(Payload.of(message), DeltaContext.none(), null, message.id())
			.map(p -> message.withData(p.data(), p.encoding()));
	}

	public DecodeResult<Annotation> decode(Annotation annotation) {
		return decode(Payload.of(annotation), DeltaContext.none(), null, annotation.id())
			.map(p -> annotation.withData(p.data(), p.encoding()));
	}

	public DecodeResult<Payload> decode(Payload payload) {
		return decode(payload, DeltaContext.none());
	}

	/** Decodes a bare payload; the next context it returns has no message id. */
	public DecodeResult<Payload> decode(Payload payload, DeltaContext context) {
		return decode(payload, context, null, null);
	}

	private DecodeResult<Payload> decode(Payload payload, DeltaContext context, @Nullable String deltaFrom,
			@Nullable String messageId) {
		Object data = payload.data();
		String encoding = payload.encoding();
		if (data == null || encoding == null || encoding.isEmpty()) {
			return new DecodeResult<>(new Payload(data, null), null, new DeltaContext(messageId, data));
		}
		String[] steps = encoding.split("/", -1);
		// RTL19: the base for the next delta is the data once transport base64 is undone, or a delta's result.
		Object base = data;
		ErrorInfo error = null;
		int i = steps.length - 1;
		for (; i >= 0; i--) {
			String step = steps[i].trim();
			try {
				data = undo(step, data, context, deltaFrom);
			}
			catch (AblyException ex) {
				error = ex.errorInfo();
				break;
			}
			catch (RuntimeException ex) {
				error = failure("could not decode " + step + ": " + ex.getMessage());
				break;
			}
			if (step.equals(Encodings.VCDIFF) || (i == steps.length - 1 && step.equals(Encodings.BASE64))) {
				base = data;
			}
		}
		String residual = i < 0 ? null : String.join("/", Arrays.asList(steps).subList(0, i + 1));
		return new DecodeResult<>(new Payload(data, residual), error, new DeltaContext(messageId, base));
	}

	private Object undo(String step, Object data, DeltaContext context, @Nullable String deltaFrom) {
		if (step.isEmpty()) {
			// Tolerate "a//b": an empty step has nothing to undo.
			return data;
		}
		return switch (step.toLowerCase(Locale.ROOT)) {
			case Encodings.BASE64 -> Base64Text.decode(data instanceof byte[] bytes
					? new String(bytes, StandardCharsets.US_ASCII) : text(step, data));
			case Encodings.UTF8 -> data instanceof byte[] bytes ? utf8(bytes) : text(step, data);
			case Encodings.JSON -> json(data);
			case Encodings.VCDIFF -> applyDelta(data, context, deltaFrom);
			default -> {
				if (step.regionMatches(true, 0, Encodings.CIPHER_PREFIX, 0, Encodings.CIPHER_PREFIX.length())) {
					yield decrypt(step, data);
				}
				throw new AblyException(failure("unknown encoding '" + step + "'"));
			}
		};
	}

	private byte[] decrypt(String step, Object data) {
		if (cipher == null) {
			throw new AblyException(failure("payload is encrypted (" + step + ") but the channel has no cipher"));
		}
		if (!step.equalsIgnoreCase(cipher.encoding())) {
			throw new AblyException(failure("payload is encrypted with " + step + " but the channel cipher is "
					+ cipher.encoding()));
		}
		if (!(data instanceof byte[] bytes)) {
			throw new AblyException(failure(step + " needs binary data, not " + data.getClass().getSimpleName()));
		}
		return cipher.decrypt(bytes);
	}

	private byte[] applyDelta(Object data, DeltaContext context, @Nullable String deltaFrom) {
		if (deltaDecoder == null) {
			throw new AblyException(deltaFailure("a vcdiff delta arrived but no delta decoder is configured")
				.withCause(ErrorInfo.of(ErrorCodes.MISSING_PLUGIN, 400, "vcdiff decoder plugin missing (PC3)")));
		}
		if (!(data instanceof byte[] delta)) {
			throw new AblyException(deltaFailure("vcdiff needs binary data, not " + data.getClass().getSimpleName()));
		}
		Object base = context.base();
		if (base == null) {
			throw new AblyException(deltaFailure("no base payload to apply the vcdiff delta to"));
		}
		if (deltaFrom != null && !deltaFrom.equals(context.messageId())) {
			throw new AblyException(deltaFailure("delta refers to message " + deltaFrom
					+ " but the base payload is from " + context.messageId() + " (RTL20)"));
		}
		// PC3a: a text base is given to the decoder as UTF-8.
		byte[] baseBytes = base instanceof byte[] bytes ? bytes : base.toString().getBytes(StandardCharsets.UTF_8);
		try {
			byte[] target = deltaDecoder.apply(baseBytes, delta);
			if (target == null) {
				throw new IllegalStateException("delta decoder returned null");
			}
			return target;
		}
		catch (Exception ex) {
			throw new AblyException(deltaFailure("vcdiff decoding failed: " + ex), ex);
		}
	}

	private static JsonNode json(Object data) {
		JsonNode node;
		try {
			node = data instanceof byte[] bytes ? JSON_READER.readTree(bytes)
					: JSON_READER.readTree(text(Encodings.JSON, data));
		}
		catch (JacksonException ex) {
			throw new AblyException(failure("invalid JSON payload: " + ex.getOriginalMessage()), ex);
		}
		if (node == null || node.isMissingNode()) {
			throw new AblyException(failure("empty JSON payload"));
		}
		return node;
	}

	/** Strict UTF-8: garbage (e.g. from a wrong key that happened to unpad) is an error, not U+FFFD. */
	private static String utf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new AblyException(failure("payload is not valid UTF-8"), ex);
		}
	}

	private static String text(String step, Object data) {
		if (data instanceof String text) {
			return text;
		}
		throw new AblyException(failure(step + " needs text data, not " + data.getClass().getSimpleName()));
	}

	private static @Nullable String deltaReference(@Nullable JsonNode extras) {
		JsonNode from = extras == null ? null : extras.path("delta").path("from");
		return from != null && from.isString() ? from.stringValue() : null;
	}

	private static ErrorInfo failure(String message) {
		return ErrorInfo.of(ErrorCodes.INVALID_DATA_OR_ENCODING, 400, message);
	}

	private static ErrorInfo deltaFailure(String message) {
		return ErrorInfo.of(ErrorCodes.DELTA_DECODING_FAILED, 400, message);
	}

	@Override
	public String toString() {
		return "PayloadDecoder[cipher=" + (cipher == null ? "none" : cipher.encoding()) + ", delta="
				+ (deltaDecoder != null) + "]";
	}
}
