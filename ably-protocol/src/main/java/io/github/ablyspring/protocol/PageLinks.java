package io.github.ablyspring.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The paging links of a paginated REST response (TG1), carried in the HTTP {@code Link} header (RFC 8288) as
 * URI references relative to the request, e.g. {@code <./messages?start=0&limit=100>; rel="next"}. A response
 * without the header simply has no links (TG2). Parsing never throws: unparseable parts of a header are ignored.
 *
 * @param first the relative URL of the first page (TG5)
 * @param current the relative URL of this page
 * @param next the relative URL of the next page, absent on the last page (TG4)
 */
public record PageLinks(@Nullable String first, @Nullable String current, @Nullable String next) {

	public static final PageLinks NONE = new PageLinks(null, null, null);

	/** Whether there is a further page (TG6). */
	public boolean hasNext() {
		return next != null;
	}

	/** Whether this is the last page (TG7). */
	public boolean isLast() {
		return next == null;
	}

	public boolean isEmpty() {
		return first == null && current == null && next == null;
	}

	/** The links of one {@code Link} header value, which may hold several comma-separated links. */
	public static PageLinks fromHeader(@Nullable String header) {
		return fromHeaders(header == null ? List.of() : List.of(header));
	}

	/** The links of all the {@code Link} headers of a response; the first link of each relation wins. */
	public static PageLinks fromHeaders(@Nullable Iterable<String> headers) {
		Builder links = new Builder();
		if (headers != null) {
			for (String header : headers) {
				if (header != null) {
					new LinkParser(header, links).parse();
				}
			}
		}
		return links.build();
	}

	/**
	 * The {@code Link} header value for these links, as the embedded server sends it; empty when there are none
	 * (then send no header). A {@code >} inside a URL is percent-encoded as it would end the reference.
	 */
	public String format() {
		List<String> parts = new ArrayList<>(3);
		append(parts, first, "first");
		append(parts, current, "current");
		append(parts, next, "next");
		return String.join(", ", parts);
	}

	private static void append(List<String> parts, @Nullable String url, String rel) {
		if (url != null) {
			parts.add('<' + url.replace(">", "%3E") + ">; rel=\"" + rel + '"');
		}
	}

	/**
	 * Resolves a link against the path of the request that returned it, relative to that path's directory as a
	 * browser would (RFC 3986 section 5.2): {@code /channels/foo/messages} with {@code ./messages?x=1} gives
	 * {@code /channels/foo/messages?x=1}. Absolute paths come back normalised; absolute URLs come back unchanged.
	 */
	public static String resolve(String requestPath, String link) {
		String ref = link.trim();
		if (hasScheme(ref) || ref.startsWith("//")) {
			return ref;
		}
		String base = stripQuery(requestPath.trim());
		if (base.isEmpty()) {
			base = "/";
		}
		if (ref.isEmpty()) {
			return requestPath.trim();
		}
		if (ref.startsWith("?")) {
			return base + ref;
		}
		String merged = ref.startsWith("/") ? ref : base.substring(0, base.lastIndexOf('/') + 1) + ref;
		int suffix = indexOfQueryOrFragment(merged);
		return removeDotSegments(merged.substring(0, suffix)) + merged.substring(suffix);
	}

