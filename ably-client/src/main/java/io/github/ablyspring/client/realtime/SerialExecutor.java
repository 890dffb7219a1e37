package io.github.ablyspring.client.realtime;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: listeners of one channel see events in order
 * while a slow listener holds only its own queue. A listener that throws is logged; the next task still runs.
 */
final class SerialExecutor implements Executor {

	private static final Log logger = LogFactory.getLog(SerialExecutor.class);

	private final Executor delegate;

	private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

	private boolean running;

	SerialExecutor(Executor delegate) {
		this.delegate = delegate;
	}

	@Override
	public void execute(Runnable task) {
		synchronized (tasks) {
			tasks.add(task);
			if (running) {
				return;
			}
			running = true;
		}
		submit();
	}

	private void submit() {
		try {
			delegate.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			synchronized (tasks) {
				tasks.clear();
				running = false;
			}
			logger.debug("listener executor shut down; dropped listener calls");
		}
	}

	private void drain() {
		// A bounded batch per turn, so one busy channel cannot monopolise a pool thread for ever.
		for (int i = 0; i < 64; i++) {
			Runnable task;
			synchronized (tasks) {
				task = tasks.poll();
				if (task == null) {
					running = false;
					return;
				}
			}
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.warn("a realtime listener threw; ignored", ex);
			}
		}
		submit();
	}
}
