package io.github.ablyspring.client.rest;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.client.http.Blocking;
import io.github.ablyspring.protocol.PageLinks;

/**
 * One page of a paginated REST response (TG): its items and the links to the first and next pages, which are
 * resolved against the path of the request that returned them. Immutable.
 *
 * @param <T> the item type
 */
public final class PaginatedResult<T> {

	/** Loads the page at a path (with its query) already resolved against the request. */
	@FunctionalInterface
	public interface PageLoader<T> {

		CompletableFuture<PaginatedResult<T>> load(String pathAndQuery);
	}

	private final List<T> items;

	private final PageLinks links;

	private final String requestPath;

	private final PageLoader<T> loader;

	public PaginatedResult(List<T> items, PageLinks links, String requestPath, PageLoader<T> loader) {
		this.items = List.copyOf(items);
		this.links = links;
		this.requestPath = requestPath;
		this.loader = loader;
	}

	/** TG3: the items of this page. */
	public List<T> items() {
		return items;
	}

	/** TG6: whether there is a next page. */
	public boolean hasNext() {
		return links.hasNext();
	}

	/** TG7: whether this is the last page. */
	public boolean isLast() {
		return links.isLast();
	}

	/** TG4: the next page, or null on the last page. */
	public @Nullable PaginatedResult<T> next() {
		return Blocking.await(nextAsync());
	}

	public CompletableFuture<@Nullable PaginatedResult<T>> nextAsync() {
		return load(links.next());
	}

	/** TG5: the first page, or null when the response had no {@code first} link. */
	public @Nullable PaginatedResult<T> first() {
		return Blocking.await(firstAsync());
	}

	public CompletableFuture<@Nullable PaginatedResult<T>> firstAsync() {
		return load(links.first());
	}

	private CompletableFuture<@Nullable PaginatedResult<T>> load(@Nullable String link) {
		if (link == null) {
			return CompletableFuture.completedFuture(null);
		}
		return loader.load(PageLinks.resolve(requestPath, link)).thenApply(page -> page);
	}

	@Override
	public String toString() {
		return "PaginatedResult[" + items.size() + " items, hasNext=" + hasNext() + "]";
	}
}
