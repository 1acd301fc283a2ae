package dev.casher.internal.store;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a flush every few seconds on a daemon thread and once more at JVM exit, so in-memory
 * counters reach disk without a call paying for it. Thread-safe.
 */
final class Flusher {
    private static final long PERIOD_SECONDS = 10;

    private final Runnable flush;
    private final Thread hook;
    private ScheduledExecutorService timer;

    Flusher(Runnable flush) {
        this.flush = flush;
        this.hook = new Thread(flush, "casher-store-flush-at-exit");
    }

    synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "casher-store-flush");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(flush, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        timer = null;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }
}
