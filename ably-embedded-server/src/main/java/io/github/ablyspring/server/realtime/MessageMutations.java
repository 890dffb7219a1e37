package io.github.ablyspring.server.realtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ChannelMode;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.server.auth.AuthContext;


/**
 * New versions of messages (RSL11-RSL15: get, versions, update, delete, append) and annotations (RSAN, TAN), served
 * by {@code rest/MessageVersionEndpoints} and {@code rest/AnnotationEndpoints}. Core loop only. Every channel allows
 * them (Ably asks for a {@code mutableMessages} namespace rule).
 */
public final class MessageMutations {

	private final RealtimeCore core;

	private final ChannelOperations ops;

	MessageMutations(RealtimeCore core, ChannelOperations ops) {
		this.core = core;
		this.ops = ops;
	}


	/** RSL11: the latest version of the message with {@code serial}; 40400/404 when there is none. */
	public Message messageBySerial(String channelName, String serial) {
		ServerChannel channel = ops.existing(channelName);
		Message m = channel == null ? null : channel.findInHistory(serial);
		if (m == null) {
			throw new AblyException(ErrorInfo.of(40400, 404, "no message with serial " + serial + " on channel "
					+ channelName));
		}
		return withVersion(m);
	}

	/** RSL14: every version of a message, oldest first: the original (as published) then each update. */
	public List<Message> messageVersions(String channelName, String serial) {
		Message latest = messageBySerial(channelName, serial);
		ServerChannel channel = ops.existing(channelName);
		List<Message> later = channel.laterVersions.getOrDefault(serial, List.of());
		List<Message> all = new ArrayList<>(later.size() + 1);
		all.add(later.isEmpty() ? latest : originals.getOrDefault(channelName + "\u0000" + serial, latest));
		all.addAll(later);
		return all;
	}

	/** The message as first published, kept once it has a later version (so versions can list it). */
	private final Map<String, Message> originals = new HashMap<>();

