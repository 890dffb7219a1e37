package io.github.ablyspring.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * RSC7d, RTN2g: this library's agent entry, {@code ably-spring/<version> jre/<java version>}, sent by REST requests
 * ({@code Ably-Agent}) and realtime connections ({@code agent}); {@link ClientOptions#agent(String)} appends the
 * application's entries.
 */
public final class LibraryAgent {

	public static final String VALUE = "ably-spring/" + version() + " jre/" + System.getProperty("java.version");

	private LibraryAgent() {
	}

	/** The version Maven filtered into {@code ably-client.properties}, or {@code unknown}. */
	private static String version() {
		try (InputStream in = LibraryAgent.class
			.getResourceAsStream("/io/github/ablyspring/client/ably-client.properties")) {
			if (in != null) {
				Properties p = new Properties();
				p.load(in);
				String v = p.getProperty("version");
				if (v != null && !v.isBlank() && !v.startsWith("${")) {
					return v;
				}
			}
		}
		catch (IOException ex) {
			// fall through: the agent still names the library
		}
		return "unknown";
	}
}
