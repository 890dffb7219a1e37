/**
 * REST channels (RSN, RSL): publish, history and paginated results (TG).
 */
@NullMarked
package io.github.ablyspring.client.rest;

import org.jspecify.annotations.NullMarked;
