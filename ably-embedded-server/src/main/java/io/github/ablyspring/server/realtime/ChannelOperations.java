package io.github.ablyspring.server.realtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ChannelMode;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.MessageAction;
import io.github.ablyspring.protocol.PresenceAction;
import io.github.ablyspring.protocol.PresenceMessage;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolFlag;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.PublishResult;
import io.github.ablyspring.server.auth.AuthContext;

import org.jspecify.annotations.Nullable;

/**
 * Channel operations of the realtime core (core loop only): attach and detach (RTL4, RTL5), publish with ACK/NACK
 * (RTL6, RTN7), presence (RTP) with SYNC, and the fan-out to subscribers. REST publishes come through here too, so
 * both interfaces see one history and one serial order.
 */
public final class ChannelOperations {

	/** Presence members per SYNC page (RTP18), small enough that large sets really span several pages. */
	static final int SYNC_PAGE_SIZE = 100;

	private final RealtimeCore core;

	private final Map<String, ServerChannel> channels = new HashMap<>();

	private long syncSequence;

	ChannelOperations(RealtimeCore core) {
		this.core = core;
	}

	ServerChannel channel(String name) {
		return channels.computeIfAbsent(name, ServerChannel::new);
	}

	@Nullable ServerChannel existing(String name) {
		return channels.get(name);
	}

	// ---- attach / detach ----

	void attach(ServerConnection connection, ProtocolMessage request) {
		String name = request.channel();
		String problem = ChannelNames.problem(name);
		if (problem != null) {
			channelError(connection, name, ErrorInfo.of(ErrorCodes.INVALID_CHANNEL_NAME, 400, problem));
			return;
		}
		Set<ChannelMode> allowed = ChannelModes.allowedModes(connection.auth.capability(), name);
		if (allowed.isEmpty()) {
			channelError(connection, name, ErrorInfo.of(ErrorCodes.CAPABILITY_DENIED, 401,
					"channel denied access based on given capability"));
			return;
		}
		Set<ChannelMode> modes = ChannelModes.requestedModes(request);
		modes = modes.isEmpty() ? allowed : ChannelModes.intersect(modes, allowed);
		ServerChannel channel = channel(name);
		boolean resumed = connection.isAttached(name);
		connection.attachments.put(name, modes);
		channel.subscribers.add(connection);
		boolean reattach = connection.awaitingReattach.remove(name);
		List<Outbound> held = connection.held.remove(name);

		// RTL4c1: an ATTACH naming the last channelSerial the client saw continues from there, from history,
		// whether or not the connection itself was resumed: nothing published meanwhile is lost.
		String from = request.channelSerial();
		List<Message> replay = null;
		if (from != null && !from.isEmpty()) {
			replay = channel.messagesAfter(from);
			resumed = replay != null;
		}
		long flags = ChannelMode.toFlags(modes);
		if (resumed) {
			flags |= ProtocolFlag.RESUMED.mask();
		}
		boolean hasPresence = !channel.members.isEmpty();
		if (hasPresence) {
			flags |= ProtocolFlag.HAS_PRESENCE.mask();
		}
		Map<String, String> params = ChannelModes.echoedParams(request.params(), modes);
		Deltas.Base deltaBase = null;
		if (request.params() != null && Deltas.FORMAT.equals(request.params().get("delta"))) {
			// RTL19, RTL20: the first message after an attach is sent in full.
			deltaBase = new Deltas.Base();
			channel.deltaSubscribers.put(connection, deltaBase);
		}
		else {
			channel.deltaSubscribers.remove(connection);
		}
		// Rewind only has an effect on an initial attachment, never on a resume (Ably docs, channel params).
		if (replay == null && !resumed && request.params() != null && request.params().containsKey("rewind")) {
			replay = channel.rewind(request.params().get("rewind"), core.now());
		}
		connection.send(ProtocolMessage.builder(ProtocolAction.ATTACHED)
			.channel(name)
			.channelSerial(channel.channelSerial())
			.flags(flags)
			.params(params.isEmpty() ? null : params)
			.build(), core.now());
		if (replay != null && modes.contains(ChannelMode.SUBSCRIBE)) {
			for (Message m : replay) {
				if (connection.echo || !connection.id.equals(m.connectionId())) {
					connection.send(ProtocolMessage.builder(ProtocolAction.MESSAGE)
						.id(m.id())
						.channel(name)
						.channelSerial(m.serial())
						.connectionId(m.connectionId())
						.timestamp(m.timestamp())
						.messages(List.of(m))
						.build(), core.now());
					if (deltaBase != null) {
						deltaBase.delivered(m);
					}
				}
			}
		}
		if (held != null && reattach) {
			for (Outbound message : held) {
				// Held MESSAGEs are in history, so a replay already covered them.
				if (replay == null || message.message().action() != ProtocolAction.MESSAGE) {
					connection.send(message, core.now());
				}
			}
			if (deltaBase != null) {
				deltaBase.reset();
			}
		}
		if (hasPresence && modes.contains(ChannelMode.PRESENCE_SUBSCRIBE)) {
			sync(connection, channel);
		}
	}

