/**
 * The realtime transport: one WebSocket carrying protocol messages, behind a small interface so tests can script the
 * server side.
 */
@NullMarked
package io.github.ablyspring.client.realtime.transport;

import org.jspecify.annotations.NullMarked;
