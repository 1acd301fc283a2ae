package dev.casher.internal.store;

import java.util.Map;

/**
 * Persistent counters of one cache directory: {@code hits}, {@code misses}, {@code bypass.REASON},
 * {@code uncacheable.REASON}, {@code time_saved_ns}, {@code stored_bytes}, {@code evicted_entries},
 * {@code evicted_bytes}. Increments are cheap (in memory) and reach disk on {@link #flush()},
 * periodically and at exit; a crash may lose the increments of its last moments, never more.
 * Thread-safe; safe across processes (flushes add under a lock).
 */
public interface StatsCounters {
    /** Adds {@code delta} to {@code counter}. */
    void add(String counter, long delta);

    /** The persisted counters plus this process's unflushed increments. */
    Map<String, Long> snapshot();

    /** Writes pending increments to disk; failures are swallowed (counters are not critical). */
    void flush();

    /** Sets every counter to zero. */
    void reset();
}
