/**
 * Push notification types of the REST API (PCD, PCP, PCS): device registrations and channel subscriptions.
 */
@NullMarked
package io.github.ablyspring.protocol.push;

import org.jspecify.annotations.NullMarked;
