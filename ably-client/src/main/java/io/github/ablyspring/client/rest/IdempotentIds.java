package io.github.ablyspring.client.rest;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

import io.github.ablyspring.protocol.Message;

/**
 * RSL1k1: gives a batch of messages without ids the ids {@code <base>:<index>}, with a base of 9 random bytes in
 * URL-safe base64 (the UTS expects {@code [A-Za-z0-9_-]}). The bytes come from a per-thread {@link SplittableRandom}
 * seeded from {@link SecureRandom}: as unique as a SecureRandom draw per publish, without its cost (it showed in the
 * publish benchmarks). The ids are set before the first attempt, so every retry sends the same ones and Ably drops
 * the repeats.
 */
public final class IdempotentIds {

	private static final SecureRandom SEEDS = new SecureRandom();

	private static final ThreadLocal<SplittableRandom> RANDOM = ThreadLocal
		.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));

	private IdempotentIds() {
	}

	/** The messages with ids, or unchanged when any already has one (RSL1k2, RSL1k3). */
	public static List<Message> assign(List<Message> messages) {
		for (Message m : messages) {
			if (m.id() != null && !m.id().isEmpty()) {
				return messages;
			}
		}
		SplittableRandom random = RANDOM.get();
		long high = random.nextLong();
		byte[] bytes = new byte[9];
		for (int i = 0; i < 8; i++) {
			bytes[i] = (byte) (high >>> (8 * i));
		}
		bytes[8] = (byte) random.nextInt();
		String base = Base64.getUrlEncoder().encodeToString(bytes);                   // 12 characters, no padding
		List<Message> identified = new ArrayList<>(messages.size());
		for (int i = 0; i < messages.size(); i++) {
			identified.add(messages.get(i).toBuilder().id(base + ":" + i).build());
		}
		return identified;
	}
}
