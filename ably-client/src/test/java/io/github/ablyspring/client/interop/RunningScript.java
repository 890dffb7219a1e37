package io.github.ablyspring.client.interop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.ablyspring.protocol.codec.Json;
import io.github.ablyspring.server.conformance.NodeScenarios;

import org.junit.jupiter.api.Assertions;
import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * An ably-js scenario script running alongside the test: the test waits for its coordination lines ({@code READY})
 * on stdout, acts, then reads the last JSON line as the result. For scripts that run to completion on their own,
 * {@link NodeScenarios#run} is simpler.
 */
final class RunningScript implements AutoCloseable {

	private final Process process;

	private final Path stderr;

	private final String label;

	private final Duration timeout;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final List<String> all = new CopyOnWriteArrayList<>();

	private RunningScript(Process process, Path stderr, String label, Duration timeout) {
		this.process = process;
		this.stderr = stderr;
		this.label = label;
		this.timeout = timeout;
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = in.readLine()) != null) {
					all.add(line);
					lines.add(line);
				}
			}
			catch (Exception ex) {
				all.add("(stdout read failed: " + ex + ")");
			}
		}, "ably-js-stdout-" + label);
		reader.setDaemon(true);
		reader.start();
	}

	static RunningScript start(Path nodeDir, List<String> command, String label, Duration timeout) throws Exception {
		Path stderr = Files.createTempFile("ably-js-", ".err");
		Process process = new ProcessBuilder(command).directory(nodeDir.toFile())
			.redirectError(stderr.toFile())
			.start();
		return new RunningScript(process, stderr, label, timeout);
	}

	/** Waits for the script to print {@code expected} on a line of its own. */
	void awaitLine(String expected) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			String line = lines.poll(100, TimeUnit.MILLISECONDS);
			if (expected.equals(line)) {
				return;
			}
			if (line == null && !process.isAlive() && lines.isEmpty()) {
				break;
			}
		}
		Assertions.fail(label + " never printed " + expected + "\n" + diagnostics());
	}

	/** Waits for the script to exit and returns its result line. */
	JsonNode result() throws Exception {
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			NodeScenarios.kill(process);
			Assertions.fail(label + " did not exit within " + timeout + "\n" + diagnostics());
		}
		String last;
		try {
			// The process has exited; the reader thread may still be delivering the last lines.
			last = await().atMost(Duration.ofSeconds(5))
				.until(() -> all.stream().filter((l) -> l.startsWith("{")).reduce((a, b) -> b).orElse(null),
						Objects::nonNull);
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			last = null;
		}
		if (last == null) {
			Assertions.fail(label + " printed no result (exit " + process.exitValue() + ")\n" + diagnostics());
		}
		return Json.MAPPER.readTree(last);
	}

	String diagnostics() {
		String err;
		try {
			err = NodeScenarios.tail(NodeScenarios.read(stderr));
		}
		catch (Exception ex) {
			err = "(stderr unreadable: " + ex + ")";
		}
		return label + "\nstdout: " + all + "\nstderr:\n" + err;
	}

	@Override
	public void close() throws Exception {
		if (process.isAlive()) {
			NodeScenarios.kill(process);
		}
		Files.deleteIfExists(stderr);
	}
}
