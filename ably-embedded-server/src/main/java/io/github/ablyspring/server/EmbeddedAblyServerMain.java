package io.github.ablyspring.server;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar ably-embedded-server.jar --port 18080 --key appId.keyId:secret [--host 127.0.0.1]
 * [--fault-injection]}: prints one line when ready and stops cleanly on SIGTERM.
 */
public final class EmbeddedAblyServerMain {

	private EmbeddedAblyServerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmbeddedAblyServer.Builder builder = EmbeddedAblyServer.builder().port(18080);
		boolean keyGiven = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--port" -> builder.port(Integer.parseInt(value(args, ++i, arg)));
				case "--host" -> builder.host(value(args, ++i, arg));
				case "--key" -> {
					builder.key(value(args, ++i, arg));
					keyGiven = true;
				}
				case "--fault-injection" -> builder.faultInjection(true);
				case "--help", "-h" -> {
					System.out.println("usage: java -jar ably-embedded-server.jar --port N --key appId.keyId:secret"
							+ " [--host 127.0.0.1] [--fault-injection]");
					return;
				}
				default -> {
					System.err.println("unknown option " + arg + " (try --help)");
					System.exit(2);
				}
			}
		}
		if (!keyGiven) {
			System.err.println("--key appId.keyId:secret is required");
			System.exit(2);
		}
		EmbeddedAblyServer server = builder.build().start();
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.close();
			stopped.countDown();
		}, "ably-embedded-shutdown"));
		System.out.println("Ably embedded server listening on " + server.baseUrl());
		System.out.flush();
		stopped.await();
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length) {
			System.err.println(option + " needs a value");
			System.exit(2);
		}
		return args[index];
	}
}
