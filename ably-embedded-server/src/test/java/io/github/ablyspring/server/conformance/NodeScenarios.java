package io.github.ablyspring.server.conformance;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared plumbing for the tests that run the ably-js node scenarios under {@code src/test/node}: locating
 * {@code node}/{@code npm} on PATH, {@code npm ci} when needed, skip-or-fail per {@code -Dably.conformance.required},
 * killing a scenario's process tree and reading/trimming its output.
 *
 * <p>Published in this module's test-jar, so other modules (ably-client) use it too.
 */
public final class NodeScenarios {

	/** How long {@code npm ci} may take. */
	public static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

	/** Output kept by {@link #tail(String)}. */
	public static final int MAX_OUTPUT_CHARS = 60_000;

	private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private NodeScenarios() {
	}

	/** {@code node} ({@code node.exe} on Windows) on PATH. */
	public static Optional<Path> node() {
		return onPath(WINDOWS ? "node.exe" : "node");
	}

	/** {@code npm} ({@code npm.cmd} on Windows) on PATH. */
	public static Optional<Path> npm() {
		return onPath(WINDOWS ? "npm.cmd" : "npm");
	}

	/** The first regular, executable file named {@code executable} in a PATH directory. */
	public static Optional<Path> onPath(String executable) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		return Stream.of(path.split(File.pathSeparator))
			.filter((dir) -> !dir.isBlank())
			.map((dir) -> Path.of(dir, executable))
			.filter((candidate) -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
			.findFirst();
	}

	/**
	 * Runs {@code npm ci} in {@code nodeDir} when {@code node_modules/ably} is missing or its version differs from the
	 * one {@code package.json} pins; skips (or fails, see {@link #skipOrFail(String)}) when npm is missing or fails.
	 */
	public static void installIfNeeded(Path nodeDir) throws Exception {
		String wanted = JSON.readTree(nodeDir.resolve("package.json").toFile()).path("dependencies").path("ably")
			.asString();
		Path installed = nodeDir.resolve(Path.of("node_modules", "ably", "package.json"));
		if (Files.isRegularFile(installed)
				&& wanted.equals(JSON.readTree(installed.toFile()).path("version").asString())) {
			return;
		}
		Path npm = npm().orElse(null);
		if (npm == null) {
			skipOrFail("npm not found: ably-js conformance skipped");
		}
		Path log = Files.createTempFile("ably-js-npm-ci-", ".log");
		try {
			Process process = new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund")
				.directory(nodeDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!process.waitFor(NPM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				kill(process);
				skipOrFail("npm ci timed out after " + NPM_TIMEOUT + ":\n" + tail(read(log)));
			}
			if (process.exitValue() != 0) {
				skipOrFail("npm ci failed with exit code " + process.exitValue() + ":\n" + tail(read(log)));
			}
		}
		finally {
			Files.deleteIfExists(log);
		}
		if (!Files.isRegularFile(installed)) {
			skipOrFail("npm ci did not install ably into " + nodeDir.toAbsolutePath());
		}
	}

	/** Aborts the test (skipped), or fails it when {@code -Dably.conformance.required=true}. */
	public static void skipOrFail(String message) {
		if (Boolean.getBoolean("ably.conformance.required")) {
			Assertions.fail(message + " (but -Dably.conformance.required=true)");
		}
		Assumptions.abort(message);
	}

	/** Kills the process and its descendants, waiting up to 5 s for it to exit. */
	public static void kill(Process process) throws InterruptedException {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		process.waitFor(5, TimeUnit.SECONDS);
	}

	/** The file's content as UTF-8. */
	public static String read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8);
	}

	/** The last {@link #MAX_OUTPUT_CHARS} characters, prefixed with how many were cut. */
	public static String tail(String text) {
		return text.length() <= MAX_OUTPUT_CHARS ? text
				: "[... " + (text.length() - MAX_OUTPUT_CHARS) + " chars cut ...]\n"
						+ text.substring(text.length() - MAX_OUTPUT_CHARS);
	}
}
