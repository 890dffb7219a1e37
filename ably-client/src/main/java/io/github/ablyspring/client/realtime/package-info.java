/**
 * The realtime client: {@link io.github.ablyspring.client.realtime.AblyRealtime}, its connection, channels and
 * presence. One event-loop thread per client owns all state; listeners run on an executor.
 */
@NullMarked
package io.github.ablyspring.client.realtime;

import org.jspecify.annotations.NullMarked;
