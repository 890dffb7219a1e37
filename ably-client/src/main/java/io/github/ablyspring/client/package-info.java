/**
 * The Ably REST client: {@link io.github.ablyspring.client.ClientOptions} (TO3) and {@link io.github.ablyspring.client.AblyRest}.
 */
@NullMarked
package io.github.ablyspring.client;

import org.jspecify.annotations.NullMarked;
