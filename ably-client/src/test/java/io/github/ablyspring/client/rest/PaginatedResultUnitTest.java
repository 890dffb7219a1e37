package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.client.support.UtsPeer;
import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.PresenceMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code uts/rest/unit/types/paginated_result.md} (TG1-TG4), line by line, against a scripted peer. The case with
 * {@code restHost: "rest.ably.io"} checks the path and query of the next page on the peer instead.
 */
class PaginatedResultUnitTest {

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	/** A peer answering the n-th request with the n-th reply (the last one repeats). */
	private ScriptedPeer peer(Reply... replies) throws Exception {
		AtomicInteger count = new AtomicInteger();
		ScriptedPeer peer = ScriptedPeer.start("127.0.0.1", 0,
				r -> replies[Math.min(count.getAndIncrement(), replies.length - 1)]);
		resources.add(peer);
		return peer;
	}

	private RestChannel channel(ScriptedPeer peer) {
		AblyRest rest = new AblyRest(UtsPeer.options(peer).key("appId.keyId:keySecret").build());
		resources.add(rest);
		return rest.channels().get("test");
	}

	private static Reply page(String body, String link) {
		return link == null ? Reply.json(200, body)
				: new Reply(200, Map.of("Content-Type", "application/json", "Link", link), body.getBytes());
	}

	private static String query(Received r, String name) {
		for (String pair : r.query().split("&")) {
			String[] kv = pair.split("=", 2);
			if (kv[0].equals(name)) {
				return kv[1];
			}
		}
		return null;
	}

	@Test
	void TG1_items() throws Exception {
		ScriptedPeer peer = peer(page("[{\"id\":\"item1\",\"name\":\"e1\",\"data\":\"d1\"},"
				+ "{\"id\":\"item2\",\"name\":\"e2\",\"data\":\"d2\"}]", null));

		PaginatedResult<Message> result = channel(peer).history();

		assertThat(result.items()).hasSize(2);
		assertThat(result.items().get(0).id()).isEqualTo("item1");
		assertThat(result.items().get(1).id()).isEqualTo("item2");
	}

	@Test
	void TG2_hasNextAndIsLast() throws Exception {
		PaginatedResult<Message> more = channel(peer(page("[{\"id\":\"item1\"}]",
				"</channels/test/messages?cursor=next123>; rel=\"next\""))).history();
		PaginatedResult<Message> last = channel(peer(page("[{\"id\":\"item1\"}]", null))).history();

		assertThat(more.hasNext()).isTrue();
		assertThat(more.isLast()).isFalse();
		assertThat(last.hasNext()).isFalse();
		assertThat(last.isLast()).isTrue();
	}

	@Test
	void TG3_next() throws Exception {
		ScriptedPeer peer = peer(page("[{\"id\":\"page1-item1\"},{\"id\":\"page1-item2\"}]",
				"</channels/test/messages?cursor=abc123>; rel=\"next\""), page("[{\"id\":\"page2-item1\"}]", null));

		PaginatedResult<Message> page1 = channel(peer).history();
		PaginatedResult<Message> page2 = page1.next();

		assertThat(page1.items()).extracting(Message::id).containsExactly("page1-item1", "page1-item2");
		assertThat(page1.hasNext()).isTrue();
		assertThat(page2.items()).extracting(Message::id).containsExactly("page2-item1");
		assertThat(page2.hasNext()).isFalse();
		assertThat(query(peer.received().get(1), "cursor")).isEqualTo("abc123");
	}

	@Test
	void TG4_first() throws Exception {
		ScriptedPeer peer = peer(page("[{\"id\":\"item1\"}]", "</channels/test/messages?cursor=next>; rel=\"next\", "
				+ "</channels/test/messages>; rel=\"first\""),
				page("[{\"id\":\"item2\"}]", "</channels/test/messages>; rel=\"first\""),
				page("[{\"id\":\"item1\"}]", "</channels/test/messages?cursor=next>; rel=\"next\""));

		PaginatedResult<Message> page2 = channel(peer).history().next();
		PaginatedResult<Message> first = page2.first();

		assertThat(first.items().get(0).id()).isEqualTo("item1");
	}

	@Test
	void TG_emptyResult() throws Exception {
		PaginatedResult<Message> result = channel(peer(page("[]", null))).history();

		assertThat(result.items()).isEmpty();
		assertThat(result.hasNext()).isFalse();
		assertThat(result.isLast()).isTrue();
	}

