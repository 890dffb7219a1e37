package io.github.ablyspring.client.rest;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.http.Credentials;
import io.github.ablyspring.client.http.HttpCore;
import io.github.ablyspring.client.http.RestRequest;
import io.github.ablyspring.client.http.RestResponse;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.MessageAnnotations;
import io.github.ablyspring.protocol.MessageVersion;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.protocol.payload.PayloadEncoder;

/**
 * The message-version operations of a {@link RestChannel} (RSL11, RSL14, RSL15), package-private: the request
 * shapes and the TM2s/TM2u completion of what comes back.
 */
final class MessageVersions {

	private final String messagesPath;

	private final HttpCore http;

	private final Credentials credentials;

	private final PayloadEncoder encoder;

	private final RestChannel.Settings settings;

	MessageVersions(String messagesPath, HttpCore http, Credentials credentials, PayloadEncoder encoder,
			RestChannel.Settings settings) {
		this.messagesPath = messagesPath;
		this.http = http;
		this.credentials = credentials;
		this.encoder = encoder;
		this.settings = settings;
	}

	String path(String serial) {
		return messagesPath + "/" + HttpCore.encode(serial);
	}

	static String serialOf(@Nullable Message message) {
		if (message == null || message.serial() == null || message.serial().isEmpty()) {
			// 40003 (invalid parameter), as the UTS for RSL11a, RSL15a and RSAN1a expects.
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400,
					"the message must have a serial (it is assigned by Ably when the message is published)"));
		}
		return message.serial();
	}

	static String checkSerial(@Nullable String serial) {
		if (serial == null || serial.isEmpty()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400, "a message serial is required"));
		}
		return serial;
	}

	/** RSL15b: PATCH with the user's message encoded (RSL4), its {@code action} and {@code version} set. */
	UpdateDeleteResult send(Message message, MessageAction action, @Nullable MessageOperation operation,
			java.util.@Nullable Map<String, String> params) {
		String serial = serialOf(message);
		Message.Builder body = message.toBuilder().action(action).version(operation == null ? null : operation.toVersion());
		Message encoded = encoder.encode(body.build());
		long size = MessageSize.of(encoded);
		if (size > settings.maxMessageSize()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.MAX_MESSAGE_SIZE_EXCEEDED, 400, "message of " + size
					+ " bytes exceeds maxMessageSize " + settings.maxMessageSize()));
		}
		byte[] bytes = http.codec().encode(encoded, WireTypes.MESSAGE);
		RestRequest request = new RestRequest("PATCH", path(serial), params == null ? java.util.Map.of() : params,
				bytes, true);
		RestResponse response = http.send(request, credentials);
		JsonNode result = response.decodeOr(WireTypes.JSON, tools.jackson.databind.node.NullNode.getInstance());
		JsonNode versionSerial = result.path("versionSerial");
		return new UpdateDeleteResult(versionSerial.isString() ? versionSerial.asString() : null);
	}

	/** TM2s: a version object with the message's serial and timestamp when none came; TM2u: empty annotations. */
	static Message complete(Message m) {
		Message.Builder b = m.toBuilder();
		if (m.version() == null) {
			b.version(new MessageVersion(m.serial(), m.timestamp(), null, null, null));
		}
		else if (m.version().serial() == null || m.version().timestamp() == null) {
			MessageVersion v = m.version();
			b.version(new MessageVersion(v.serial() != null ? v.serial() : m.serial(),
					v.timestamp() != null ? v.timestamp() : m.timestamp(), v.clientId(), v.description(),
					v.metadata()));
		}
		if (m.annotations() == null) {
			b.annotations(MessageAnnotations.EMPTY);
		}
		return b.build();
	}

	static List<Message> completeAll(List<Message> messages) {
		return messages.stream().map(MessageVersions::complete).toList();
	}
}
