package io.github.ablyspring.client.rest;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PresenceMessage;

/** The members of one channel in a batch presence request: BGR2 or, with an {@code error}, BGF2. */
public record BatchPresenceResult(String channel, List<PresenceMessage> presence, @Nullable ErrorInfo error) {

	public BatchPresenceResult {
		presence = List.copyOf(presence);
	}

	public boolean isSuccess() {
		return error == null;
	}
}
