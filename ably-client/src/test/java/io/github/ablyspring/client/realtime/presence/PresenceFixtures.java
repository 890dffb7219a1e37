package io.github.ablyspring.client.realtime.presence;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;

/** Presence messages as the UTS pseudo code writes them. */
final class PresenceFixtures {

	private PresenceFixtures() {
	}

	static PresenceMessage presence(PresenceAction action, String clientId, String connectionId, @Nullable String id,
			long timestamp) {
		return presence(action, clientId, connectionId, id, timestamp, null);
	}

	static PresenceMessage presence(PresenceAction action, String clientId, String connectionId, @Nullable String id,
			long timestamp, @Nullable Object data) {
		return PresenceMessage.builder()
			.action(action)
			.clientId(clientId)
			.connectionId(connectionId)
			.id(id)
			.timestamp(timestamp)
			.data(data)
			.build();
	}
}
