package io.github.ablyspring.client.rest;

import org.jspecify.annotations.Nullable;

/**
 * The result of an update, delete or append (UDR2): the serial of the new version, null when a later operation
 * superseded it before it was published (UDR2a).
 */
public record UpdateDeleteResult(@Nullable String versionSerial) {
}
