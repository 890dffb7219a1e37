package io.github.ablyspring.client.http;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.github.ablyspring.protocol.AblyException;
import io.github.ablyspring.protocol.ErrorCodes;
import io.github.ablyspring.protocol.ErrorInfo;

/** Waits for a future for the blocking API, rethrowing its failure as the {@link AblyException} it carries. */
public final class Blocking {

	private Blocking() {
	}

	public static <T> T await(CompletableFuture<T> future) {
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AblyException(ErrorInfo.of(ErrorCodes.INTERNAL_ERROR, 500, "interrupted"), ex);
		}
		catch (ExecutionException | CompletionException | CancellationException ex) {
			throw unwrap(ex);
		}
	}

	/** The {@link AblyException} behind a future's failure; anything else becomes 50000. */
	public static AblyException unwrap(Throwable failure) {
		Throwable t = failure;
		while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
			t = t.getCause();
		}
		if (t instanceof AblyException ably) {
			return ably;
		}
		return new AblyException(ErrorInfo.of(ErrorCodes.INTERNAL_ERROR, 500, "unexpected failure: " + t), t);
	}
}
