package io.github.ablyspring.client.rest;

import java.util.List;

import io.github.ablyspring.protocol.Message;

/** BSP2: messages to publish to every one of {@code channels} (RSC22). */
public record BatchPublishSpec(List<String> channels, List<Message> messages) {

	public BatchPublishSpec {
		if (channels.isEmpty() || messages.isEmpty()) {
			throw new IllegalArgumentException("a batch publish spec needs channels and messages");
		}
		channels = List.copyOf(channels);
		messages = List.copyOf(messages);
	}
}
