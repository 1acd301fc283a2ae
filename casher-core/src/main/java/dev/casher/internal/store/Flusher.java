package dev.casher.internal.store;

/**
 * Runs a flush every few seconds on a daemon thread and once more at JVM exit, so in-memory
 * counters reach disk without a call paying for it. Thread-safe.
 *
 * <p>A plain thread rather than a scheduled executor: the store opens on every command-line hit,
 * and the executor's classes cost start-up time for nothing a sleeping thread cannot do.
 */
final class Flusher {
    private static final long PERIOD_MILLIS = 10_000;

    private final Runnable flush;
    private final Thread hook;
    private Thread timer;

    Flusher(Runnable flush) {
        this.flush = flush;
        this.hook = new Thread(flush, "casher-store-flush-at-exit");
    }

    synchronized void start() {
        timer = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(PERIOD_MILLIS);
                        flush.run();
                    }
                } catch (InterruptedException e) {
                    // stopped
                }
            }
        }, "casher-store-flush");
        timer.setDaemon(true);
        timer.start();
        Runtime.getRuntime().addShutdownHook(hook);
    }

    synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.interrupt();
        timer = null;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }
}
