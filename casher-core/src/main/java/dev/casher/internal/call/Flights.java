package dev.casher.internal.call;

import dev.casher.internal.util.Digest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Single flight within the JVM: one thread at a time works on a key; the others wait, then look
 * up again and replay what the first stored. Re-entrant, so a cached call that (directly or not)
 * calls itself with the same key runs instead of deadlocking. Thread-safe.
 */
final class Flights {
    private final ConcurrentHashMap<Digest, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Waits for and takes the key's flight; pair with {@link #leave}. */
    ReentrantLock join(Digest key) {
        while (true) {
            ReentrantLock l = locks.computeIfAbsent(key, k -> new ReentrantLock());
            l.lock();
            // The lock may have been retired by a leaver between computeIfAbsent and lock().
            if (locks.get(key) == l) {
                return l;
            }
            l.unlock();
        }
    }

    /** Leaves the key's flight. */
    void leave(Digest key, ReentrantLock l) {
        if (l.getHoldCount() == 1 && !l.hasQueuedThreads()) {
            locks.remove(key, l);
        }
        l.unlock();
    }
}
