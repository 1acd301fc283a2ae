package dev.casher.internal.store;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link StatsCounters} kept in memory and merged into the {@code stats} {@link CountersFile} on
 * {@link #flush()}. The store flushes on a timer and at JVM exit. Thread-safe; failures to
 * persist are swallowed and the increments kept for the next flush.
 */
final class LocalStatsCounters implements StatsCounters {
    private final CountersFile file;
    private final ConcurrentHashMap<String, AtomicLong> pending = new ConcurrentHashMap<>();

    LocalStatsCounters(CountersFile file) {
        this.file = file;
    }

    @Override
    public void add(String counter, long delta) {
        pending.computeIfAbsent(counter, c -> new AtomicLong()).addAndGet(delta);
    }

    @Override
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>(file.read());
        pending.forEach((k, v) -> {
            long d = v.get();
            if (d != 0) {
                out.merge(k, d, Long::sum);
            }
        });
        return out;
    }

    @Override
    public void flush() {
        Map<String, Long> taken = new TreeMap<>();
        pending.forEach((k, v) -> {
            long d = v.getAndSet(0);
            if (d != 0) {
                taken.put(k, d);
            }
        });
        if (taken.isEmpty()) {
            return;
        }
        try {
            file.add(taken);
        } catch (IOException e) {
            taken.forEach(this::add); // keep them for the next flush
        }
    }

    @Override
    public void reset() {
        pending.values().forEach(v -> v.set(0));
        try {
            file.replace(Map.of());
        } catch (IOException e) {
            // counters are not critical; the next reset or flush tries again
        }
    }
}
