/**
 * Channel encryption: cipher params (RSE1, RSE2) and AES-CBC with a random IV (RSL5).
 */
@NullMarked
package io.github.ablyspring.protocol.crypto;

import org.jspecify.annotations.NullMarked;
