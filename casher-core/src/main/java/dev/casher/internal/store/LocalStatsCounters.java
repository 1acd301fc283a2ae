package dev.casher.internal.store;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link StatsCounters} kept in memory and merged into the {@code stats} {@link CountersJournal} on
 * {@link #flush()}. The store flushes on a timer and at JVM exit. Thread-safe; failures to
 * persist are swallowed and the increments kept for the next flush.
 */
final class LocalStatsCounters implements StatsCounters {
    private final CountersJournal file;
    private final ConcurrentHashMap<String, AtomicLong> pending = new ConcurrentHashMap<>();

    LocalStatsCounters(CountersJournal file) {
        this.file = file;
    }

    @Override
    public void add(String counter, long delta) {
        // get/putIfAbsent rather than computeIfAbsent with a lambda: this runs on every
        // command-line hit, where a JVM's first lambda costs milliseconds.
        AtomicLong v = pending.get(counter);
        if (v == null) {
            AtomicLong fresh = new AtomicLong();
            v = pending.putIfAbsent(counter, fresh);
            if (v == null) {
                v = fresh;
            }
        }
        v.addAndGet(delta);
    }

    @Override
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>(file.read());
        for (Map.Entry<String, AtomicLong> e : pending.entrySet()) {
            long d = e.getValue().get();
            if (d != 0) {
                out.put(e.getKey(), out.getOrDefault(e.getKey(), 0L) + d);
            }
        }
        return out;
    }

    @Override
    public void flush() {
        Map<String, Long> taken = new TreeMap<>();
        for (Map.Entry<String, AtomicLong> e : pending.entrySet()) {
            long d = e.getValue().getAndSet(0);
            if (d != 0) {
                taken.put(e.getKey(), d);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            file.add(taken);
        } catch (IOException e) {
            for (Map.Entry<String, Long> t : taken.entrySet()) {
                add(t.getKey(), t.getValue()); // keep them for the next flush
            }
        }
    }

    @Override
    public void reset() {
        for (AtomicLong v : pending.values()) {
            v.set(0);
        }
        try {
            file.replace(Map.of());
        } catch (IOException e) {
            // counters are not critical; the next reset or flush tries again
        }
    }
}