	/**
	 * RSL15: a new version of a message ({@code action} MESSAGE_UPDATE, MESSAGE_DELETE or MESSAGE_APPEND) from a
	 * PATCH body. Fields the body sets replace the latest version's (name, data with its encoding, extras); an
	 * append adds its data to the latest data (both text or both binary, same encoding). The new version gets a new
	 * serial, replaces the message in history (in its place) and is fanned out to subscribers; an append is fanned
	 * out as the appended fragment with action MESSAGE_APPEND, and kept in history as the whole message with
	 * action MESSAGE_UPDATE. Returns the version serial.
	 */
	public String updateMessage(String channelName, String serial, Message patch, AuthContext auth) {
		MessageAction action = patch.action() == null ? MessageAction.MESSAGE_UPDATE : patch.action();
		if (action != MessageAction.MESSAGE_UPDATE && action != MessageAction.MESSAGE_DELETE
				&& action != MessageAction.MESSAGE_APPEND) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400,
					"action must be message.update, message.delete or message.append, not " + action));
		}
		String operation = action == MessageAction.MESSAGE_DELETE ? "message-delete" : "message-update";
		Message current = messageBySerial(channelName, serial);
		boolean own = current.clientId() != null && current.clientId().equals(auth.impliedClientId());
		if (!auth.capability().allows(channelName, "publish") && !auth.capability().allows(channelName, operation + "-any")
				&& !(own && auth.capability().allows(channelName, operation + "-own"))) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.CAPABILITY_DENIED, 401,
					"permission denied: no " + operation + " capability on channel " + channelName));
		}
		Message n = WirePayloads.normalize(patch);
		long size = WirePayloads.size(n.name(), n.clientId(), n.data(), n.extras());
		if (size > core.settings.maxMessageSize()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.MAX_MESSAGE_SIZE_EXCEEDED, 400, "maximum message length "
					+ core.settings.maxMessageSize() + " bytes exceeded (" + size + " bytes)"));
		}
		ServerChannel channel = ops.channel(channelName);
		long now = core.now();
		String versionSerial = channel.nextSerial(0);
		io.github.ablyspring.protocol.MessageVersion asked = n.version();
		io.github.ablyspring.protocol.MessageVersion version = new io.github.ablyspring.protocol.MessageVersion(
				versionSerial, now,
				asked != null && asked.clientId() != null ? asked.clientId() : auth.impliedClientId(),
				asked == null ? null : asked.description(), asked == null ? null : asked.metadata());
		Message.Builder latest = current.toBuilder().version(version).connectionKey(null);
		Message.Builder delivered;
		if (action == MessageAction.MESSAGE_APPEND) {
			Object appended = appendData(current, n);
			latest.action(MessageAction.MESSAGE_UPDATE).data(appended);
			delivered = current.toBuilder().version(version).action(MessageAction.MESSAGE_APPEND).data(n.data())
				.encoding(n.encoding()).annotations(null);
		}
		else {
			latest.action(action);
			if (n.name() != null) {
				latest.name(n.name());
			}
			if (n.data() != null) {
				latest.data(n.data()).encoding(n.encoding());
			}
			if (n.extras() != null) {
				latest.extras(n.extras());
			}
			delivered = null;
		}
		Message stored = latest.build();
		originals.putIfAbsent(channelName + "\u0000" + serial, current.toBuilder().annotations(null).build());
		channel.laterVersions.computeIfAbsent(serial, k -> new ArrayList<>()).add(stored.toBuilder().annotations(null).build());
		channel.replaceInHistory(stored);
		fanOutVersion(channel, delivered == null ? stored.toBuilder().annotations(null).build() : delivered.build(), now);
		return versionSerial;
	}

	private static Object appendData(Message current, Message fragment) {
		Object base = current.data();
		Object more = fragment.data();
		if (more == null) {
			return base;
		}
		if (base == null) {
			return more;
		}
		boolean sameEncoding = java.util.Objects.equals(current.encoding(), fragment.encoding());
		if (sameEncoding && base instanceof String a && more instanceof String b) {
			return a + b;
		}
		if (sameEncoding && base instanceof byte[] a && more instanceof byte[] b) {
			byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
			System.arraycopy(b, 0, joined, a.length, b.length);
			return joined;
		}
		throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400,
				"message.append needs data of the same type and encoding as the message's"));
	}

	/** The version a message carries when it never had another (TM2s1, TM2s2). */
	private static Message withVersion(Message m) {
		if (m.version() != null) {
			return m;
		}
		return m.toBuilder()
			.version(new io.github.ablyspring.protocol.MessageVersion(m.serial(), m.timestamp(), null, null, null))
			.build();
	}

	private void fanOutVersion(ServerChannel channel, Message message, long now) {
		ProtocolMessage shared = ProtocolMessage.builder(ProtocolAction.MESSAGE)
			.id(message.id())
			.channel(channel.name)
			.channelSerial(channel.channelSerial())
			.timestamp(now)
			.messages(List.of(message))
			.build();
		Outbound delivery = new Outbound(shared);
		for (ServerConnection subscriber : channel.subscribers) {
			Set<ChannelMode> modes = subscriber.attachments.get(channel.name);
			if (modes != null && modes.contains(ChannelMode.SUBSCRIBE)) {
				Deltas.Base base = channel.deltaSubscribers.get(subscriber);
				subscriber.send(base == null ? delivery : ChannelOperations.deltaDelivery(subscriber, channel.name, shared, base), now);
			}
		}
	}

	/**
	 * RSAN1, RSAN2: publishes annotations (ANNOTATION_CREATE or ANNOTATION_DELETE) on the message with
	 * {@code messageSerial}: each gets a serial, a timestamp and an id, is stored, recomputes the message's
	 * {@code annotations.summary} (TM2u) and is fanned out in an ANNOTATION to subscribers with the
	 * ANNOTATION_SUBSCRIBE mode. Returns the annotation serials.
	 */
	public List<String> publishAnnotations(String channelName, String messageSerial,
			List<io.github.ablyspring.protocol.Annotation> input, AuthContext auth) {
		if (!auth.capability().allows(channelName, "annotation-publish")
				&& !auth.capability().allows(channelName, "publish")) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.CAPABILITY_DENIED, 401,
					"permission denied: no annotation-publish capability on channel " + channelName));
		}
		messageBySerial(channelName, messageSerial);
		ServerChannel channel = ops.channel(channelName);
		long now = core.now();
		List<io.github.ablyspring.protocol.Annotation> accepted = new ArrayList<>(input.size());
		List<String> serials = new ArrayList<>(input.size());
		for (io.github.ablyspring.protocol.Annotation a : input) {
			if (a.type() == null || a.type().isEmpty()) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_PARAMETER_VALUE, 400,
						"an annotation needs a type"));
			}
			String clientId = a.clientId() != null ? a.clientId() : auth.impliedClientId();
			if (!auth.mayActAs(a.clientId())) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CLIENT_ID, 400,
						"annotation clientId '" + a.clientId() + "' does not match the request's clientId"));
			}
			String serial = channel.nextSerial(0);
			io.github.ablyspring.protocol.Annotation stored = new io.github.ablyspring.protocol.Annotation(
					a.id() != null ? a.id() : RealtimeCore.randomId(12) + ":0",
					a.action() == null ? io.github.ablyspring.protocol.AnnotationAction.ANNOTATION_CREATE : a.action(),
					clientId, a.name(), a.count(), a.data(), a.encoding(), now, serial, messageSerial, a.type(),
					a.extras());
			accepted.add(stored);
			serials.add(serial);
		}
		List<io.github.ablyspring.protocol.Annotation> all = channel.annotationsBySerial
			.computeIfAbsent(messageSerial, k -> new ArrayList<>());
		all.addAll(accepted);
		channel.replaceInHistory(channel.findInHistory(messageSerial).toBuilder()
			.annotations(new io.github.ablyspring.protocol.MessageAnnotations(summary(all)))
			.build());
		ProtocolMessage shared = ProtocolMessage.builder(ProtocolAction.ANNOTATION)
			.channel(channel.name)
			.channelSerial(channel.channelSerial())
			.timestamp(now)
			.annotations(accepted)
			.build();
		Outbound delivery = new Outbound(shared);
		for (ServerConnection subscriber : channel.subscribers) {
			Set<ChannelMode> modes = subscriber.attachments.get(channel.name);
			if (modes != null && modes.contains(ChannelMode.ANNOTATION_SUBSCRIBE)) {
				subscriber.send(delivery, now);
			}
		}
		return serials;
	}

	/** RSAN3: the annotations of a message, oldest first; empty when it has none. */
	public List<io.github.ablyspring.protocol.Annotation> annotations(String channelName, String messageSerial) {
		messageBySerial(channelName, messageSerial);
		return List.copyOf(ops.existing(channelName).annotationsBySerial.getOrDefault(messageSerial, List.of()));
	}
	/**
	 * A simple {@code annotations.summary} (TM2u): by type, {@code total.v1} → {@code {total}}; {@code flag.v1} →
	 * {@code {total, clientIds}}; {@code distinct.v1} and {@code unique.v1} → per name {@code {total, clientIds}}
	 * (unique: a client counts under its latest name only); {@code multiple.v1} → per name {@code {total,
	 * clientIds: {id: count}, totalUnidentified}}. An ANNOTATION_DELETE removes the client's earlier annotations of
	 * that type (and name, where names count). Other types are left out.
	 */
	private static Map<String, tools.jackson.databind.JsonNode> summary(List<io.github.ablyspring.protocol.Annotation> all) {
		tools.jackson.databind.node.JsonNodeFactory f = tools.jackson.databind.node.JsonNodeFactory.instance;
		Map<String, List<io.github.ablyspring.protocol.Annotation>> live = new LinkedHashMap<>();
		for (io.github.ablyspring.protocol.Annotation a : all) {
			String kind = a.type().substring(a.type().lastIndexOf(':') + 1);
			boolean named = !kind.equals("flag.v1") && !kind.equals("total.v1");
			List<io.github.ablyspring.protocol.Annotation> list = live.computeIfAbsent(a.type(), k -> new ArrayList<>());
			if (a.action() == io.github.ablyspring.protocol.AnnotationAction.ANNOTATION_DELETE) {
				list.removeIf(x -> java.util.Objects.equals(x.clientId(), a.clientId())
						&& (!named || kind.equals("unique.v1") || java.util.Objects.equals(x.name(), a.name())));
				continue;
			}
			if (kind.equals("unique.v1")) {
				list.removeIf(x -> java.util.Objects.equals(x.clientId(), a.clientId()));
			}
			list.add(a);
		}
		Map<String, tools.jackson.databind.JsonNode> out = new LinkedHashMap<>();
		for (Map.Entry<String, List<io.github.ablyspring.protocol.Annotation>> e : live.entrySet()) {
			String kind = e.getKey().substring(e.getKey().lastIndexOf(':') + 1);
			List<io.github.ablyspring.protocol.Annotation> list = e.getValue();
			switch (kind) {
				case "total.v1" -> out.put(e.getKey(), f.objectNode().put("total", list.size()));
				case "flag.v1" -> out.put(e.getKey(), clients(f, list));
				case "distinct.v1", "unique.v1" -> {
					tools.jackson.databind.node.ObjectNode byName = f.objectNode();
					Map<String, List<io.github.ablyspring.protocol.Annotation>> names = new LinkedHashMap<>();
					list.forEach(a -> names.computeIfAbsent(String.valueOf(a.name()), k -> new ArrayList<>()).add(a));
					names.forEach((name, l) -> byName.set(name, clients(f, l)));
					out.put(e.getKey(), byName);
				}
				case "multiple.v1" -> {
					tools.jackson.databind.node.ObjectNode byName = f.objectNode();
					for (io.github.ablyspring.protocol.Annotation a : list) {
						tools.jackson.databind.node.ObjectNode entry = byName.has(String.valueOf(a.name()))
								? (tools.jackson.databind.node.ObjectNode) byName.get(String.valueOf(a.name()))
								: byName.putObject(String.valueOf(a.name()));
						int count = a.count() == null ? 1 : a.count();
						entry.put("total", entry.path("total").asInt(0) + count);
						tools.jackson.databind.node.ObjectNode ids = entry.has("clientIds")
								? (tools.jackson.databind.node.ObjectNode) entry.get("clientIds")
								: entry.putObject("clientIds");
						if (a.clientId() != null) {
							ids.put(a.clientId(), ids.path(a.clientId()).asInt(0) + count);
						}
						entry.put("totalUnidentified",
								entry.path("totalUnidentified").asInt(0) + (a.clientId() == null ? count : 0));
					}
					out.put(e.getKey(), byName);
				}
				default -> {
				}
			}
		}
		return out;
	}

	private static tools.jackson.databind.node.ObjectNode clients(tools.jackson.databind.node.JsonNodeFactory f,
			List<io.github.ablyspring.protocol.Annotation> list) {
		java.util.Set<String> ids = new java.util.LinkedHashSet<>();
		list.forEach(a -> ids.add(a.clientId() == null ? "" : a.clientId()));
		tools.jackson.databind.node.ObjectNode node = f.objectNode();
		node.put("total", ids.size());
		tools.jackson.databind.node.ArrayNode array = node.putArray("clientIds");
		ids.forEach(array::add);
		return node;
	}
}
