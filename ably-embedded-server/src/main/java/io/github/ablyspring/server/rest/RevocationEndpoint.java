package io.github.ablyspring.server.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;
import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.auth.AppKey;
import io.github.ablyspring.server.auth.AuthContext;
import io.github.ablyspring.server.auth.Authenticator;
import io.github.ablyspring.server.auth.Authenticator.Revocation;
import io.github.ablyspring.server.http.RestExchange;
import io.github.ablyspring.server.http.RestResponse;
import io.github.ablyspring.server.realtime.RealtimeCore;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /keys/{keyName}/revokeTokens} (RSA17): body {@code {targets: ["clientId:x", "revocationKey:y"],
 * issuedBefore?, allowReauthMargin?}}, Basic auth with that key (else 40162), which must have revocable tokens
 * (else 40163). Answers a BatchResult of {@code {target, issuedBefore, appliesAt}} or {@code {target, error}}. From
 * {@code appliesAt} (now, or 30 s later with the margin) matching tokens fail with 40141 and live connections using
 * them get DISCONNECTED with 40141; with the margin they are first asked to re-authenticate.
 */
final class RevocationEndpoint {

	static final long REAUTH_MARGIN_MILLIS = 30_000;

	static final long MAX_AGE_MILLIS = 60 * 60 * 1000L;

	static final int MAX_TARGETS = 100;

	/** Ably's code for a revocation kind this account cannot use (here: by channel). */
	static final int REVOCATION_NOT_ENABLED = 40121;

	static final int REQUIRES_BASIC_AUTH = 40162;

	static final int NOT_REVOCABLE = 40163;

	private final RealtimeCore core;

	private final RequestAuth auth;

	private final LongSupplier clock;

	RevocationEndpoint(RealtimeCore core, RequestAuth auth, LongSupplier clock) {
		this.core = core;
		this.auth = auth;
		this.clock = clock;
	}

	RestResponse revoke(RestExchange x, List<String> params) {
		String keyName = params.get(0);
		AuthContext caller = auth.authenticate(x);
		if (!caller.basic()) {
			throw new AblyException(ErrorInfo.of(REQUIRES_BASIC_AUTH, 401,
					"token revocation requires Basic auth with the key that issued the tokens"));
		}
		if (!caller.keyName().equals(keyName)) {
			throw new AblyException(ErrorInfo.of(ErrorCodes.CAPABILITY_DENIED, 401,
					"tokens of key " + keyName + " can only be revoked with that key"));
		}
		Authenticator authenticator = auth.authenticator();
		AppKey key = authenticator.key(keyName);
		if (key == null || !key.revocableTokens()) {
			throw new AblyException(ErrorInfo.of(NOT_REVOCABLE, 401, "key " + keyName + " does not have revocable tokens"));
		}
		JsonNode body = Responses.body(x);
		List<String> targets = targets(body);
		long now = clock.getAsLong();
		long issuedBefore = issuedBefore(body, now);
		boolean margin = body.path("allowReauthMargin").asBoolean(false);
		long appliesAt = now + (margin ? REAUTH_MARGIN_MILLIS : 0);

		ObjectNode result = Json.NODES.objectNode();
		ArrayNode results = Json.NODES.arrayNode();
		int failures = 0;
		for (String target : targets) {
			ObjectNode item = results.addObject();
			item.put("target", target);
			int colon = target.indexOf(':');
			String type = colon < 0 ? target : target.substring(0, colon);
			String value = colon < 0 ? "" : target.substring(colon + 1);
			ErrorInfo error = targetError(type, value);
			if (error != null) {
				failures++;
				item.set("error", errorNode(error));
				continue;
			}
			Revocation revocation = new Revocation(keyName, type, value, issuedBefore, appliesAt);
			authenticator.revoke(revocation);
			enforceOnConnections(revocation, margin);
			item.put("issuedBefore", issuedBefore);
			item.put("appliesAt", appliesAt);
		}
		result.put("successCount", targets.size() - failures);
		result.put("failureCount", failures);
		result.set("results", results);
		return Responses.json(200, x, result);
	}

	private static List<String> targets(JsonNode body) {
		JsonNode targets = body.get("targets");
		if (targets == null || !targets.isArray() || targets.isEmpty()) {
			throw Params.invalid("targets must be a non-empty array of type:value strings");
		}
		if (targets.size() > MAX_TARGETS) {
			throw Params.invalid("at most " + MAX_TARGETS + " targets may be revoked at once");
		}
		List<String> list = new ArrayList<>(targets.size());
		for (JsonNode target : targets) {
			if (!target.isString()) {
				throw Params.invalid("each target must be a type:value string, not " + target);
			}
			list.add(target.stringValue());
		}
		return list;
	}

	private static long issuedBefore(JsonNode body, long now) {
		JsonNode given = body.get("issuedBefore");
		if (given == null || given.isNull()) {
			return now;
		}
		if (!given.canConvertToLong()) {
			throw Params.invalid("issuedBefore must be milliseconds since the epoch");
		}
		long issuedBefore = given.asLong();
		if (issuedBefore > now) {
			throw Params.invalid("issuedBefore must not be in the future");
		}
		if (issuedBefore < now - MAX_AGE_MILLIS) {
			throw Params.invalid("issuedBefore must not be more than an hour in the past");
		}
		return issuedBefore;
	}

	private static ErrorInfo targetError(String type, String value) {
		if (value.isEmpty()) {
			return ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400, "target needs a value after the type, as in clientId:bob");
		}
		return switch (type) {
			case "clientId", "revocationKey" -> null;
			case "channel" -> ErrorInfo.of(REVOCATION_NOT_ENABLED, 401,
					"revocation by channel is not enabled on this server");
			default -> ErrorInfo.of(ErrorCodes.BAD_REQUEST, 400,
					"unknown target type '" + type + "'; use clientId or revocationKey");
		};
	}

	/** Live connections using a revoked token: asked to renew first when there is a margin, then DISCONNECTED. */
	private void enforceOnConnections(Revocation revocation, boolean margin) {
		Authenticator authenticator = auth.authenticator();
		Predicate<AuthContext> affected = context -> !context.basic()
				&& context.keyName().equals(revocation.keyName()) && revocation.targetType().equals("clientId")
				&& revocation.targetValue().equals(context.clientId()) && issuedInTime(authenticator, context,
						revocation.issuedBefore());
		ErrorInfo revoked = ErrorInfo.of(ErrorCodes.TOKEN_REVOKED, 401, "token revoked");
		if (!margin) {
			core.disconnectAuthenticated(affected, revoked);
			return;
		}
		core.requestReauthentication(affected);
		long delay = Math.max(0, revocation.appliesAt() - clock.getAsLong());
		CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> {
			try {
				core.disconnectAuthenticated(affected, revoked);
			}
			catch (RejectedExecutionException ex) {
				// The server stopped meanwhile: nobody is left to disconnect.
			}
		});
	}

	private static boolean issuedInTime(Authenticator authenticator, AuthContext context, long issuedBefore) {
		Long issued = authenticator.issuedAt(context);
		return issued == null || issued <= issuedBefore;
	}

	private static JsonNode errorNode(ErrorInfo error) {
		ObjectNode node = Json.NODES.objectNode();
		node.put("message", error.message());
		node.put("code", error.code());
		node.put("statusCode", error.statusCode());
		node.put("href", error.helpUrl());
		return node;
	}
}
