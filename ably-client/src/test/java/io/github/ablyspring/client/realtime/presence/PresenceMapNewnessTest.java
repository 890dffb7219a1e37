package io.github.ablyspring.client.realtime.presence;

import org.junit.jupiter.api.Test;

import static io.github.ablyspring.client.realtime.presence.PresenceFixtures.presence;
import static io.github.ablyspring.protocol.PresenceAction.ENTER;
import static io.github.ablyspring.protocol.PresenceAction.LEAVE;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link PresenceNewness}, the comparison under {@link PresenceMap} and {@link LocalPresenceMap}. */
class PresenceMapNewnessTest {

	@Test
	void RTP2b1_synthesizedWhenConnectionIdIsNotAPrefixOfId() {
		assertThat(PresenceNewness.isSynthesized(presence(LEAVE, "a", "conn-1", "conn-1:1:0", 1))).isFalse();
		assertThat(PresenceNewness.isSynthesized(presence(LEAVE, "a", "conn-1", "other:1:0", 1))).isTrue();
		assertThat(PresenceNewness.isSynthesized(presence(LEAVE, "a", "conn-1", null, 1))).isTrue();
	}

	@Test
	void RTP2b2_serialsCompareNumericallyNotAsText() {
		assertThat(PresenceNewness.isNewer(presence(ENTER, "a", "c1", "c1:10:0", 1),
				presence(ENTER, "a", "c1", "c1:9:0", 1))).isTrue();
		assertThat(PresenceNewness.isNewer(presence(ENTER, "a", "c1", "c1:3:10", 1),
				presence(ENTER, "a", "c1", "c1:3:9", 1))).isTrue();
	}

	@Test
	void RTP2b1_eitherSynthesizedComparesByTimestamp() {
		// the existing one is synthesized this time: its serial-looking id must not be used
		assertThat(PresenceNewness.isNewer(presence(ENTER, "a", "c1", "c1:1:0", 200),
				presence(LEAVE, "a", "c1", "x:9:0", 100))).isTrue();
		assertThat(PresenceNewness.isNewer(presence(ENTER, "a", "c1", "c1:9:0", 100),
				presence(LEAVE, "a", "c1", "x:1:0", 200))).isFalse();
	}

	@Test
	void RTP2b1_malformedIdComparesByTimestamp() {
		assertThat(PresenceNewness.isNewer(presence(ENTER, "a", "c1", "c1:x:0", 200),
				presence(ENTER, "a", "c1", "c1:5:0", 100))).isTrue();
		assertThat(PresenceNewness.isNewer(presence(ENTER, "a", "c1", "c1", 100),
				presence(ENTER, "a", "c1", "c1:5:0", 200))).isFalse();
	}

	@Test
	void RTP17h_differentConnectionsCompareByTimestamp() {
		assertThat(PresenceNewness.isNewer(presence(ENTER, "a", "conn-B", "conn-B:0:0", 2000),
				presence(ENTER, "a", "conn-A", "conn-A:7:0", 1000))).isTrue();
		assertThat(PresenceNewness.isNewer(presence(ENTER, "a", "conn-B", "conn-B:9:0", 1000),
				presence(ENTER, "a", "conn-A", "conn-A:0:0", 2000))).isFalse();
	}
}
