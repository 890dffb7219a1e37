/**
 * Push notification administration (RSH1): publish to a recipient, device registrations and channel subscriptions.
 */
@NullMarked
package io.github.ablyspring.client.push;

import org.jspecify.annotations.NullMarked;
