package io.github.ablyspring.client.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.ablyspring.client.AblyRest;
import io.github.ablyspring.client.support.ScriptedPeer;
import io.github.ablyspring.client.support.ScriptedPeer.Received;
import io.github.ablyspring.client.support.ScriptedPeer.Reply;
import io.github.ablyspring.client.support.UtsPeer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code uts/rest/unit/channel/rest_channel_attributes.md} (RSL8, RSL9, CHD2, CHS2, CHO2, CHM2), line by line. Not
 * translated: RSL7 {@code setOptions}: a REST channel's options are fixed; {@code channels().get(name, options)}
 * (RSN3c) replaces the channel instead.
 */
class RestChannelAttributesUnitTest {

	private static final String KEY = "appId.keyId:keySecret";

	private final List<AutoCloseable> resources = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable r : resources) {
			r.close();
		}
	}

	private ScriptedPeer peer(Function<Received, Reply> script) throws Exception {
		ScriptedPeer peer = ScriptedPeer.start("127.0.0.1", 0, script);
		resources.add(peer);
		return peer;
	}

	private AblyRest client(ScriptedPeer peer) {
		AblyRest rest = new AblyRest(UtsPeer.options(peer).key(KEY).build());
		resources.add(rest);
		return rest;
	}

	private static Reply status(String channelId, boolean active, String metrics) {
		return Reply.json(200, "{\"channelId\":\"" + channelId + "\",\"status\":{\"isActive\":" + active
				+ ",\"occupancy\":{\"metrics\":{" + metrics + "}}}}");
	}

	private static final String ZEROS = "\"connections\":0,\"publishers\":0,\"subscribers\":0,"
			+ "\"presenceConnections\":0,\"presenceMembers\":0,\"presenceSubscribers\":0";

	@Test
	void RSL9_channelName() {
		try (AblyRest client = new AblyRest(io.github.ablyspring.client.ClientOptions.builder().key(KEY).build())) {
			assertThat(client.channels().get("my-channel").name()).isEqualTo("my-channel");
			assertThat(client.channels().get("namespace:channel-name").name()).isEqualTo("namespace:channel-name");
		}
	}

	@Test
	void RSL8_statusGetsTheChannelPath() throws Exception {
		ScriptedPeer peer = peer(r -> status("test-RSL8", true, ZEROS));

		client(peer).channels().get("test-RSL8").status();

		assertThat(peer.received().get(0).method()).isEqualTo("GET");
		assertThat(peer.received().get(0).path()).endsWith("/channels/test-RSL8");
	}

	@Test
	void RSL8_statusEncodesSpecialCharacters() throws Exception {
		ScriptedPeer peer = peer(r -> status("namespace:my channel", true, ZEROS));

		client(peer).channels().get("namespace:my channel").status();

		assertThat(peer.received().get(0).method()).isEqualTo("GET");
		// encodeURIComponent leaves neither ':' nor ' ' as they are.
		assertThat(peer.received().get(0).path()).endsWith("/channels/namespace%3Amy%20channel");
	}

	@Test
	void RSL8a_statusReturnsChannelDetails() throws Exception {
		ScriptedPeer peer = peer(r -> status("test-RSL8a", true, "\"connections\":5,\"publishers\":2,"
				+ "\"subscribers\":3,\"presenceConnections\":1,\"presenceMembers\":1,\"presenceSubscribers\":0"));

		ChannelDetails result = client(peer).channels().get("test-RSL8a").status();

		assertThat(result.channelId()).isEqualTo("test-RSL8a");
		assertThat(result.isActive()).isTrue();
		assertThat(result.metric("connections")).isEqualTo(5);
		assertThat(result.metric("publishers")).isEqualTo(2);
		assertThat(result.metric("subscribers")).isEqualTo(3);
	}

	@Test
	void CHD2_CHS2_CHO2_CHM2_allMetricFieldsAreParsed() throws Exception {
		ScriptedPeer peer = peer(r -> status("test-CHM2-all-fields", true, "\"connections\":10,"
				+ "\"presenceConnections\":7,\"presenceMembers\":4,\"presenceSubscribers\":3,\"publishers\":6,"
				+ "\"subscribers\":8,\"objectPublishers\":2,\"objectSubscribers\":5"));

		ChannelDetails result = client(peer).channels().get("test-CHM2-all-fields").status();

		assertThat(result.channelId()).isEqualTo("test-CHM2-all-fields");
		assertThat(result.isActive()).isTrue();
		assertThat(result.metric("connections")).isEqualTo(10);
		assertThat(result.metric("presenceConnections")).isEqualTo(7);
		assertThat(result.metric("presenceMembers")).isEqualTo(4);
		assertThat(result.metric("presenceSubscribers")).isEqualTo(3);
		assertThat(result.metric("publishers")).isEqualTo(6);
		assertThat(result.metric("subscribers")).isEqualTo(8);
		assertThat(result.metric("objectPublishers")).isEqualTo(2);
		assertThat(result.metric("objectSubscribers")).isEqualTo(5);
	}

	@Test
	void CHM2_zeroAndMissingMetricsAreZero() throws Exception {
		ScriptedPeer peer = peer(r -> status("test-CHM2-defaults", false, ZEROS));

		ChannelDetails result = client(peer).channels().get("test-CHM2-defaults").status();

		assertThat(result.channelId()).isEqualTo("test-CHM2-defaults");
		assertThat(result.isActive()).isFalse();
		for (String metric : List.of("connections", "presenceConnections", "presenceMembers", "presenceSubscribers",
				"publishers", "subscribers", "objectPublishers", "objectSubscribers")) {
			assertThat(result.metric(metric)).as(metric).isZero();
		}
	}
}
