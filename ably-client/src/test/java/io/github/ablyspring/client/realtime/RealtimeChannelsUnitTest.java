package io.github.ablyspring.client.realtime;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ChannelMode;
import io.github.ablyspring.protocol.ChannelOptions;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.crypto.Crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * uts/realtime/unit/channels/channels_collection.md (RTS1-RTS4) and channel_options.md (TB2-TB4, RTS3b/c, RTS5,
 * RTL16, DO2a).
 */
class RealtimeChannelsUnitTest extends ChannelUnitTestSupport {

	private static final String KEY_256 = "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=";

	@Test
	void RTS1_theClientHasAChannelsCollection() {
		newClient();
		assertThat(client.channels()).isNotNull().isInstanceOf(RealtimeChannels.class);
	}

	@Test
	void RTS2_existsTellsWhetherAChannelWasCreated() {
		newClient();
		assertThat(client.channels().exists("test-RTS2")).isFalse();
		client.channels().get("test-RTS2");
		assertThat(client.channels().exists("test-RTS2")).isTrue();
		assertThat(client.channels().exists("test-RTS2-other")).isFalse();
	}

	@Test
	void RTS2_namesListsTheChannels() {
		newClient();
		client.channels().get("test-RTS2-a");
		client.channels().get("test-RTS2-b");
		client.channels().get("test-RTS2-c");
		assertThat(client.channels().names()).containsExactlyInAnyOrder("test-RTS2-a", "test-RTS2-b", "test-RTS2-c");
	}

	@Test
	void RTS3a_getCreatesANewChannelOnceAndThenReturnsIt() {
		newClient();
		RealtimeChannel first = client.channels().get("test-RTS3a");
		assertThat(first.name()).isEqualTo("test-RTS3a");
		assertThat(client.channels().exists("test-RTS3a")).isTrue();
		assertThat(client.channels().get("test-RTS3a")).isSameAs(first);
	}

	@Test
	void RTS4a_releaseRemovesTheChannel() {
		newClient();
		client.channels().get("test-RTS4a");
		await(client.channels().release("test-RTS4a"));
		assertThat(client.channels().exists("test-RTS4a")).isFalse();
	}

	@Test
	void RTS4a_releaseOfAnUnknownChannelIsANoOp() {
		newClient();
		await(client.channels().release("test-RTS4a-none"));
		assertThat(client.channels().exists("test-RTS4a-none")).isFalse();
	}

