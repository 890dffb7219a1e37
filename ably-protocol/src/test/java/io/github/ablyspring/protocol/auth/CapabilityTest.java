package io.github.ablyspring.protocol.auth;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CapabilityTest {

	@Test
	void RSA9f_canonicalTextSortsResourcesAndOperationsWithoutWhitespace() {
		String text = "{ \"chat:*\" : [\"publish\", \"presence\", \"publish\"],\n \"*\": [\"subscribe\"], \"[*]*\": [\"*\"] }";

		assertThat(Capability.canonicalize(text))
			.isEqualTo("{\"*\":[\"subscribe\"],\"[*]*\":[\"*\"],\"chat:*\":[\"presence\",\"publish\"]}");
	}

	@Test
	void RSA9f_canonicalTextIsStableAndEqualityFollowsIt() {
		Capability a = Capability.parse("{\"b\":[\"subscribe\",\"publish\"],\"a\":[\"*\"]}");
		Capability b = Capability.of(Map.of("a", List.of("*"), "b", List.of("publish", "subscribe")));

		assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
		assertThat(Capability.parse(a.toJson())).isEqualTo(a);
		assertThat(a.toString()).isEqualTo(a.toJson());
		assertThat(a.resources()).containsOnlyKeys("a", "b");
	}

	@Test
	void RSA9f_canonicalTextEscapesJsonSpecialCharacters() {
		Capability capability = Capability.of(Map.of("quote\"d\\", List.of("publish")));

		assertThat(capability.toJson()).isEqualTo("{\"quote\\\"d\\\\\":[\"publish\"]}");
		assertThat(Capability.parse(capability.toJson())).isEqualTo(capability);
	}

	@Test
	void TK2b_defaultCapabilityAllowsEverythingOnUnqualifiedChannels() {
		assertThat(Capability.ALL.toJson()).isEqualTo("{\"*\":[\"*\"]}");
		assertThat(Capability.ALL.allows("any", "publish")).isTrue();
		assertThat(Capability.ALL.allows("ns:any", "history")).isTrue();
		assertThat(Capability.ALL.allows("[meta]log", "subscribe")).isFalse();
	}

	@Test
	void wildcardResourceMatchesChannelsWithoutQualifier() {
		Capability capability = Capability.parse("{\"*\":[\"subscribe\"]}");

		assertThat(capability.allows("room", "subscribe")).isTrue();
		assertThat(capability.allows("a:b:c", "subscribe")).isTrue();
		assertThat(capability.allows("[?rewind=1]room", "subscribe")).as("channel params are no qualifier").isTrue();
		assertThat(capability.allows("room", "publish")).isFalse();
		assertThat(capability.allows("[meta]log", "subscribe")).isFalse();
	}

	@Test
	void namespaceWildcardMatchesOnlyThatNamespace() {
		Capability capability = Capability.parse("{\"chat:*\":[\"publish\"]}");

		assertThat(capability.allows("chat:lobby", "publish")).isTrue();
		assertThat(capability.allows("chat:lobby:thread", "publish")).isTrue();
		assertThat(capability.allows("chat", "publish")).isFalse();
		assertThat(capability.allows("chatter:x", "publish")).isFalse();
		assertThat(capability.allows("other:lobby", "publish")).isFalse();
		assertThat(capability.allows("[meta]chat:lobby", "publish")).isFalse();
	}

	@Test
	void qualifiedResourcesMatchTheirQualifierAndAnyQualifierMatchesAll() {
		Capability meta = Capability.parse("{\"[meta]*\":[\"subscribe\"],\"[meta]log\":[\"history\"]}");
		Capability all = Capability.parse("{\"[*]*\":[\"*\"]}");

		assertThat(meta.allows("[meta]connection.lifecycle", "subscribe")).isTrue();
		assertThat(meta.allows("[meta]log", "history")).isTrue();
		assertThat(meta.allows("[meta]other", "history")).isFalse();
		assertThat(meta.allows("connection.lifecycle", "subscribe")).isFalse();
		assertThat(all.allows("[meta]log", "subscribe")).isTrue();
		assertThat(all.allows("plain", "presence")).isTrue();
		assertThat(all.allows("ns:x", "object-publish")).isTrue();
	}

	@Test
	void exactResourceMatchesOneChannelAndWildcardOperationGrantsAll() {
		Capability capability = Capability.parse("{\"room\":[\"*\"],\"lobby\":[\"subscribe\"]}");

		assertThat(capability.allows("room", "publish")).isTrue();
		assertThat(capability.allows("room", "presence")).isTrue();
		assertThat(capability.allows("room2", "publish")).isFalse();
		assertThat(capability.allows("lobby", "subscribe")).isTrue();
		assertThat(capability.allows("lobby", "publish")).isFalse();
	}

	@Test
	void subsetHoldsWhenEveryGrantIsCoveredByTheOther() {
		Capability key = Capability.parse("{\"*\":[\"publish\",\"subscribe\"],\"private:*\":[\"*\"]}");

		assertThat(Capability.parse("{\"room\":[\"subscribe\"]}").isSubsetOf(key)).isTrue();
		assertThat(Capability.parse("{\"ns:*\":[\"publish\"]}").isSubsetOf(key)).isTrue();
		assertThat(Capability.parse("{\"private:a:*\":[\"presence\",\"history\"]}").isSubsetOf(key)).isTrue();
		assertThat(Capability.parse("{\"private:x\":[\"*\"]}").isSubsetOf(key)).isTrue();
		assertThat(key.isSubsetOf(key)).isTrue();
		assertThat(Capability.parse("{}").isSubsetOf(key)).isTrue();
	}

	@Test
	void subsetFailsWhenAnythingIsWider() {
		Capability key = Capability.parse("{\"chat:*\":[\"publish\",\"subscribe\"]}");

		assertThat(Capability.parse("{\"chat:x\":[\"presence\"]}").isSubsetOf(key)).isFalse();
		assertThat(Capability.parse("{\"*\":[\"publish\"]}").isSubsetOf(key)).isFalse();
		assertThat(Capability.parse("{\"chat:x\":[\"*\"]}").isSubsetOf(key)).isFalse();
		assertThat(Capability.parse("{\"[meta]chat:x\":[\"publish\"]}").isSubsetOf(key)).isFalse();
		assertThat(Capability.ALL.isSubsetOf(key)).isFalse();
		assertThat(Capability.parse("{\"[*]*\":[\"*\"]}").isSubsetOf(Capability.ALL)).isFalse();
		assertThat(Capability.ALL.isSubsetOf(Capability.parse("{\"[*]*\":[\"*\"]}"))).isTrue();
	}

	@Test
	void badCapabilityJsonIsRejectedWithBadRequest() {
		assertInvalid("{\"room\":[\"publish\"", "not valid JSON");
		assertInvalid("not json", "not valid JSON");
		assertInvalid("{\"room\":[\"publish\"]} trailing", "not valid JSON");
		assertInvalid("[\"publish\"]", "expected a JSON object");
		assertInvalid("\"x\"", "expected a JSON object");
		assertInvalid("", "");
		assertInvalid("{\"room\":\"publish\"}", "'room' must be an array");
		assertInvalid("{\"room\":[1]}", "must be strings");
		assertInvalid("{\"room\":[]}", "'room' has no operations");
		assertInvalid("{\"room\":[\"\"]}", "empty operation");
		assertInvalid("{\"\":[\"publish\"]}", "must not be empty");
	}

	private static void assertInvalid(String json, String reason) {
		assertThatThrownBy(() -> Capability.parse(json)).isInstanceOfSatisfying(AblyException.class, ex -> {
			assertThat(ex.code()).isEqualTo(ErrorCodes.BAD_REQUEST);
			assertThat(ex.statusCode()).isEqualTo(400);
			assertThat(ex.getMessage()).startsWith("invalid capability: ").contains(reason);
		});
	}
}
