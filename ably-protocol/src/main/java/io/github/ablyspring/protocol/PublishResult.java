package io.github.ablyspring.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** The serials of the messages of one published ProtocolMessage (PBR2a); a serial is null when conflated. */
public record PublishResult(List<@Nullable String> serials) {

	public PublishResult {
		// Not List.copyOf: serials may legitimately be null.
		serials = serials == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(serials));
	}
}
