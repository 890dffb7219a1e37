package io.github.ablyspring.client.rest;

import java.util.List;

/**
 * BAR2: the outcome of a batch operation: how many items succeeded and failed, and each item's result in request
 * order. A batch answered by Ably is a result even when some items failed; look at each item's {@code error}.
 *
 * @param <T> the item result type
 */
public record BatchResult<T>(int successCount, int failureCount, List<T> results) {

	public BatchResult {
		results = List.copyOf(results);
	}
}
