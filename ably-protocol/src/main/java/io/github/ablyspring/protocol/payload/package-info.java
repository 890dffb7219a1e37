/**
 * Message payload encoding (RSL4, RSL5) and decoding with partial results (RSL6).
 */
@NullMarked
package io.github.ablyspring.protocol.payload;

import org.jspecify.annotations.NullMarked;
