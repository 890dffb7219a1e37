package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.ClientOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code uts/rest/unit/channels_collection.md} (RSN), line by line; no network. Java has no subscript operator, so
 * the "operator subscript" case is {@code get} twice.
 */
class ChannelsCollectionUnitTest {

	private final AblyRest client = new AblyRest(ClientOptions.builder().key("appId.keyId:keySecret").build());

	@AfterEach
	void close() {
		client.close();
	}

	private static String name(String spec) {
		return "test-" + spec + "-" + UUID.randomUUID();
	}

	@Test
	void RSN1_channelsCollectionOfTheClient() {
		assertThat(client.channels()).isNotNull().isInstanceOf(RestChannels.class);
	}

	@Test
	void RSN2_existsTellsObtainedChannels() {
		String name = name("RSN2");
		boolean before = client.channels().exists(name);
		client.channels().get(name);

		assertThat(before).isFalse();
		assertThat(client.channels().exists(name)).isTrue();
		assertThat(client.channels().exists(name("RSN2-other"))).isFalse();
	}

	@Test
	void RSN2_iterateTheChannels() {
		String a = name("RSN2-a");
		String b = name("RSN2-b");
		String c = name("RSN2-c");
		client.channels().get(a);
		client.channels().get(b);
		client.channels().get(c);

		List<String> names = new ArrayList<>();
		client.channels().forEach(ch -> names.add(ch.name()));

		assertThat(names).containsExactlyInAnyOrder(a, b, c);
	}

	@Test
	void RSN3a_getCreatesANewChannel() {
		String name = name("RSN3a");

		RestChannel channel = client.channels().get(name);

		assertThat(channel.name()).isEqualTo(name);
		assertThat(client.channels().exists(name)).isTrue();
	}

	@Test
	void RSN3a_getReturnsTheExistingChannel() {
		String name = name("RSN3a-existing");

		RestChannel first = client.channels().get(name);
		RestChannel second = client.channels().get(name);
		RestChannel third = client.channels().get(name);

		assertThat(first).isSameAs(second).isSameAs(third);
		assertThat(first.name()).isEqualTo(name);
	}

	@Test
	void RSN4a_releaseRemovesTheChannel() {
		String name = name("RSN4a");
		client.channels().get(name);
		assertThat(client.channels().exists(name)).isTrue();

		client.channels().release(name);

		assertThat(client.channels().exists(name)).isFalse();
	}

	@Test
	void RSN4b_releaseOfAnUnknownChannelIsANoOp() {
		String name = name("RSN4b");

		client.channels().release(name);

		assertThat(client.channels().exists(name)).isFalse();
	}

	@Test
	void RSN3a_getAfterReleaseCreatesANewChannel() {
		String name = name("RSN3a-release");
		RestChannel first = client.channels().get(name);
		client.channels().release(name);

		RestChannel second = client.channels().get(name);

		assertThat(second).isNotSameAs(first);
		assertThat(second.name()).isEqualTo(name);
		assertThat(client.channels().exists(name)).isTrue();
	}
}
