package io.github.ablyspring.benchmarks.realtime;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one driver as a child process (so CPU and JIT/GC state are per SDK and per run) and returns its JSON line:
 * the Java SDKs as {@code java -cp <this jar> RealtimeDriver --sdk ...}, ably-js as {@code node driver.js}.
 */
final class ChildDriver {

	private final String classPath;

	private final Path nodeDir;

	private final List<String> jvmArgs;

	/** {@code classPath} for the Java drivers: the shaded jar, or a test's class path. */
	ChildDriver(String classPath, Path nodeDir, List<String> jvmArgs) {
		this.classPath = classPath;
		this.nodeDir = nodeDir;
		this.jvmArgs = jvmArgs;
	}

	/** The jar (or classes directory) this class was loaded from. */
	static Path ownJar() {
		try {
			return Path.of(ChildDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * {@code src/main/node} beside {@code target/ably-benchmarks.jar}, else relative to the working directory (the
	 * repository root or the module).
	 */
	static Path defaultNodeDir(Path jar) {
		List<Path> candidates = new ArrayList<>();
		Path module = jar.toAbsolutePath().getParent() == null ? null : jar.toAbsolutePath().getParent().getParent();
		if (module != null) {
			candidates.add(module.resolve("src/main/node"));
		}
		candidates.add(Path.of("ably-benchmarks/src/main/node"));
		candidates.add(Path.of("src/main/node"));
		return candidates.stream().filter(p -> Files.isRegularFile(p.resolve("driver.js"))).findFirst()
			.orElse(candidates.get(0));
	}

	/** Runs {@code sdk} with the driver arguments and returns its line (an ok:false line if it printed none). */
	Map<String, Object> run(String sdk, List<String> driverArgs, int timeoutSeconds) throws IOException,
			InterruptedException {
		List<String> command = new ArrayList<>();
		if (sdk.equals("ably-js")) {
			command.add(System.getProperty("bench.node", "node"));
			command.add("driver.js");
		}
		else {
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(jvmArgs);
			command.add("-cp");
			command.add(classPath);
			command.add(RealtimeDriver.class.getName());
			command.add("--sdk");
			command.add(sdk);
		}
		command.addAll(driverArgs);
		File stderr = File.createTempFile("realtime-driver-", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr);
		if (sdk.equals("ably-js")) {
			builder.directory(nodeDir.toFile());
		}
		Process process = builder.start();
		// The driver exits by itself at --timeout; this bound only catches a driver that does not.
		Thread killer = new Thread(() -> {
			try {
				if (!process.waitFor(timeoutSeconds + 30L, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				// the driver ended in time
			}
		}, "driver-killer");
		killer.setDaemon(true);
		killer.start();
		byte[] out;
		try (var in = process.getInputStream()) {
			out = in.readAllBytes();
		}
		int exit = process.waitFor();
		killer.interrupt();
		String json = null;
		for (String l : new String(out, StandardCharsets.UTF_8).split("\n")) {
			if (l.startsWith("{")) {
				json = l;
			}
		}
		Map<String, Object> line = new LinkedHashMap<>();
		if (json != null) {
			@SuppressWarnings("unchecked")
			Map<String, Object> parsed = RealtimeDriver.JSON.readValue(json, LinkedHashMap.class);
			line.putAll(parsed);
		}
		else {
			line.put("ok", false);
			line.put("sdk", sdk);
			line.put("error", "no JSON line, exit " + exit);
		}
		if (Boolean.TRUE.equals(line.get("ok"))) {
			Files.deleteIfExists(stderr.toPath());
		}
		else {
			line.put("stderr", stderr.toString());
		}
		return line;
	}

}