	@Test
	void RTS4a_releaseDetachesAnAttachedChannelFirst() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTS4a-attached");
		await(channel.attach());
		await(client.channels().release("test-RTS4a-attached"));
		assertThat(sent(ProtocolAction.DETACH)).hasSize(1);
		assertThat(channel.state()).isEqualTo(ChannelState.DETACHED);
		assertThat(client.channels().exists("test-RTS4a-attached")).isFalse();
	}

	@Test
	void RTS3a_getAfterReleaseMakesANewChannel() {
		newClient();
		RealtimeChannel first = client.channels().get("test-RTS3a-release");
		await(client.channels().release("test-RTS3a-release"));
		RealtimeChannel second = client.channels().get("test-RTS3a-release");
		assertThat(second).isNotSameAs(first);
		assertThat(second.name()).isEqualTo("test-RTS3a-release");
		assertThat(client.channels().exists("test-RTS3a-release")).isTrue();
	}

	// ---------------------------------------------------------------- channel_options.md

	@Test
	void TB2_TB4_defaultOptions() {
		ChannelOptions options = ChannelOptions.defaults();
		assertThat(options.cipher()).isNull();
		assertThat(options.params()).isEmpty();
		assertThat(options.modes()).isEmpty();
		assertThat(options.attachOnSubscribe()).isTrue();
		assertThat(ChannelOptions.builder().attachOnSubscribe(false).build().attachOnSubscribe()).isFalse();
	}

	@Test
	void TB2c_TB2d_paramsAndModes() {
		ChannelOptions options = ChannelOptions.builder().param("rewind", "1").param("delta", "vcdiff")
			.modes(ChannelMode.PUBLISH, ChannelMode.SUBSCRIBE).build();
		assertThat(options.params()).containsEntry("rewind", "1").containsEntry("delta", "vcdiff");
		assertThat(options.modes()).containsExactlyInAnyOrder(ChannelMode.PUBLISH, ChannelMode.SUBSCRIBE);
	}

	@Test
	void TB3_withCipherKey() {
		ChannelOptions options = ChannelOptions.withCipherKey(KEY_256);
		assertThat(options.cipher()).isNotNull();
		assertThat(options.cipher().algorithm()).isEqualToIgnoringCase("aes");
		assertThat(options.cipher().keyLength()).isEqualTo(256);
	}

	@Test
	void RTS3b_optionsOfANewChannel() {
		newClient();
		RealtimeChannel channel = client.channels().get("test-RTS3b",
				ChannelOptions.builder().param("rewind", "1").modes(ChannelMode.SUBSCRIBE).build());
		assertThat(channel.options().params()).containsEntry("rewind", "1");
		assertThat(channel.options().modes()).contains(ChannelMode.SUBSCRIBE);
	}

	@Test
	void RTS3c_optionsReplacedOnAnExistingChannel() {
		newClient();
		RealtimeChannel channel = client.channels().get("test-RTS3c",
				ChannelOptions.builder().attachOnSubscribe(false).build());
		RealtimeChannel same = client.channels().get("test-RTS3c", ChannelOptions.builder()
			.cipher(Crypto.getDefaultParams(KEY_256)).attachOnSubscribe(true).build());
		clock.settle();
		assertThat(same).isSameAs(channel);
		assertThat(channel.options().cipher()).isNotNull();
		assertThat(channel.options().attachOnSubscribe()).isTrue();
	}

	@Test
	void RTS3c1_getWithNewParamsOnAnAttachedChannelFails() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTS3c1");
		await(channel.attach());
		assertThatThrownBy(() -> client.channels().get("test-RTS3c1",
				ChannelOptions.builder().param("rewind", "1").build()))
			.isInstanceOfSatisfying(AblyException.class, ex -> assertThat(ex.errorInfo().code()).isEqualTo(40000));
		assertThat(channel.options().params()).isEmpty();
	}

	@Test
	void RTS3c1_getWithNewModesOnAnAttachingChannelFails() {
		connectedClient();
		RealtimeChannel channel = client.channels().get("test-RTS3c1-modes");
		channel.attach();
		awaitState(channel, ChannelState.ATTACHING);
		assertThatThrownBy(() -> client.channels().get("test-RTS3c1-modes",
				ChannelOptions.builder().modes(ChannelMode.SUBSCRIBE).build()))
			.isInstanceOfSatisfying(AblyException.class, ex -> assertThat(ex.errorInfo().code()).isEqualTo(40000));
	}

	@Test
	void RTL16_setOptionsReplacesTheOptions() {
		newClient();
		RealtimeChannel channel = client.channels().get("test-RTL16");
		await(channel.setOptions(ChannelOptions.builder().param("delta", "vcdiff").attachOnSubscribe(false).build()));
		assertThat(channel.options().params()).containsEntry("delta", "vcdiff");
		assertThat(channel.options().attachOnSubscribe()).isFalse();
	}

	@Test
	void RTL16a_setOptionsWithNewParamsReattaches() {
		connectedClient();
		serveAttachAndDetach();
		RealtimeChannel channel = client.channels().get("test-RTL16a");
		await(channel.attach());
		java.util.List<ChannelStateChange> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
		channel.on(changes::add);
		await(channel.setOptions(ChannelOptions.builder().param("rewind", "1").build()));
		assertThat(changes).anyMatch(c -> c.current() == ChannelState.ATTACHING);
		assertThat(channel.state()).isEqualTo(ChannelState.ATTACHED);
		assertThat(channel.options().params()).containsEntry("rewind", "1");
		assertThat(sent(ProtocolAction.ATTACH)).hasSize(2);
	}

	@Test
	void RTS5a_RTS5a1_derivedChannelNameCarriesTheBase64Filter() {
		newClient();
		RealtimeChannel channel = client.channels().getDerived("test-RTS5a1", new DeriveOptions("name == 'test'"));
		assertThat(channel.name()).isEqualTo("[filter=bmFtZSA9PSAndGVzdCc=]test-RTS5a1");
		assertThat(Base64.getDecoder().decode("bmFtZSA9PSAndGVzdCc=")).asString().isEqualTo("name == 'test'");
	}

	@Test
	void RTS5a2_derivedChannelNameCarriesTheParams() {
		newClient();
		RealtimeChannel channel = client.channels().getDerived("test-RTS5a2", new DeriveOptions("type == 'message'"),
				ChannelOptions.builder().param("rewind", "1").param("delta", "vcdiff").build());
		assertThat(channel.name()).endsWith("]test-RTS5a2");
		String qualifier = channel.name().substring(1, channel.name().indexOf(']'));
		assertThat(qualifier).startsWith("filter=").contains("?");
		Map<String, String> params = new LinkedHashMap<>();
		for (String pair : qualifier.substring(qualifier.indexOf('?') + 1).split("&")) {
			String[] kv = pair.split("=", 2);
			params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
		}
		assertThat(params).containsExactlyInAnyOrderEntriesOf(Map.of("rewind", "1", "delta", "vcdiff"));
	}

	@Test
	void RTS5_derivedChannelKeepsItsOptions() {
		newClient();
		RealtimeChannel channel = client.channels().getDerived("test-RTS5", new DeriveOptions("true"),
				ChannelOptions.builder().modes(ChannelMode.SUBSCRIBE).attachOnSubscribe(false).build());
		assertThat(channel.options().modes()).contains(ChannelMode.SUBSCRIBE);
		assertThat(channel.options().attachOnSubscribe()).isFalse();
	}

	@Test
	void DO2a_deriveOptionsKeepsTheFilter() {
		assertThat(new DeriveOptions("name == 'event' && data.count > 10").filter())
			.isEqualTo("name == 'event' && data.count > 10");
	}
}
