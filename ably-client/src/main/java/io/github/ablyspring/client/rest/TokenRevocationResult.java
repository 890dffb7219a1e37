package io.github.ablyspring.client.rest;

import org.jspecify.annotations.Nullable;

import io.github.ablyspring.protocol.ErrorInfo;

/**
 * The outcome of revoking one target (RSA17): TRS2 ({@code issuedBefore}, {@code appliesAt}) or, with an
 * {@code error}, TRF2.
 */
public record TokenRevocationResult(String target, @Nullable Long issuedBefore, @Nullable Long appliesAt,
		@Nullable ErrorInfo error) {

	public boolean isSuccess() {
		return error == null;
	}
}
