package io.github.ablyspring.protocol.codec;

/** The two encodings of the Ably protocol: JSON text and MessagePack binary ({@code format=msgpack}). */
public enum WireFormat {

	JSON("application/json", "json"),

	MSGPACK("application/x-msgpack", "msgpack");

	private final String mediaType;

	private final String formatParam;

	WireFormat(String mediaType, String formatParam) {
		this.mediaType = mediaType;
		this.formatParam = formatParam;
	}

	/** The HTTP media type of this format ({@code Content-Type} / {@code Accept}). */
	public String mediaType() {
		return mediaType;
	}

	/** The value of the realtime {@code format} query parameter. */
	public String formatParam() {
		return formatParam;
	}

	public boolean isBinary() {
		return this == MSGPACK;
	}

	/** The format of a media type, defaulting to JSON for anything not msgpack (as Ably does). */
	public static WireFormat fromMediaType(String mediaType) {
		return mediaType != null && mediaType.toLowerCase(java.util.Locale.ROOT).contains("msgpack") ? MSGPACK : JSON;
	}
}