	/** RTP18: the present members in pages; the cursor after the colon is empty on the last page. */
	private void sync(ServerConnection connection, ServerChannel channel) {
		List<PresenceMessage> members = channel.presentMembers();
		String syncId = "sync" + (++syncSequence);
		for (int from = 0; from < members.size(); from += SYNC_PAGE_SIZE) {
			int to = Math.min(members.size(), from + SYNC_PAGE_SIZE);
			String cursor = to < members.size() ? String.valueOf(to) : "";
			connection.send(ProtocolMessage.builder(ProtocolAction.SYNC)
				.channel(channel.name)
				.channelSerial(syncId + ":" + cursor)
				.presence(members.subList(from, to))
				.build(), core.now());
		}
	}

	void detach(ServerConnection connection, ProtocolMessage request) {
		String name = request.channel();
		if (name != null) {
			connection.awaitingReattach.remove(name);
			connection.held.remove(name);
			connection.attachments.remove(name);
			ServerChannel channel = channels.get(name);
			if (channel != null) {
				channel.subscribers.remove(connection);
				channel.deltaSubscribers.remove(connection);
			}
		}
		connection.send(ProtocolMessage.builder(ProtocolAction.DETACHED).channel(name).build(), core.now());
	}

	void detachAll(ServerConnection connection) {
		for (String name : connection.attachments.keySet()) {
			ServerChannel channel = channels.get(name);
			if (channel != null) {
				channel.subscribers.remove(connection);
				channel.deltaSubscribers.remove(connection);
			}
		}
		connection.attachments.clear();
	}

	/** Server-initiated DETACHED with an error (fault injection; RTL13). */
	public void detachWithError(String channelName, ErrorInfo error) {
		core.execute(() -> {
			ServerChannel channel = channels.get(channelName);
			if (channel == null) {
				return;
			}
			for (ServerConnection connection : new ArrayList<>(channel.subscribers)) {
				connection.attachments.remove(channelName);
				connection.send(ProtocolMessage.builder(ProtocolAction.DETACHED).channel(channelName).error(error)
					.build(), core.now());
			}
			channel.subscribers.clear();
			channel.deltaSubscribers.clear();
		});
	}

	// ---- publish ----

	void publish(ServerConnection connection, ProtocolMessage request) {
		if (isRepeat(connection, request)) {
			return;
		}
		if (injectedNack(connection, request)) {
			return;
		}
		try {
			List<String> serials = publish(request.channel(), request.messages(), connection.auth, connection,
					request.msgSerial());
			ack(connection, request, serials);
		}
		catch (AblyException ex) {
			nack(connection, request, ex.errorInfo());
		}
	}

