package io.github.ablyspring.protocol;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

import io.github.ablyspring.protocol.codec.Json;

/**
 * Locates Ably's interop vectors ({@code ../shared/vectors}, or the {@code ably.vectors.dir} system property).
 * A test that needs a missing vector file is skipped with a message, or fails when {@code ably.vectors.required}
 * is true (as in CI).
 */
public final class Vectors {

	private Vectors() {
	}

	public static Path dir() {
		String configured = System.getProperty("ably.vectors.dir");
		if (configured != null && !configured.isBlank()) {
			return Paths.get(configured).toAbsolutePath().normalize();
		}
		// Walk up from the working directory to the folder that has ../shared/vectors beside it.
		for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
			Path candidate = p.resolveSibling("shared").resolve("vectors");
			if (Files.isDirectory(candidate)) {
				return candidate;
			}
		}
		return Paths.get("..", "shared", "vectors").toAbsolutePath().normalize();
	}

	/** The path of a vector file, skipping (or failing, when required) the calling test if it is absent. */
	public static Path file(String name) {
		Path path = dir().resolve(name);
		if (!Files.isRegularFile(path)) {
			String message = "Ably interop vector " + path + " is absent; set -Dably.vectors.dir to the shared"
					+ " vectors folder";
			if (Boolean.getBoolean("ably.vectors.required")) {
				Assertions.fail(message + " (ably.vectors.required=true)");
			}
			Assumptions.abort(message + "; test skipped");
		}
		return path;
	}

	public static JsonNode json(String name) {
		try {
			return Json.MAPPER.readTree(Files.readAllBytes(file(name)));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}
}
