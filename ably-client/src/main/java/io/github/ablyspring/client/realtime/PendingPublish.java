package io.github.ablyspring.client.realtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.Message;
import io.github.ablyspring.protocol.ProtocolAction;
import io.github.ablyspring.protocol.ProtocolMessage;
import io.github.ablyspring.protocol.PublishResult;

/**
 * A ProtocolMessage that expects an ACK or NACK (RTN7a), with the futures of the publish calls it carries: one, or
 * several when queued messages were bundled (RTL6d). Event-loop confined.
 */
final class PendingPublish {

	/** The ProtocolMessage as last built; rebuilt from {@link #bundled} after absorbing others. */
	private ProtocolMessage message;

	/** The messages of a bundle, appended to in place (no copy per absorbed publish); null until the first absorb. */
	private @Nullable List<Message> bundled;

	private final List<CompletableFuture<PublishResult>> futures = new ArrayList<>(1);

	/** How many messages each future's call contributed, to split the ACK's serials. */
	private final List<Integer> counts = new ArrayList<>(1);

	private long size;

	private final boolean bundleable;

	PendingPublish(ProtocolMessage message, CompletableFuture<PublishResult> future, long size, boolean bundleable) {
		this.message = message;
		this.futures.add(future);
		this.counts.add(itemCount(message));
		this.size = size;
		this.bundleable = bundleable;
	}

	ProtocolMessage message() {
		if (bundled != null) {
			message = message.toBuilder().messages(bundled).build();
			bundled = null;
		}
		return message;
	}

	long msgSerial() {
		Long serial = message.msgSerial();
		return serial != null ? serial : -1;
	}

	void assignSerial(long msgSerial) {
		message = message().toBuilder().msgSerial(msgSerial).build();
	}

	/**
	 * Adds {@code other}'s messages to this one when both are MESSAGEs for the same channel with ids we generated,
	 * and the sum stays within {@code maxSize}.
	 */
	boolean absorb(PendingPublish other, long maxSize) {
		if (!bundleable || !other.bundleable || message.action() != ProtocolAction.MESSAGE
				|| other.message.action() != ProtocolAction.MESSAGE
				|| !message.channel().equals(other.message.channel()) || size + other.size > maxSize) {
			return false;
		}
		if (bundled == null) {
			bundled = new ArrayList<>(message.messages());
		}
		bundled.addAll(other.message().messages());
		futures.addAll(other.futures);
		counts.addAll(other.counts);
		size += other.size;
		return true;
	}

	/** RTN7a, PBR2a: each call gets the serials of its own messages. */
	void acknowledge(@Nullable PublishResult result) {
		List<@Nullable String> serials = result != null ? result.serials() : List.of();
		int offset = 0;
		for (int i = 0; i < futures.size(); i++) {
			int count = counts.get(i);
			List<@Nullable String> own = new ArrayList<>(count);
			for (int j = offset; j < offset + count; j++) {
				own.add(j < serials.size() ? serials.get(j) : null);
			}
			offset += count;
			futures.get(i).complete(new PublishResult(own));
		}
	}

	void fail(ErrorInfo error) {
		for (CompletableFuture<PublishResult> future : futures) {
			future.completeExceptionally(new AblyException(error));
		}
	}

	private static int itemCount(ProtocolMessage m) {
		if (m.messages() != null) {
			return m.messages().size();
		}
		if (m.presence() != null) {
			return m.presence().size();
		}
		return m.annotations() != null ? m.annotations().size() : 1;
	}
}