	/**
	 * Publishes messages from a realtime connection or from REST ({@code connection} null): checks, fills ids,
	 * serials and timestamps, keeps history and fans out. Returns the serials, one per message ({@code null} for a
	 * duplicate dropped by idempotency).
	 */
	public List<@Nullable String> publish(@Nullable String channelName, @Nullable List<Message> messages,
			AuthContext auth, @Nullable ServerConnection connection, @Nullable Long msgSerial) {
		String problem = ChannelNames.problem(channelName);
		if (problem != null) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CHANNEL_NAME, 400, problem));
		}
		if (!auth.capability().allows(channelName, "publish")) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.CAPABILITY_DENIED, 401,
					"permission denied: no publish capability on channel " + channelName));
		}
		List<Message> input = messages == null ? List.of() : messages;
		long size = 0;
		List<Message> normalized = new ArrayList<>(input.size());
		for (Message m : input) {
			Message n = WirePayloads.normalize(m);
			size += WirePayloads.size(n.name(), n.clientId(), n.data(), n.extras());
			if (!auth.mayActAs(n.clientId())) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CLIENT_ID, 400,
						"message clientId '" + n.clientId() + "' does not match the connection's clientId"));
			}
			normalized.add(n);
		}
		if (size > core.settings.maxMessageSize()) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.MAX_MESSAGE_SIZE_EXCEEDED, 400, "maximum message length "
					+ core.settings.maxMessageSize() + " bytes exceeded (" + size + " bytes)"));
		}
		ServerChannel channel = channel(channelName);
		long now = core.now();
		String connectionId = connection == null ? null : connection.id;
		String baseId = connectionId == null ? RealtimeCore.randomId(12) : connectionId + ":" + msgSerial;
		List<Message> accepted = new ArrayList<>(normalized.size());
		List<String> serials = new ArrayList<>(normalized.size());
		for (int i = 0; i < normalized.size(); i++) {
			Message m = normalized.get(i);
			String id = m.id() != null ? m.id() : baseId + ":" + i;
			if (!channel.rememberId(id)) {
				serials.add(null);
				continue;
			}
			String serial = channel.nextSerial(accepted.size());
			Message stored = m.toBuilder()
				.id(id)
				.clientId(m.clientId() != null ? m.clientId() : auth.impliedClientId())
				.connectionId(connectionId != null ? connectionId : m.connectionId())
				.connectionKey(null)
				.timestamp(m.timestamp() != null && connection == null ? m.timestamp() : now)
				.action(MessageAction.MESSAGE_CREATE)
				.serial(serial)
				.build();
			accepted.add(stored);
			serials.add(serial);
		}
		if (!accepted.isEmpty()) {
			channel.store(accepted, now, core.settings.historyRetention().toMillis());
			ProtocolMessage shared = ProtocolMessage.builder(ProtocolAction.MESSAGE)
				.id(accepted.get(0).id())
				.channel(channel.name)
				.channelSerial(channel.channelSerial())
				.connectionId(connectionId)
				.timestamp(now)
				.messages(accepted)
				.build();
			Outbound delivery = new Outbound(shared);
			for (ServerConnection subscriber : channel.subscribers) {
				Set<ChannelMode> modes = subscriber.attachments.get(channel.name);
				if (modes != null && modes.contains(ChannelMode.SUBSCRIBE) && (subscriber != connection || subscriber.echo)) {
					Deltas.Base base = channel.deltaSubscribers.get(subscriber);
					subscriber.send(base == null ? delivery : deltaDelivery(subscriber, channel.name, shared, base), now);
				}
			}
			countTraffic(channel, connection, accepted, now);
		}
		return serials;
	}

	/**
	 * One delta subscriber's copy of a MESSAGE (RTL19): each message a delta against the one before it. Deliveries
	 * held for a re-attach go in full and restart the chain, since the ATTACH may replay from history instead.
	 */
	static Outbound deltaDelivery(ServerConnection subscriber, String channelName, ProtocolMessage shared,
			Deltas.Base base) {
		if (subscriber.awaitingReattach.contains(channelName)) {
			base.reset();
			return new Outbound(shared);
		}
		List<Message> messages = new ArrayList<>(shared.messages().size());
		for (Message m : shared.messages()) {
			messages.add(Deltas.forSubscriber(m, base));
		}
		return new Outbound(shared.toBuilder().messages(messages).build());
	}

	// ---- queries for REST (core loop) ----

	/**
	 * A page of history (RSL2): newest first unless {@code forwards}, within {@code [start, end]} by timestamp,
	 * resuming after {@code fromSerial} (exclusive) when given. Returns at most {@code limit + 1} messages, so the
	 * caller knows whether there is a next page.
	 */
	public List<Message> history(String channelName, @Nullable Long start, @Nullable Long end, boolean forwards,
			int limit, @Nullable String fromSerial) {
		return history(channelName, start, end, forwards, limit, fromSerial, null);
	}

	/**
	 * A page of history: {@code limit + 1} messages at most (the extra one says there is a next page), after the
	 * exclusive paging cursor {@code afterSerial} and not after {@code untilSerial} (inclusive, RTL10b untilAttach).
	 */
	public List<Message> history(String channelName, @Nullable Long start, @Nullable Long end, boolean forwards,
			int limit, @Nullable String afterSerial, @Nullable String untilSerial) {
		ServerChannel channel = channels.get(channelName);
		if (channel == null) {
			return List.of();
		}
		List<Message> page = new ArrayList<>();
		java.util.Iterator<Message> it = forwards ? channel.history.iterator() : channel.history.descendingIterator();
		while (it.hasNext() && page.size() <= limit) {
			Message m = it.next();
			long ts = m.timestamp() == null ? 0 : m.timestamp();
			if ((start != null && ts < start) || (end != null && ts > end)) {
				continue;
			}
			if (afterSerial != null && (forwards ? m.serial().compareTo(afterSerial) <= 0
					: m.serial().compareTo(afterSerial) >= 0)) {
				continue;
			}
			if (untilSerial != null && m.serial().compareTo(untilSerial) > 0) {
				continue;
			}
			page.add(m);
		}
		return page;
	}

	/** The present members of a channel (RSP3), optionally filtered by clientId and connectionId. */
	public List<PresenceMessage> members(String channelName, @Nullable String clientId,
			@Nullable String connectionId) {
		ServerChannel channel = channels.get(channelName);
		if (channel == null) {
			return List.of();
		}
		return channel.presentMembers()
			.stream()
			.filter(p -> clientId == null || clientId.equals(p.clientId()))
			.filter(p -> connectionId == null || connectionId.equals(p.connectionId()))
			.toList();
	}

	// ---- presence ----

	void presence(ServerConnection connection, ProtocolMessage request) {
		if (isRepeat(connection, request)) {
			return;
		}
		try {
			String name = request.channel();
			String problem = ChannelNames.problem(name);
			if (problem != null) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CHANNEL_NAME, 400, problem));
			}
			if (!connection.auth.capability().allows(name, "presence")) {
				throw new AblyException(ErrorInfo.of(ErrorCodes.CAPABILITY_DENIED, 401,
						"permission denied: no presence capability on channel " + name));
			}
			List<PresenceMessage> events = new ArrayList<>();
			List<PresenceMessage> input = request.presence() == null ? List.of() : request.presence();
			long now = core.now();
			for (int i = 0; i < input.size(); i++) {
				PresenceMessage p = WirePayloads.normalize(input.get(i));
				String clientId = p.clientId() != null ? p.clientId() : connection.auth.impliedClientId();
				if (clientId == null) {
					throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CLIENT_ID, 400,
							"presence requires a clientId"));
				}
				if (!connection.auth.mayActAs(clientId)) {
					throw new AblyException(ErrorInfo.of(ErrorCodes.INVALID_CLIENT_ID, 400,
							"presence clientId '" + clientId + "' does not match the connection's clientId"));
				}
				events.add(p.toBuilder()
					.id(connection.id + ":" + request.msgSerial() + ":" + i)
					.clientId(clientId)
					.connectionId(connection.id)
					.timestamp(now)
					.action(p.action() == PresenceAction.PRESENT ? PresenceAction.UPDATE : p.action())
					.build());
			}
			applyPresence(channel(name), events, now);
			ack(connection, request, null);
		}
		catch (AblyException ex) {
			nack(connection, request, ex.errorInfo());
		}
	}

	private void applyPresence(ServerChannel channel, List<PresenceMessage> events, long now) {
		if (events.isEmpty()) {
			return;
		}
		for (PresenceMessage event : events) {
			if (event.action() == PresenceAction.LEAVE) {
				channel.members.remove(event.memberKey());
			}
			else {
				channel.members.put(event.memberKey(), event.toBuilder().action(PresenceAction.PRESENT).build());
			}
		}
		channel.storePresence(events, now, core.settings.historyRetention().toMillis());
		Outbound delivery = new Outbound(ProtocolMessage.builder(ProtocolAction.PRESENCE)
			.channel(channel.name)
			.channelSerial(channel.channelSerial())
			.timestamp(now)
			.presence(events)
			.build());
		for (ServerConnection subscriber : channel.subscribers) {
			Set<ChannelMode> modes = subscriber.attachments.get(channel.name);
			if (modes != null && modes.contains(ChannelMode.PRESENCE_SUBSCRIBE)) {
				subscriber.send(delivery, now);
			}
		}
	}

	/** Synthesized LEAVE for every member a lost or closed connection had entered. */
	void leaveAll(ServerConnection connection) {
		long now = core.now();
		for (ServerChannel channel : channels.values()) {
			List<PresenceMessage> leaves = new ArrayList<>();
			for (PresenceMessage member : channel.members.values()) {
				if (connection.id.equals(member.connectionId())) {
					leaves.add(member.toBuilder()
						.action(PresenceAction.LEAVE)
						.id(connection.id + ":leave:" + leaves.size())
						.timestamp(now)
						.build());
				}
			}
			applyPresence(channel, leaves, now);
		}
	}

	// ---- acknowledgements ----

	/**
	 * A msgSerial already processed (a re-send after resume, RTN19): answered again as the first time, ACK or NACK,
	 * and not applied again.
	 */
	private boolean isRepeat(ServerConnection connection, ProtocolMessage request) {
		Long serial = request.msgSerial();
		if (serial == null) {
			return false;
		}
		if (serial < connection.nextMsgSerial) {
			ErrorInfo refused = connection.nacked.get(serial);
			if (refused != null) {
				nack(connection, request, refused);
			}
			else {
				ack(connection, request, null);
			}
			return true;
		}
		connection.nextMsgSerial = serial + 1;
		return false;
	}

	private void ack(ServerConnection connection, ProtocolMessage request, @Nullable List<String> serials) {
		if (request.msgSerial() == null) {
			return;
		}
		boolean withResults = connection.transport == null || connection.transport.codec().protocolVersion() >= 5;
		connection.send(ProtocolMessage.builder(ProtocolAction.ACK)
			.msgSerial(request.msgSerial())
			.count(1)
			.res(withResults ? List.of(new PublishResult(serials == null ? List.of() : serials)) : null)
			.build(), core.now());
	}

	private void nack(ServerConnection connection, ProtocolMessage request, ErrorInfo error) {
		if (request.msgSerial() == null) {
			channelError(connection, request.channel(), error);
			return;
		}
		connection.nacked.put(request.msgSerial(), error);
		connection.send(ProtocolMessage.builder(ProtocolAction.NACK)
			.msgSerial(request.msgSerial())
			.count(1)
			.error(error)
			.build(), core.now());
	}

	private void channelError(ServerConnection connection, @Nullable String channel, ErrorInfo error) {
		connection.send(ProtocolMessage.builder(ProtocolAction.ERROR).channel(channel).error(error).build(),
				core.now());
	}

	// =====================================================================================================
	// Appended for the REST API (rest/**) and fault injection (Faults): queries, traffic totals, NACK hook.
	// Core loop only unless a method says otherwise.
	// =====================================================================================================

	/** Minutes of traffic kept for {@code /stats}: a little over a month, so monthly stats stay whole. */
	private static final int TRAFFIC_MINUTES_KEPT = 60 * 24 * 32;

	/** Message traffic by minute start (ms): realtime in, REST in and realtime out, each count and bytes. */
	private final java.util.TreeMap<Long, long[]> trafficByMinute = new java.util.TreeMap<>();

	private int nacksPending;

	private @Nullable ErrorInfo nackError;

	/** Fault injection: the next {@code count} realtime publishes are answered with NACK and {@code error}. Any thread. */
	public void nackNextPublishes(int count, ErrorInfo error) {
		core.execute(() -> {
			nacksPending = Math.max(0, count);
			nackError = error;
		});
	}

	/** The injected NACKs not used yet (0 once the publishes they were meant for have been answered). */
	public int pendingNacks() {
		return core.call(() -> nacksPending);
	}

	/** Hook of the realtime publish: consumes one injected NACK, if any are pending. */
	private boolean injectedNack(ServerConnection connection, ProtocolMessage request) {
		ErrorInfo error = nackError;
		if (nacksPending <= 0 || error == null) {
			return false;
		}
		nacksPending--;
		nack(connection, request, error);
		return true;
	}

	/** Hook of the publish path: counts accepted messages inbound (realtime or REST) and as fanned out. */
	private void countTraffic(ServerChannel channel, @Nullable ServerConnection publisher, List<Message> accepted,
			long now) {
		long bytes = 0;
		for (Message m : accepted) {
			bytes += WirePayloads.size(m.name(), m.clientId(), m.data(), m.extras());
		}
		long deliveries = 0;
		for (ServerConnection subscriber : channel.subscribers) {
			Set<ChannelMode> modes = subscriber.attachments.get(channel.name);
			if (modes != null && modes.contains(ChannelMode.SUBSCRIBE) && (subscriber != publisher || subscriber.echo)) {
				deliveries++;
			}
		}
		long[] totals = trafficByMinute.computeIfAbsent(now - Math.floorMod(now, 60_000L), minute -> new long[6]);
		int inbound = publisher == null ? 2 : 0;
		totals[inbound] += accepted.size();
		totals[inbound + 1] += bytes;
		totals[4] += deliveries * accepted.size();
		totals[5] += deliveries * bytes;
		while (trafficByMinute.size() > TRAFFIC_MINUTES_KEPT) {
			trafficByMinute.pollFirstEntry();
		}
	}

	/** The message traffic so far, one entry per minute that had any, oldest first. */
	public List<MinuteTraffic> trafficPerMinute() {
		List<MinuteTraffic> minutes = new ArrayList<>(trafficByMinute.size());
		trafficByMinute.forEach((minute, t) -> minutes.add(new MinuteTraffic(minute, t[0], t[1], t[2], t[3], t[4], t[5])));
		return minutes;
	}

	/**
	 * A page of presence history (RSP4): newest first unless {@code forwards}, within {@code [start, end]} by
	 * timestamp, after the event {@code afterId} (exclusive) when given. Returns at most {@code limit + 1} events.
	 */
	public List<PresenceMessage> presenceHistory(String channelName, @Nullable Long start, @Nullable Long end,
			boolean forwards, int limit, @Nullable String afterId) {
		ServerChannel channel = channels.get(channelName);
		if (channel == null) {
			return List.of();
		}
		boolean skipping = afterId != null;
		if (skipping && channel.presenceHistory.stream().noneMatch(p -> afterId.equals(p.id()))) {
			// The cursor has aged out: forwards everything left is newer; backwards nothing older is left.
			if (!forwards) {
				return List.of();
			}
			skipping = false;
		}
		List<PresenceMessage> page = new ArrayList<>();
		java.util.Iterator<PresenceMessage> it = forwards ? channel.presenceHistory.iterator()
				: channel.presenceHistory.descendingIterator();
		while (it.hasNext() && page.size() <= limit) {
			PresenceMessage p = it.next();
			if (skipping) {
				skipping = !afterId.equals(p.id());
				continue;
			}
			long ts = p.timestamp() == null ? 0 : p.timestamp();
			if ((start == null || ts >= start) && (end == null || ts <= end)) {
				page.add(p);
			}
		}
		return page;
	}

	/** The occupancy of a channel (CHM2), all zero for a channel never used. */
	public Occupancy occupancy(String channelName) {
		ServerChannel channel = channels.get(channelName);
		if (channel == null) {
			return new Occupancy(0, 0, 0, 0, 0, 0, 0, 0);
		}
		int[] counts = new int[6];
		for (ServerConnection subscriber : channel.subscribers) {
			Set<ChannelMode> modes = subscriber.attachments.getOrDefault(channel.name, Set.of());
			counts[0] += modes.contains(ChannelMode.PRESENCE) ? 1 : 0;
			counts[1] += modes.contains(ChannelMode.PRESENCE_SUBSCRIBE) ? 1 : 0;
			counts[2] += modes.contains(ChannelMode.PUBLISH) ? 1 : 0;
			counts[3] += modes.contains(ChannelMode.SUBSCRIBE) ? 1 : 0;
			counts[4] += modes.contains(ChannelMode.OBJECT_PUBLISH) ? 1 : 0;
			counts[5] += modes.contains(ChannelMode.OBJECT_SUBSCRIBE) ? 1 : 0;
		}
		return new Occupancy(channel.subscribers.size(), counts[0], channel.members.size(), counts[1], counts[2],
				counts[3], counts[4], counts[5]);
	}

	/**
	 * Enters presence members on behalf of no real connection (the fixtures of a test app), with
	 * {@code connectionId} as their synthetic connection. Events go to subscribers and presence history as usual.
	 */
	public void enterFixtures(String channelName, String connectionId, List<PresenceMessage> members) {
		long now = core.now();
		List<PresenceMessage> events = new ArrayList<>(members.size());
		for (int i = 0; i < members.size(); i++) {
			events.add(WirePayloads.normalize(members.get(i))
				.toBuilder()
				.id(connectionId + ":" + now + ":" + i)
				.connectionId(connectionId)
				.timestamp(now)
				.action(PresenceAction.ENTER)
				.build());
		}
		applyPresence(channel(channelName), events, now);
	}

	/** Message traffic of one minute: counts and bytes, realtime and REST inbound, realtime outbound. */
	public record MinuteTraffic(long minute, long realtimeInCount, long realtimeInBytes, long restInCount,
			long restInBytes, long realtimeOutCount, long realtimeOutBytes) {
	}

	/** Channel occupancy metrics (CHM2): attachments by mode, and presence members. */
	public record Occupancy(int connections, int presenceConnections, int presenceMembers, int presenceSubscribers,
			int publishers, int subscribers, int objectPublishers, int objectSubscribers) {
	}
}
