package io.github.ablyspring.client.rest;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.ErrorInfo;

/**
 * The outcome of a batch publish on one channel: BPR2 (channel, messageId prefix, serials) or, with an
 * {@code error}, BPF2.
 */
public record BatchPublishResult(String channel, @Nullable String messageId, List<@Nullable String> serials,
		@Nullable ErrorInfo error) {

	public BatchPublishResult {
		serials = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(serials));
	}

	public boolean isSuccess() {
		return error == null;
	}
}