	private static boolean hasScheme(String ref) {
		int colon = ref.indexOf(':');
		if (colon <= 0 || !Character.isLetter(ref.charAt(0))) {
			return false;
		}
		for (int i = 1; i < colon; i++) {
			char c = ref.charAt(i);
			if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
				return false;
			}
		}
		// A colon after the first slash or query belongs to the path, not a scheme.
		int end = indexOfQueryOrFragment(ref);
		int slash = ref.indexOf('/');
		return colon < end && (slash < 0 || colon < slash);
	}

	private static String stripQuery(String path) {
		return path.substring(0, indexOfQueryOrFragment(path));
	}

	private static int indexOfQueryOrFragment(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '?' || c == '#') {
				return i;
			}
		}
		return s.length();
	}

	private static String removeDotSegments(String path) {
		String[] segments = path.split("/", -1);
		// Never climb above the root: the leading empty segment of an absolute path stays.
		int floor = path.startsWith("/") ? 1 : 0;
		List<String> out = new ArrayList<>(segments.length);
		for (int i = 0; i < segments.length; i++) {
			String segment = segments[i];
			boolean last = i == segments.length - 1;
			if (segment.equals(".")) {
				if (last) {
					out.add("");
				}
			}
			else if (segment.equals("..")) {
				if (out.size() > floor) {
					out.remove(out.size() - 1);
				}
				if (last) {
					out.add("");
				}
			}
			else {
				out.add(segment);
			}
		}
		return String.join("/", out);
	}

	/** Collects the first link seen for each relation of interest. */
	private static final class Builder {

		private @Nullable String first;

		private @Nullable String current;

		private @Nullable String next;

		void add(String url, String rel) {
			switch (rel.toLowerCase(Locale.ROOT)) {
				case "first" -> first = first == null ? url : first;
				case "current" -> current = current == null ? url : current;
				case "next" -> next = next == null ? url : next;
				default -> {
				}
			}
		}

		PageLinks build() {
			return (first == null && current == null && next == null) ? NONE : new PageLinks(first, current, next);
		}
	}

	/**
	 * A forgiving scanner over {@code link-value *( "," link-value )}: a value that does not start with
	 * {@code <uri>} or has junk where a parameter should be is skipped up to the next top-level comma.
	 */
	private static final class LinkParser {

		private final String s;

		private final Builder links;

		private int i;

		LinkParser(String s, Builder links) {
			this.s = s;
			this.links = links;
		}

		void parse() {
			while (true) {
				skipWhitespaceAndCommas();
				if (i >= s.length()) {
					return;
				}
				if (s.charAt(i) != '<') {
					skipToNextLink();
					continue;
				}
				int close = s.indexOf('>', i + 1);
				if (close < 0) {
					return;
				}
				String url = s.substring(i + 1, close).trim();
				i = close + 1;
				String rel = parseParams();
				if (rel != null && !url.isEmpty()) {
					for (String type : rel.trim().split("\\s+")) {
						if (!type.isEmpty()) {
							links.add(url, type);
						}
					}
				}
			}
		}

		/** The parameters after a URI; the {@code rel} value (the first one only, per RFC 8288), or null. */
		private @Nullable String parseParams() {
			String rel = null;
			while (true) {
				skipWhitespace();
				if (i >= s.length() || s.charAt(i) == ',') {
					return rel;
				}
				if (s.charAt(i) != ';') {
					skipToNextLink();
					return null;
				}
				i++;
				skipWhitespace();
				String name = token();
				skipWhitespace();
				String value = null;
				if (i < s.length() && s.charAt(i) == '=') {
					i++;
					skipWhitespace();
					value = (i < s.length() && s.charAt(i) == '"') ? quoted() : token();
				}
				if (rel == null && value != null && name.equalsIgnoreCase("rel")) {
					rel = value;
				}
			}
		}

		private String token() {
			int start = i;
			while (i < s.length()) {
				char c = s.charAt(i);
				if (c == ';' || c == ',' || c == '=' || c == '"' || Character.isWhitespace(c)) {
					break;
				}
				i++;
			}
			return s.substring(start, i);
		}

		private String quoted() {
			StringBuilder sb = new StringBuilder();
			i++;
			while (i < s.length()) {
				char c = s.charAt(i++);
				if (c == '"') {
					return sb.toString();
				}
				if (c == '\\' && i < s.length()) {
					c = s.charAt(i++);
				}
				sb.append(c);
			}
			// Unterminated: keep what there is; the header has ended anyway.
			return sb.toString();
		}

		private void skipToNextLink() {
			boolean inQuotes = false;
			boolean inUri = false;
			for (; i < s.length(); i++) {
				char c = s.charAt(i);
				if (inQuotes) {
					if (c == '\\') {
						i++;
					}
					else if (c == '"') {
						inQuotes = false;
					}
				}
				else if (inUri) {
					inUri = c != '>';
				}
				else if (c == '"') {
					inQuotes = true;
				}
				else if (c == '<') {
					inUri = true;
				}
				else if (c == ',') {
					return;
				}
			}
		}

		private void skipWhitespace() {
			while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
				i++;
			}
		}

		private void skipWhitespaceAndCommas() {
			while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
				i++;
			}
		}
	}
}
