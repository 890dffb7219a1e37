/**
 * Presence member bookkeeping of the Realtime client: the channel's {@link PresenceMap} (RTP2, RTP18, RTP19)
 * and the {@link LocalPresenceMap} of this connection's own members (RTP17). Pure logic, no networking.
 */
@NullMarked
package io.github.ablyspring.client.realtime.presence;

import org.jspecify.annotations.NullMarked;
