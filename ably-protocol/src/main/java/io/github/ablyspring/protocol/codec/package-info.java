/**
 * Streaming JSON and msgpack codecs for the wire types; decoding throws only {@link io.github.ablyspring.protocol.codec.CodecException}.
 */
@NullMarked
package io.github.ablyspring.protocol.codec;

import org.jspecify.annotations.NullMarked;
