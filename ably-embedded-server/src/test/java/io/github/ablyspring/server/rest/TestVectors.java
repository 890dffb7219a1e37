package io.github.ablyspring.server.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import io.github.ablyspring.protocol.codec.Json;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;

/** Ably's shared test vectors ({@code ably.vectors.dir}, else {@code ../shared/vectors} beside the project). */
final class TestVectors {

	private TestVectors() {
	}

	static JsonNode json(String name) {
		Path path = dir().resolve(name);
		Assumptions.assumeTrue(Files.isRegularFile(path), "Ably interop vector " + path + " is absent");
		try {
			return Json.MAPPER.readTree(Files.readAllBytes(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path dir() {
		String configured = System.getProperty("ably.vectors.dir");
		if (configured != null && !configured.isBlank()) {
			return Paths.get(configured).toAbsolutePath().normalize();
		}
		for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
			Path candidate = p.resolveSibling("shared").resolve("vectors");
			if (Files.isDirectory(candidate)) {
				return candidate;
			}
		}
		return Paths.get("..", "shared", "vectors").toAbsolutePath().normalize();
	}
}
