package dev.casher.internal.call;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs eviction off the call path: when the store passes its size limit after a store, one
 * daemon thread evicts down to the limit while calls go on. Thread-safe.
 */
final class Eviction {
    private static final AtomicBoolean RUNNING = new AtomicBoolean();

    private Eviction() {}

    static void maybeEvict(Environment env, Warnings warnings) {
        if (env.store().sizeBytes() <= env.maxCacheBytes() || !RUNNING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                env.store().evict(env.maxCacheBytes());
            } catch (Exception e) {
                warnings.once("evict", "eviction failed in " + env.cacheDir() + ": " + e.getMessage());
            } finally {
                RUNNING.set(false);
            }
        }, "casher-evict");
        t.setDaemon(true);
        t.start();
    }

    /** Evicts now, on this thread (tests, {@code gc}). */
    static void evictNow(Environment env) throws java.io.IOException {
        env.store().evict(env.maxCacheBytes());
    }
}
