package io.github.ablyspring.client.rest;

import java.util.Map;

/**
 * RSL8a, CHD2: a channel's status as {@code GET /channels/{name}} reports it.
 *
 * @param channelId the channel name
 * @param isActive whether the channel is active (CHS2a)
 * @param occupancy the occupancy metrics (CHO2a, CHM2): connections, publishers, subscribers, presence counts...
 */
public record ChannelDetails(String channelId, boolean isActive, Map<String, Long> occupancy) {

	public ChannelDetails {
		occupancy = Map.copyOf(occupancy);
	}

	/** One occupancy metric, 0 when not reported. */
	public long metric(String name) {
		return occupancy.getOrDefault(name, 0L);
	}
}
