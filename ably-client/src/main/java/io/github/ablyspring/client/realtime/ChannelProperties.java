package io.github.ablyspring.client.realtime;

import org.jspecify.annotations.Nullable;

/** RTL15: the serials of a channel: of its last ATTACHED, and of the last thing received on it. */
public record ChannelProperties(@Nullable String attachSerial, @Nullable String channelSerial) {
}
