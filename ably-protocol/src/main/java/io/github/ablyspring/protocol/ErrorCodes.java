package io.github.ablyspring.protocol;

/**
 * The Ably error codes this project raises or inspects. Names follow the identifiers of Ably's
 * {@code errors.json} (ably-common); a test checks every constant against that file.
 */
public final class ErrorCodes {

	public static final int BAD_REQUEST = 40000;
	public static final int INVALID_REQUEST_BODY = 40001;
	public static final int INVALID_PARAMETER_VALUE = 40003;
	public static final int INVALID_CREDENTIAL = 40005;
	public static final int MAX_MESSAGE_SIZE_EXCEEDED = 40009;
	public static final int INVALID_CHANNEL_NAME = 40010;
	public static final int INVALID_CLIENT_ID = 40012;
	public static final int INVALID_DATA_OR_ENCODING = 40013;
	public static final int UNSUPPORTED_PROTOCOL_VERSION = 40017;
	public static final int DELTA_DECODING_FAILED = 40018;
	public static final int MISSING_PLUGIN = 40019;
	public static final int UNAUTHORIZED = 40100;
	public static final int INVALID_CREDENTIALS = 40101;
	public static final int INCOMPATIBLE_CREDENTIALS = 40102;
	public static final int TOKEN_REQUEST_TIMESTAMP_OUTSIDE_PERMITTED_WINDOW = 40104;
	public static final int NONCE_VALUE_REPLAYED = 40105;
	public static final int NO_VALID_AUTHENTICATION_METHOD_PROVIDED = 40106;
	public static final int KEY_ERROR = 40130;
	public static final int TOKEN_ERROR_UNSPECIFIED = 40140;
	public static final int TOKEN_REVOKED = 40141;
	public static final int TOKEN_EXPIRED = 40142;
	public static final int TOKEN_UNRECOGNIZED = 40143;
	public static final int INVALID_JWT = 40144;
	public static final int CAPABILITY_DENIED = 40160;
	public static final int ERROR_FROM_CLIENT_TOKEN_CALLBACK = 40170;
	public static final int TOKEN_RENEWAL_NOT_CONFIGURED = 40171;
	public static final int INTERNAL_ERROR = 50000;
	public static final int TIMEOUT_ERROR = 50003;
	public static final int CONNECTION_FAILED = 80000;
	public static final int CONNECTION_SUSPENDED = 80002;
	public static final int CONNECTION_DISCONNECTED = 80003;
	public static final int CONNECTION_TIMED_OUT = 80014;
	public static final int CONNECTION_CLOSED = 80017;
	public static final int INVALID_CONNECTION_KEY = 80018;
	public static final int TOKEN_REQUEST_FAILED = 80019;
	public static final int CHANNEL_OPERATION_FAILED = 90000;
	public static final int CHANNEL_OPERATION_FAILED_INVALID_CHANNEL_STATE = 90001;
	public static final int CHANNEL_OPERATION_TIMED_OUT = 90007;
	public static final int CANNOT_ENTER_PRESENCE_WITHOUT_A_CLIENT_ID = 91000;
	public static final int UNABLE_TO_AUTOMATICALLY_RE_ENTER_PRESENCE = 91004;
	public static final int PRESENCE_STATE_OUT_OF_SYNC = 91005;

	private ErrorCodes() {
	}
}
