package io.github.ablyspring.protocol.codec;

import static io.github.ablyspring.protocol.codec.WireWriter.count;

import java.util.Map;

import io.github.ablyspring.protocol.ErrorInfo;

import org.jspecify.annotations.Nullable;

/** {@link ErrorInfo} on the wire (TI1): {@code code}, {@code statusCode}, {@code message}, {@code href}, ... */
final class ErrorInfoWire implements WireType<ErrorInfo> {

	static final ErrorInfoWire INSTANCE = new ErrorInfoWire();

	@Override
	public void write(ErrorInfo e, WireWriter w) {
		Map<String, String> detail = e.detail().isEmpty() ? null : e.detail();
		w.beginMap(2 + count(e.message()) + count(e.href()) + count(e.requestId()) + count(e.cause()) + count(detail));
		w.name("code");
		w.number(e.code());
		w.name("statusCode");
		w.number(e.statusCode());
		w.field("message", e.message());
		w.field("href", e.href());
		w.field("requestId", e.requestId());
		w.field("cause", e.cause(), this);
		w.field("detail", detail);
		w.endMap();
	}

	@Override
	public ErrorInfo read(WireReader r) {
		int code = 0;
		int statusCode = 0;
		String message = null;
		String href = null;
		String requestId = null;
		ErrorInfo cause = null;
		Map<String, String> detail = null;
		if (r.peek() == WireReader.ValueType.STRING) {
			// Some peers send a bare message; keep it rather than fail the whole frame.
			return ErrorInfo.of(0, 0, r.readString());
		}
		r.beginMap();
		for (String name = r.nextName(); name != null; name = r.nextName()) {
			switch (name) {
				case "code" -> code = r.readInt();
				case "statusCode" -> statusCode = r.readInt();
				case "message" -> message = readText(r);
				case "href" -> href = readText(r);
				case "requestId" -> requestId = readText(r);
				case "cause" -> cause = read(r);
				case "detail" -> detail = r.readStringMap();
				default -> r.skipValue();
			}
		}
		return new ErrorInfo(code, statusCode, message, href, requestId, cause, detail);
	}

	private static @Nullable String readText(WireReader r) {
		return r.peek() == WireReader.ValueType.STRING ? r.readString() : r.readJson().toString();
	}
}
