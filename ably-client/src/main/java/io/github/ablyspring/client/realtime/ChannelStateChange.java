package io.github.ablyspring.client.realtime;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.ErrorInfo;

/**
 * TH1-TH6: a channel state change; {@code resumed} is true when an ATTACHED continued the channel without loss
 * (RTL2f), {@code hasBacklog} when it announced a backlog of messages from a resume or rewind (RTL2i, TH6).
 */
public record ChannelStateChange(ChannelState previous, ChannelState current, ChannelEvent event,
		@Nullable ErrorInfo reason, boolean resumed, boolean hasBacklog) {

	public ChannelStateChange(ChannelState previous, ChannelState current, ChannelEvent event,
			@Nullable ErrorInfo reason, boolean resumed) {
		this(previous, current, event, reason, resumed, false);
	}
}
