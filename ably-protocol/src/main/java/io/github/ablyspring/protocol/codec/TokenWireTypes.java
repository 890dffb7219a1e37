package io.github.ablyspring.protocol.codec;

import io.github.ablyspring.protocol.auth.TokenDetails;
import io.github.ablyspring.protocol.auth.TokenParams;
import io.github.ablyspring.protocol.auth.TokenRequest;

import static io.github.ablyspring.protocol.codec.WireWriter.count;

/**
 * Wire types of the token values (TK, TE, TD). Only present fields are written. Reading is tolerant, since these
 * often come from hand-written auth servers: unknown fields are skipped, times and ttl may be numeric strings, and a
 * capability may be an object instead of its JSON text.
 */
public final class TokenWireTypes {

	public static final WireType<TokenParams> TOKEN_PARAMS = new WireType<>() {
		@Override
		public void write(TokenParams value, WireWriter writer) {
			writer.beginMap(count(value.ttl()) + count(value.capability()) + count(value.clientId())
					+ count(value.timestamp()) + count(value.nonce()));
			writer.field("ttl", value.ttl());
			writer.field("capability", value.capability());
			writer.field("clientId", value.clientId());
			writer.field("timestamp", value.timestamp());
			writer.field("nonce", value.nonce());
			writer.endMap();
		}

		@Override
		public TokenParams read(WireReader reader) {
			TokenParams.Builder params = TokenParams.builder();
			reader.beginMap();
			for (String name = reader.nextName(); name != null; name = reader.nextName()) {
				switch (name) {
					case "ttl" -> params.ttl(readTime(reader, name));
					case "capability" -> params.capability(readCapability(reader));
					case "clientId" -> params.clientId(reader.readString());
					case "timestamp" -> params.timestamp(readTime(reader, name));
					case "nonce" -> params.nonce(reader.readString());
					default -> reader.skipValue();
				}
			}
			return params.build();
		}
	};

	public static final WireType<TokenRequest> TOKEN_REQUEST = new WireType<>() {
		@Override
		public void write(TokenRequest value, WireWriter writer) {
			writer.beginMap(1 + count(value.ttl()) + count(value.capability()) + count(value.clientId())
					+ count(value.timestamp()) + count(value.nonce()) + count(value.mac()));
			writer.field("keyName", value.keyName());
			writer.field("ttl", value.ttl());
			writer.field("capability", value.capability());
			writer.field("clientId", value.clientId());
			writer.field("timestamp", value.timestamp());
			writer.field("nonce", value.nonce());
			writer.field("mac", value.mac());
			writer.endMap();
		}

		@Override
		public TokenRequest read(WireReader reader) {
			String keyName = null;
			String capability = null;
			String clientId = null;
			String nonce = null;
			String mac = null;
			Long ttl = null;
			Long timestamp = null;
			reader.beginMap();
			for (String name = reader.nextName(); name != null; name = reader.nextName()) {
				switch (name) {
					case "keyName" -> keyName = reader.readString();
					case "ttl" -> ttl = readTime(reader, name);
					case "capability" -> capability = readCapability(reader);
					case "clientId" -> clientId = reader.readString();
					case "timestamp" -> timestamp = readTime(reader, name);
					case "nonce" -> nonce = reader.readString();
					case "mac" -> mac = reader.readString();
					default -> reader.skipValue();
				}
			}
			if (keyName == null) {
				throw new CodecException("token request without a keyName");
			}
			return new TokenRequest(keyName, ttl, capability, clientId, timestamp, nonce, mac);
		}
	};

	public static final WireType<TokenDetails> TOKEN_DETAILS = new WireType<>() {
		@Override
		public void write(TokenDetails value, WireWriter writer) {
			writer.beginMap(1 + count(value.expires()) + count(value.issued()) + count(value.capability())
					+ count(value.clientId()));
			writer.field("token", value.token());
			writer.field("expires", value.expires());
			writer.field("issued", value.issued());
			writer.field("capability", value.capability());
			writer.field("clientId", value.clientId());
			writer.endMap();
		}

		@Override
		public TokenDetails read(WireReader reader) {
			String token = null;
			Long expires = null;
			Long issued = null;
			String capability = null;
			String clientId = null;
			reader.beginMap();
			for (String name = reader.nextName(); name != null; name = reader.nextName()) {
				switch (name) {
					case "token" -> token = reader.readString();
					case "expires" -> expires = readTime(reader, name);
					case "issued" -> issued = readTime(reader, name);
					case "capability" -> capability = readCapability(reader);
					case "clientId" -> clientId = reader.readString();
					default -> reader.skipValue();
				}
			}
			if (token == null) {
				throw new CodecException("token details without a token");
			}
			return new TokenDetails(token, expires, issued, capability, clientId);
		}
	};

	private TokenWireTypes() {
	}

	/** A millisecond count, also as a decimal string: form-encoded and hand-written JSON often quote numbers. */
	static long readTime(WireReader reader, String field) {
		if (reader.peek() != WireReader.ValueType.STRING) {
			return reader.readLong();
		}
		String text = reader.readString().trim();
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new CodecException("'" + field + "' is not an integer: " + abbreviate(text));
		}
	}

	/** Capability JSON text, or the capability object itself (which the JS library also takes). */
	static String readCapability(WireReader reader) {
		return switch (reader.peek()) {
			case STRING -> reader.readString();
			case MAP -> reader.readJson().toString();
			default -> throw new CodecException("'capability' must be JSON text or an object, not " + reader.peek());
		};
	}

	private static String abbreviate(String text) {
		return text.length() <= 32 ? text : text.substring(0, 32) + "...";
	}
}
