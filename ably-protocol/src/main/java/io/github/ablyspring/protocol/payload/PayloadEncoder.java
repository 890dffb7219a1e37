package io.github.ablyspring.protocol.payload;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

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
import tools.jackson.databind.JsonNode;

/**
 * Encodes payloads before they are sent (RSL4, RSL5). A JSON object or array becomes JSON text ({@code json}); with
 * a cipher, text becomes UTF-8 bytes ({@code utf-8}) and bytes are encrypted ({@code cipher+aes-<bits>-cbc}). The
 * result's data is a {@code String} or {@code byte[]}; the final {@code base64} step for the JSON transport is the
 * codec's job, as only it knows the format.
 * <p>
 * Accepted data (RSL4a): {@code String}, {@code byte[]}, a {@link JsonNode} object or array, and for convenience a
 * {@link Map} or {@link List}, converted with Jackson. Anything else, including JSON scalars, fails with code 40013.
 * Existing encoding steps are kept: new steps are appended. Immutable and thread-safe.
 */
public final class PayloadEncoder {

	private static final PayloadEncoder PLAIN = new PayloadEncoder(null);

	private final @Nullable ChannelCipher cipher;

	private PayloadEncoder(@Nullable ChannelCipher cipher) {
		this.cipher = cipher;
	}

	/** An encoder that does not encrypt. */
	public static PayloadEncoder plain() {
		return PLAIN;
	}

	/** An encoder that encrypts with {@code cipher}, or does not encrypt when it is {@code null}. */
	public static PayloadEncoder of(@Nullable ChannelCipher cipher) {
		return cipher == null ? PLAIN : new PayloadEncoder(cipher);
	}

	public @Nullable ChannelCipher cipher() {
		return cipher;
	}

	public Message encode(Message message) {
		Payload p = encode(Payload.of(message));
		return message.withData(p.data(), p.encoding());
	}

	public PresenceMessage encode(PresenceMessage message) {
		Payload p = encode(Payload.of(message));
		return message.withData(p.data(), p.encoding());
	}

	public Annotation encode(Annotation annotation) {
		Payload p = encode(Payload.of(annotation));
		return annotation.withData(p.data(), p.encoding());
	}

	/** Encodes {@code payload}; throws {@link AblyException} (40013, status 400) for an unsupported data type. */
	public Payload encode(Payload payload) {
		Object data = payload.data();
		String encoding = payload.encoding();
		if (data == null) {
			return payload;
		}
		if (data instanceof Map<?, ?> || data instanceof List<?>) {
			data = toTree(data);
		}
		if (data instanceof JsonNode node) {
			if (!node.isContainer()) {
				throw invalid("a JSON payload must be an object or array, not " + node.getNodeType()
						+ "; send text as a String");
			}
			data = Json.MAPPER.writeValueAsString(node);
			encoding = Encodings.append(encoding, Encodings.JSON);
		}
		if (data instanceof String text) {
			if (cipher == null) {
				return new Payload(text, encoding);
			}
			data = text.getBytes(StandardCharsets.UTF_8);
			encoding = Encodings.append(encoding, Encodings.UTF8);
		}
		if (!(data instanceof byte[] bytes)) {
			throw invalid("unsupported payload type " + data.getClass().getName()
					+ "; data must be a String, byte[], JsonNode object or array, Map or List (RSL4a)");
		}
		if (cipher == null) {
			return new Payload(bytes, encoding);
		}
		return new Payload(cipher.encrypt(bytes), Encodings.append(encoding, cipher.encoding()));
	}

	private static JsonNode toTree(Object value) {
		try {
			return Json.MAPPER.valueToTree(value);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw invalid("payload " + value.getClass().getName() + " cannot be represented as JSON: "
					+ ex.getMessage(), ex);
		}
	}

	private static AblyException invalid(String message) {
		return invalid(message, null);
	}

	private static AblyException invalid(String message, @Nullable Throwable cause) {
		return new AblyException(ErrorInfo.of(ErrorCodes.INVALID_DATA_OR_ENCODING, 400, message), cause);
	}

	@Override
	public String toString() {
		return "PayloadEncoder[" + (cipher == null ? "plain" : cipher.encoding()) + "]";
	}
}
