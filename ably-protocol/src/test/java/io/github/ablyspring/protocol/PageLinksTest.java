package io.github.ablyspring.protocol;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PageLinksTest {

	private static final String FIRST = "./messages?start=0&end=1710410700000&limit=100&direction=backwards"
			+ "&format=msgpack&firstStart=0";

	private static final String CURRENT = FIRST + "&fromSerial=01710410690000-000@cbfa6Rjw:000";

	private static final String NEXT = "./messages?start=0&end=1710410600000&limit=100&direction=backwards"
			+ "&format=msgpack&firstStart=0&fromSerial=01710410600000-000@cbfa6Rjw:001";

	private static final String HISTORY_HEADER = "<" + FIRST + ">; rel=\"first\", <" + CURRENT + ">; rel=\"current\", <"
			+ NEXT + ">; rel=\"next\"";

	@Test
	void TG1_parsesFirstCurrentAndNextFromOneHeader() {
		PageLinks links = PageLinks.fromHeader(HISTORY_HEADER);

		assertThat(links.first()).isEqualTo(FIRST);
		assertThat(links.current()).isEqualTo(CURRENT);
		assertThat(links.next()).isEqualTo(NEXT);
		assertThat(links.hasNext()).isTrue();
		assertThat(links.isLast()).isFalse();
	}

	@Test
	void TG1_parsesLinksSpreadOverSeveralHeaders() {
		PageLinks links = PageLinks.fromHeaders(List.of("<" + FIRST + ">; rel=\"first\"",
				"<" + CURRENT + ">; rel=\"current\"", "<" + NEXT + ">;rel=next"));

		assertThat(links).isEqualTo(new PageLinks(FIRST, CURRENT, NEXT));
	}

	@Test
	void TG7_lastPageHasNoNext() {
		PageLinks links = PageLinks
			.fromHeader("<./stats?unit=hour&limit=2>; rel=\"first\", <./stats?unit=hour&limit=2>; rel=\"current\"");

		assertThat(links.first()).isEqualTo("./stats?unit=hour&limit=2");
		assertThat(links.next()).isNull();
		assertThat(links.hasNext()).isFalse();
		assertThat(links.isLast()).isTrue();
	}

	@Test
	void TG2_absentHeaderGivesNoLinks() {
		assertThat(PageLinks.fromHeader(null)).isEqualTo(PageLinks.NONE);
		assertThat(PageLinks.fromHeader("")).isEqualTo(PageLinks.NONE);
		assertThat(PageLinks.fromHeaders(null)).isEqualTo(PageLinks.NONE);
		assertThat(PageLinks.fromHeaders(List.of())).isEqualTo(PageLinks.NONE);
		assertThat(PageLinks.fromHeaders(Arrays.asList((String) null))).isEqualTo(PageLinks.NONE);
		assertThat(PageLinks.NONE.hasNext()).isFalse();
		assertThat(PageLinks.NONE.isEmpty()).isTrue();
	}

	@Test
	void TG1_relationsAreCaseInsensitiveAndMayBeCombined() {
		PageLinks links = PageLinks.fromHeader("<./a?p=1>; REL=\"First Current\", <./a?p=2>; title=\"x, y; z\"; rel=Next");

		assertThat(links).isEqualTo(new PageLinks("./a?p=1", "./a?p=1", "./a?p=2"));
	}

	@Test
	void TG1_firstLinkOfARelationWinsAndOnlyTheFirstRelParamCounts() {
		PageLinks links = PageLinks.fromHeader("<./a?p=1>; rel=\"next\"; rel=\"first\", <./a?p=2>; rel=\"next\"");

		assertThat(links).isEqualTo(new PageLinks(null, null, "./a?p=1"));
	}

	@Test
	void TG1_urlsMayHoldCommasAndSemicolons() {
		PageLinks links = PageLinks.fromHeader("<./a?x=1,2;3>; rel=\"next\"");

		assertThat(links.next()).isEqualTo("./a?x=1,2;3");
	}

	@Test
	void TG2_malformedPartsAreIgnored() {
		PageLinks links = PageLinks.fromHeader("garbage, ./no-brackets; rel=\"first\", <./a?p=1> junk; rel=\"current\""
				+ ", <>; rel=\"first\", <./a?p=2>; rel, <./a?p=3>; rel=\"next\"");

		assertThat(links).isEqualTo(new PageLinks(null, null, "./a?p=3"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "<", ">", "<./a", "<./a>; rel=\"next", ";;;", ",,,", "<./a>;", "<./a>; =", "\"<./a>\"",
			"<./a>; rel=\"\\", "\u0000<\u0000>", "   " })
	void TG2_malformedHeadersNeverThrow(String header) {
		assertThatNoException().isThrownBy(() -> PageLinks.fromHeader(header));
	}

	@Test
	void TG2_unterminatedQuotedRelStillCounts() {
		assertThat(PageLinks.fromHeader("<./a>; rel=\"next").next()).isEqualTo("./a");
	}

	@Test
	void TG4_resolvesDotRelativeLinkAgainstRequestDirectory() {
		assertThat(PageLinks.resolve("/channels/foo/messages", "./messages?x=1")).isEqualTo("/channels/foo/messages?x=1");
		assertThat(PageLinks.resolve("/channels/foo/presence", "./presence?limit=1"))
			.isEqualTo("/channels/foo/presence?limit=1");
		assertThat(PageLinks.resolve("/stats", "./stats?unit=hour")).isEqualTo("/stats?unit=hour");
	}

	@Test
	void TG4_resolutionIgnoresTheRequestQueryAndKeepsEncodedSegments() {
		assertThat(PageLinks.resolve("/channels/a%2Fb/messages?limit=10&direction=forwards", "./messages?x=1"))
			.isEqualTo("/channels/a%2Fb/messages?x=1");
	}

	@Test
	void TG4_resolvesOtherReferenceForms() {
		assertThat(PageLinks.resolve("/channels/foo/messages", "messages?x=1")).isEqualTo("/channels/foo/messages?x=1");
		assertThat(PageLinks.resolve("/channels/foo/messages", "../bar/messages?x=1"))
			.isEqualTo("/channels/bar/messages?x=1");
		assertThat(PageLinks.resolve("/channels/foo/messages", "../../../../x")).isEqualTo("/x");
		assertThat(PageLinks.resolve("/channels/foo/messages", "/stats?x=./y")).isEqualTo("/stats?x=./y");
		assertThat(PageLinks.resolve("/channels/foo/messages?a=1", "?x=1")).isEqualTo("/channels/foo/messages?x=1");
		assertThat(PageLinks.resolve("", "./stats?x=1")).isEqualTo("/stats?x=1");
		assertThat(PageLinks.resolve("/channels/foo/messages", "https://rest.ably.io/x?y=1"))
			.isEqualTo("https://rest.ably.io/x?y=1");
	}

	@Test
	void TG1_formatBuildsAHeaderThatParsesBack() {
		PageLinks links = new PageLinks(FIRST, CURRENT, NEXT);

		String header = links.format();

		assertThat(header).isEqualTo(HISTORY_HEADER);
		assertThat(PageLinks.fromHeader(header)).isEqualTo(links);
	}

	@Test
	void TG7_formatLeavesOutAbsentLinks() {
		assertThat(new PageLinks("./a?p=1", "./a?p=1", null).format())
			.isEqualTo("<./a?p=1>; rel=\"first\", <./a?p=1>; rel=\"current\"");
		assertThat(PageLinks.NONE.format()).isEmpty();
		assertThat(new PageLinks(null, null, "./a?q=>").format()).isEqualTo("<./a?q=%3E>; rel=\"next\"");
	}
}
