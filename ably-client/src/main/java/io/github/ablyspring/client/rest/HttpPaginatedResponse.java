package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.client.http.Blocking;
import io.github.ablyspring.client.http.RestResponse;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.PageLinks;
import io.github.ablyspring.protocol.codec.WireTypes;

/**
 * HP: the response of {@code AblyRest.request} (RSC19): its status, error (when not a success) and headers, and its
 * body as items, an array body giving one item per element (HP3). Paginated like {@link PaginatedResult}. Immutable.
 */
public final class HttpPaginatedResponse {

	private final int statusCode;

	private final HttpHeaders headers;

	private final List<JsonNode> items;

	private final @Nullable ErrorInfo error;

	private final PageLinks links;

	private final String requestPath;

	private final Function<String, CompletableFuture<HttpPaginatedResponse>> loader;

	public HttpPaginatedResponse(RestResponse response, String requestPath,
			Function<String, CompletableFuture<HttpPaginatedResponse>> loader) {
		this.statusCode = response.status();
		this.headers = HttpHeaders.readOnlyHttpHeaders(response.headers());
		boolean success = statusCode >= 200 && statusCode < 300;
		this.error = success ? null : response.errorInfo();
		this.items = success ? items(response) : List.of();
		this.links = response.links();
		this.requestPath = requestPath;
		this.loader = loader;
	}

	private static List<JsonNode> items(RestResponse response) {
		if (response.body().length == 0) {
			return List.of();
		}
		JsonNode body = response.decode(WireTypes.JSON);
		if (!body.isArray()) {
			return List.of(body);
		}
		List<JsonNode> items = new ArrayList<>(body.size());
		body.forEach(items::add);
		return List.copyOf(items);
	}

	/** HP4: the HTTP status. */
	public int statusCode() {
		return statusCode;
	}

	/** HP5: whether the status is 2xx. */
	public boolean success() {
		return error == null;
	}

	/** HP6: Ably's error code when not a success, else 0. */
	public int errorCode() {
		return error != null ? error.code() : 0;
	}

	/** HP7: Ably's error message when not a success, its {@code X-Ably-Errormessage} header first. */
	public @Nullable String errorMessage() {
		if (error == null) {
			return null;
		}
		String header = headers.getFirst("X-Ably-Errormessage");
		return header != null ? header : error.message();
	}

	/** HP8: the response headers. */
	public HttpHeaders headers() {
		return headers;
	}

	/** HP3: the items of the body. */
	public List<JsonNode> items() {
		return items;
	}

	public boolean hasNext() {
		return links.hasNext();
	}

	public boolean isLast() {
		return links.isLast();
	}

	public @Nullable HttpPaginatedResponse next() {
		return Blocking.await(load(links.next()));
	}

	public @Nullable HttpPaginatedResponse first() {
		return Blocking.await(load(links.first()));
	}

	private CompletableFuture<@Nullable HttpPaginatedResponse> load(@Nullable String link) {
		if (link == null) {
			return CompletableFuture.completedFuture(null);
		}
		return loader.apply(PageLinks.resolve(requestPath, link)).thenApply(page -> page);
	}

	@Override
	public String toString() {
		return "HttpPaginatedResponse[" + statusCode + ", " + items.size() + " items"
				+ (error != null ? ", error " + error.code() : "") + "]";
	}
}
