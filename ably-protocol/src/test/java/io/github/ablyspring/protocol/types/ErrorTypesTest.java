package io.github.ablyspring.protocol.types;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.codec.WireCodec;
import io.github.ablyspring.protocol.codec.WireFormat;
import io.github.ablyspring.protocol.codec.WireTypes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code uts/rest/unit/types/error_types.md} (TI1-TI5), line by line. {@code ErrorInfo.cause} is an
 * {@link ErrorInfo}; an exception as cause belongs to the {@link AblyException} that carries the error (TI5 adapted).
 */
class ErrorTypesTest {

	private static ErrorInfo fromJson(String json) {
		return WireCodec.of(WireFormat.JSON).decode(json.getBytes(), WireTypes.ERROR_INFO);
	}

	@Test
	void TI1_TI5_errorInfoAttributes() {
		assertThat(ErrorInfo.of(40000, null).code()).isEqualTo(40000);
		assertThat(ErrorInfo.of(40100, 401, null).statusCode()).isEqualTo(401);
		assertThat(ErrorInfo.of(40000, 400, "Bad request: invalid parameter").message())
			.isEqualTo("Bad request: invalid parameter");
		assertThat(ErrorInfo.of(40000, null).withHref("https://help.ably.io/error/40000").href())
			.isEqualTo("https://help.ably.io/error/40000");
		IOException original = new IOException("Network failure");
		AblyException timeout = new AblyException(ErrorInfo.of(50003, 500, "Timeout"), original);
		assertThat(timeout.getCause()).isSameAs(original);
	}

	@Test
	void TI_errorInfoFromJson() {
		ErrorInfo error = fromJson("{\"code\":40100,\"statusCode\":401,\"message\":\"Token expired\","
				+ "\"href\":\"https://help.ably.io/error/40100\"}");

		assertThat(error.code()).isEqualTo(40100);
		assertThat(error.statusCode()).isEqualTo(401);
		assertThat(error.message()).isEqualTo("Token expired");
		assertThat(error.href()).isEqualTo("https://help.ably.io/error/40100");
	}

	@Test
	void TI_errorInfoWithANestedCause() {
		ErrorInfo error = fromJson("{\"code\":50000,\"statusCode\":500,\"message\":\"Internal error\","
				+ "\"cause\":{\"code\":50001,\"message\":\"Database connection failed\"}}");

		assertThat(error.code()).isEqualTo(50000);
		assertThat(error.cause()).isNotNull();
		assertThat(error.cause().code()).isEqualTo(50001);
		assertThat(error.cause().message()).isEqualTo("Database connection failed");
	}

	@Test
	void TI_ablyExceptionWrapsErrorInfo() {
		ErrorInfo info = ErrorInfo.of(40000, 400, "Bad request");

		AblyException exception = new AblyException(info);

		assertThat(exception.code()).isEqualTo(40000);
		assertThat(exception.statusCode()).isEqualTo(400);
		assertThat(exception.getMessage()).isEqualTo("Bad request");
		assertThat(exception.errorInfo()).isEqualTo(info);
	}

	@Test
	void TI_commonErrorCodes() {
		Object[][] cases = { { 40000, 400, "Bad request" }, { 40100, 401, "Unauthorized" },
				{ 40101, 401, "Invalid credentials" }, { 40140, 401, "Token error" }, { 40142, 401, "Token expired" },
				{ 40160, 401, "Invalid capability" }, { 40300, 403, "Forbidden" }, { 40400, 404, "Not found" },
				{ 50000, 500, "Internal server error" }, { 50003, 500, "Timeout" } };
		for (Object[] c : cases) {
			ErrorInfo error = ErrorInfo.of((int) c[0], (int) c[1], (String) c[2]);
			assertThat(error.code()).isEqualTo(c[0]);
			assertThat(error.statusCode()).isEqualTo(c[1]);
		}
	}

	@Test
	void TI_stringRepresentation() {
		String text = ErrorInfo.of(40100, 401, "Unauthorized: token expired").toString();

		assertThat(text).contains("40100").contains("401").contains("Unauthorized");
	}

	@Test
	void TI_equality() {
		ErrorInfo error1 = ErrorInfo.of(40000, 400, "Bad request");
		ErrorInfo error2 = ErrorInfo.of(40000, 400, "Bad request");
		ErrorInfo error3 = ErrorInfo.of(40100, 401, "Unauthorized");

		assertThat(error1).isEqualTo(error2);
		assertThat(error1).isNotEqualTo(error3);
	}
}