	@Test
	void TG_linkHeaderParsing() throws Exception {
		String[] links = { "</path?cursor=abc>; rel=\"next\"", "</path?cursor=abc>; rel=\"next\", </path>; rel=\"first\"",
				"</path>; rel=\"first\"", null };
		boolean[] hasNext = { true, true, false, false };
		for (int i = 0; i < links.length; i++) {
			assertThat(channel(peer(page("[{\"id\":\"item\"}]", links[i]))).history().hasNext()).as(links[i])
				.isEqualTo(hasNext[i]);
		}
	}

	@Test
	void TG_itemsAreMessages() throws Exception {
		PaginatedResult<Message> result = channel(peer(page("[{\"id\":\"msg1\",\"name\":\"event\",\"data\":\"test\"}]",
				null))).history();

		assertThat(result.items().get(0)).isInstanceOf(Message.class);
	}

	@Test
	void TG_nextOnTheLastPage() throws Exception {
		PaginatedResult<Message> result = channel(peer(page("[{\"id\":\"item\"}]", null))).history();

		assertThat(result.isLast()).isTrue();
		PaginatedResult<Message> next = result.next();
		assertThat(next == null || next.items().isEmpty()).isTrue();
	}

	@Test
	void TG_paginationKeepsTheAuthentication() throws Exception {
		ScriptedPeer peer = peer(page("[{\"id\":\"item1\"}]", "</channels/test/messages?cursor=next>; rel=\"next\""),
				page("[{\"id\":\"item2\"}]", null));

		channel(peer).history().next();

		assertThat(peer.received().get(0).header("Authorization")).isNotNull()
			.isEqualTo(peer.received().get(1).header("Authorization"));
	}

	@Test
	void TG_paginationWithRelativeUrls() throws Exception {
		ScriptedPeer peer = peer(page("[{\"id\":\"item1\"}]", "</channels/test/messages?page=2>; rel=\"next\""),
				page("[{\"id\":\"item2\"}]", null));

		channel(peer).history().next();

		assertThat(peer.received().get(1).path()).isEqualTo("/channels/test/messages");
		assertThat(query(peer.received().get(1), "page")).isEqualTo("2");
	}

	@Test
	void TG_multipleLinkRelations() throws Exception {
		PaginatedResult<Message> result = channel(peer(page("[{\"id\":\"item1\"}]",
				"</channels/test/messages?page=2>; rel=\"next\", </channels/test/messages?page=1>; rel=\"first\", "
						+ "</channels/test/messages?page=5>; rel=\"last\""))).history();

		assertThat(result.hasNext()).isTrue();
	}

	@Test
	void TG_paginationOfPresence() throws Exception {
		ScriptedPeer peer = peer(page("[{\"action\":1,\"clientId\":\"client1\"}]",
				"</channels/test/presence?page=2>; rel=\"next\""), page("[{\"action\":1,\"clientId\":\"client2\"}]", null));

		PaginatedResult<PresenceMessage> page1 = channel(peer).presence().get();
		PaginatedResult<PresenceMessage> page2 = page1.next();

		assertThat(page1.items().get(0).clientId()).isEqualTo("client1");
		assertThat(page2.items().get(0).clientId()).isEqualTo("client2");
	}

	@Test
	void TG_paginationSendsTheAblyHeaders() throws Exception {
		ScriptedPeer peer = peer(page("[{\"id\":\"item1\"}]", "</channels/test/messages?cursor=next>; rel=\"next\""),
				page("[{\"id\":\"item2\"}]", null));

		channel(peer).history().next();

		Received next = peer.received().get(1);
		assertThat(next.header("X-Ably-Version")).isNotNull();
		assertThat(next.header("Ably-Agent")).contains("ably-");
	}

	@Test
	void TG_errorOnNext() throws Exception {
		ScriptedPeer peer = peer(page("[{\"id\":\"item1\"}]", "</channels/test/messages?cursor=invalid>; rel=\"next\""),
				UtsPeer.error(404, 40400, "Not found"));
		PaginatedResult<Message> page1 = channel(peer).history();

		AblyException error = catchThrowableOfType(AblyException.class, page1::next);

		assertThat(error.errorInfo().statusCode()).isEqualTo(404);
		assertThat(error.code()).isEqualTo(40400);
	}
}
