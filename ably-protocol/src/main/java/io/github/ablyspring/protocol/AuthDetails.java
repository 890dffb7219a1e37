package io.github.ablyspring.protocol;

/** The credentials of an in-band {@code AUTH} ProtocolMessage (AD1, AD2). The token never appears in logs. */
public record AuthDetails(String accessToken) {

	@Override
	public String toString() {
		return "AuthDetails[accessToken=<redacted>]";
	}
}
