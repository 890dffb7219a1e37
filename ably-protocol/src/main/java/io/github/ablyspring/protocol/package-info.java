/**
 * Ably wire types (protocol v2 to v6): ProtocolMessage, Message, PresenceMessage, Annotation, ErrorInfo and friends.
 */
@NullMarked
package io.github.ablyspring.protocol;

import org.jspecify.annotations.NullMarked;
