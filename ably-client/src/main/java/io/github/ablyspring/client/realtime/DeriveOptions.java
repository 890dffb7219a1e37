package io.github.ablyspring.client.realtime;

import java.util.Objects;

/** DO2: options of a derived channel (RTS5): {@code filter} is a JMESPath-like expression the server applies. */
public record DeriveOptions(String filter) {

	public DeriveOptions {
		Objects.requireNonNull(filter, "filter");
	}
}
