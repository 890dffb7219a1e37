package io.github.ablyspring.client.push;

import io.github.ablyspring.client.http.Credentials;
import io.github.ablyspring.client.http.HttpCore;

/**
 * The push notifications of a REST client (RSH). Only administration ({@link #admin()}, RSH1) is offered: this
 * client is not a push target device, so there is no activation (RSH2) nor device authentication (RSH6). Thread-safe.
 */
public final class Push {

	private final PushAdmin admin;

	public Push(HttpCore http, Credentials credentials) {
		this.admin = new PushAdmin(new PushRequests(http, credentials));
	}

	/** RSH1. */
	public PushAdmin admin() {
		return admin;
	}
}
