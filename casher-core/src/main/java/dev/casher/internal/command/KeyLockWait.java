package dev.casher.internal.command;

import dev.casher.internal.store.CacheStore;
import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Taking a key's lock on a miss, so that concurrent identical commands run once: waits at most
 * {@link #LIMIT}, says after {@link #QUIET} what it waits for (the holder's PID), and never waits
 * for an ancestor: a command that calls itself under casher (the outer invocation holds the key
 * and waits for the inner one) would otherwise deadlock, so the inner one runs plainly.
 */
final class KeyLockWait {
    static final Duration LIMIT = Duration.ofHours(1);
    static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration SLICE = Duration.ofMillis(500);

    /** The outcome: the lock, or none because the holder is an ancestor ({@code nestedIn} > 0), or timed out. */
    record Result(CacheStore.KeyLock lock, long nestedIn) {}

    private KeyLockWait() {}

    static Result acquire(CacheStore store, Digest key, Consumer<String> say) throws IOException {
        long start = System.nanoTime();
        boolean told = false;
        CacheStore.KeyLock lock = store.lockKey(key, Duration.ZERO);
        while (lock == null) {
            long holder = store.keyLockHolder(key);
            if (holder > 0 && isAncestor(holder)) {
                return new Result(null, holder);
            }
            long waited = System.nanoTime() - start;
            if (waited >= LIMIT.toNanos()) {
                say.accept("waited " + LIMIT.toMinutes() + " min for the key " + key.shortHex(12)
                        + (holder > 0 ? " held by pid " + holder : "") + "; running without it");
                return new Result(null, 0);
            }
            if (!told && waited >= QUIET.toNanos()) {
                told = true;
                say.accept("waiting for " + (holder > 0 ? "pid " + holder : "another process")
                        + ", which runs the same command (key " + key.shortHex(12) + "), to finish;"
                        + " its result will be replayed (at most " + LIMIT.toMinutes() + " min)");
            }
            lock = store.lockKey(key, SLICE);
        }
        return new Result(lock, 0);
    }

    private static boolean isAncestor(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        for (int depth = 0; p.isPresent() && depth < 256; depth++) {
            if (p.get().pid() == pid) {
                return true;
            }
            p = p.get().parent();
        }
        return false;
    }
}
