package io.github.ablyspring.server.rest;

import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.codec.WireTypes;
import io.github.ablyspring.server.Faults;
import io.github.ablyspring.server.http.FrameControl;
import io.github.ablyspring.server.ServerSettings;
import io.github.ablyspring.server.auth.Authenticator;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;
import io.github.ablyspring.server.realtime.RealtimeCore;

import io.netty.handler.codec.http.HttpMethod;

/**
 * The REST API (RSC, RSL, RSP, RSA8, RSA17): routes each request to its endpoint. Injected REST failures apply to
 * every request but the fault injection API itself, which is served under {@code /_emulator} only when the settings
 * ask for it (404 otherwise, like any unknown path).
 */
public final class RestApi implements Function<RestExchange, RestResponse> {

	private static final String EMULATOR_PREFIX = "/_emulator";

	private final Router router = new Router();

	private final RestFailures failures = new RestFailures();

	private final Faults faults;

	private final EmulatorEndpoints emulator;

	private final boolean faultInjection;

	private final PushStore push;

	public RestApi(RealtimeCore core, Authenticator authenticator, LongSupplier clock, ServerSettings settings,
			FrameControl frames) {
		this.faults = new Faults(core, authenticator, failures, frames, clock);
		this.faultInjection = settings.faultInjection();
		RequestAuth auth = new RequestAuth(authenticator);
		PushEndpoints pushEndpoints = new PushEndpoints(core, auth);
		this.push = pushEndpoints.store();
		this.emulator = new EmulatorEndpoints(faults, push);
		MessageEndpoints messages = new MessageEndpoints(core, auth);
		PresenceEndpoints presence = new PresenceEndpoints(core, auth);
		BatchEndpoints batch = new BatchEndpoints(core, auth);
		StatsEndpoint stats = new StatsEndpoint(core, auth, clock);
		AppsEndpoint apps = new AppsEndpoint(core, auth);
		MessageVersionEndpoints versions = new MessageVersionEndpoints(core, auth);
		AnnotationEndpoints annotations = new AnnotationEndpoints(core, auth);
		router.add(HttpMethod.GET, "/time", (x, p) -> Responses.of(200, x, clock.getAsLong(), WireTypes.TIME))
			.add(HttpMethod.POST, "/channels/*/messages", messages::publish)
			.add(HttpMethod.GET, "/channels/*/messages", messages::history)
			.add(HttpMethod.GET, "/channels/*/history", messages::history)
			.add(HttpMethod.GET, "/channels/*/messages/*", versions::get)
			.add(HttpMethod.PATCH, "/channels/*/messages/*", versions::update)
			.add(HttpMethod.GET, "/channels/*/messages/*/versions", versions::versions)
			.add(HttpMethod.POST, "/channels/*/messages/*/annotations", annotations::publish)
			.add(HttpMethod.GET, "/channels/*/messages/*/annotations", annotations::list)
			.add(HttpMethod.GET, "/channels/*/presence", presence::members)
			.add(HttpMethod.GET, "/channels/*/presence/history", presence::history)
			.add(HttpMethod.GET, "/channels/*", new ChannelStatusEndpoint(core, auth)::status)
			.add(HttpMethod.POST, "/messages", batch::publish)
			.add(HttpMethod.GET, "/presence", batch::presence)
			.add(HttpMethod.GET, "/stats", stats::stats)
			.add(HttpMethod.POST, "/stats", stats::addFixtures)
			.add(HttpMethod.POST, "/keys/*/requestToken", new TokenEndpoint(auth, clock)::requestToken)
			.add(HttpMethod.POST, "/keys/*/revokeTokens", new RevocationEndpoint(core, auth, clock)::revoke)
			.add(HttpMethod.POST, "/apps", apps::create)
			.add(HttpMethod.DELETE, "/apps/*", apps::delete);
		pushEndpoints.register(router);
	}

	/** The Java face of fault injection for this server, whatever the settings say about the REST one. */
	public Faults faults() {
		return faults;
	}

	/** The push registrations, subscriptions and published pushes of this server (RSH1). */
	public PushStore push() {
		return push;
	}

	@Override
	public RestResponse apply(RestExchange exchange) {
		String path = exchange.path();
		if (path.equals(EMULATOR_PREFIX) || path.startsWith(EMULATOR_PREFIX + "/")) {
			if (!faultInjection) {
				throw new AblyException(ErrorInfo.of(Router.NOT_FOUND, 404, "no such endpoint: " + path));
			}
			return emulator.dispatch(exchange);
		}
		ErrorInfo injected = failures.take();
		if (injected != null) {
			return RestResponse.error(injected, Responses.codec(exchange));
		}
		try {
			return router.dispatch(exchange);
		}
		catch (CompletionException ex) {
			// A failure on the core loop (RealtimeCore.call) arrives wrapped; it is the endpoint's own error.
			if (ex.getCause() instanceof AblyException cause) {
				throw cause;
			}
			throw ex;
		}
	}
}
