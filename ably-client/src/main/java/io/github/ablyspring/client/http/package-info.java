/**
 * The HTTP core of the REST client: host resolution (REC1, REC2), headers (RSC), error mapping and fallback retries (RSC15) on Spring's {@code RestClient}.
 */
@NullMarked
package io.github.ablyspring.client.http;

import org.jspecify.annotations.NullMarked;
