package io.github.ablyspring.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
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

	/**
	 * Runs one scenario script ({@code command}, in {@code nodeDir}) to completion and parses its last stdout line
	 * as the result; a script that outlives {@code timeout}, prints nothing or prints no JSON fails the test with
	 * its command and output.
	 */
	public static Outcome run(Path nodeDir, List<String> command, String label, String format, Duration timeout)
			throws IOException, InterruptedException {
		Path stdoutFile = Files.createTempFile("ably-js-scenario-", ".out");
		Path stderrFile = Files.createTempFile("ably-js-scenario-", ".err");
		try {
			Process process = new ProcessBuilder(command).directory(nodeDir.toFile())
				.redirectOutput(stdoutFile.toFile())
				.redirectError(stderrFile.toFile())
				.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				kill(process);
				Assertions.fail(label + " did not exit within " + timeout + "\ncommand: " + String.join(" ", command)
						+ "\nstdout:\n" + read(stdoutFile) + "\nstderr:\n" + tail(read(stderrFile)));
			}
			String stdout = read(stdoutFile);
			String stderr = tail(read(stderrFile));
			int exitCode = process.exitValue();
			String line = stdout.lines().filter((l) -> !l.isBlank()).reduce((first, second) -> second).orElse(null);
			if (line == null) {
				Assertions.fail(label + " printed no result (exit code " + exitCode + ")\nstderr:\n" + stderr);
			}
			JsonNode json;
			try {
				json = JSON.readTree(line);
			}
			catch (RuntimeException ex) {
				throw new AssertionError(label + " printed a non-JSON result line: " + line + "\nexit code " + exitCode
						+ "\nstderr:\n" + stderr, ex);
			}
			return new Outcome(label, format, json, exitCode, stderr);
		}
		finally {
			Files.deleteIfExists(stdoutFile);
			Files.deleteIfExists(stderrFile);
		}
	}

	/** A scenario's parsed result line plus what is needed to explain a failure. */
	public record Outcome(String label, String format, JsonNode json, int exitCode, String stderr) {

		public String diagnostics() {
			return label + " (exit code " + exitCode + ")\nresult: " + json + "\nstderr:\n"
					+ (stderr.isBlank() ? "(empty)" : stderr);
		}

		/** {@code ok} is true, the script exited 0 and ran in the expected format. */
		public void assertOk() {
			JsonNode ok = json.path("ok");
			assertThat(ok.isBoolean() && ok.booleanValue()).as(diagnostics()).isTrue();
			assertThat(exitCode).as(diagnostics()).isZero();
			assertThat(json.path("format").asString()).as(diagnostics()).isEqualTo(format);
		}

		/** Each named entry of the result's {@code checks} is true. */
		public void assertChecks(String... names) {
			JsonNode checks = json.path("checks");
			for (String name : names) {
				JsonNode check = checks.path(name);
				assertThat(check.isBoolean() && check.booleanValue()).as("check '%s' of %s", name, diagnostics())
					.isTrue();
			}
		}
	}
}
