package dev.casher;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of one cache directory, persisted across processes: hits, misses, why calls were not
 * cached, bytes held, time saved. A snapshot; immutable.
 *
 * @param hits calls answered from the cache
 * @param misses calls that ran (stored or not)
 * @param uncacheable runs not stored, by reason (e.g. {@code exception}, {@code unattributed-io})
 * @param bypassed calls that did not use the cache at all, by reason (e.g. {@code platform})
 * @param timeSaved the recorded run time of every hit, summed
 * @param sizeBytes bytes the cache directory holds
 */
public record CasherStats(long hits, long misses, Map<String, Long> uncacheable, Map<String, Long> bypassed,
        Duration timeSaved, long sizeBytes) {
    public CasherStats {
        uncacheable = Map.copyOf(uncacheable);
        bypassed = Map.copyOf(bypassed);
    }

    /** Builds stats from raw counters ({@code hits}, {@code uncacheable.X}, {@code bypass.X}...). */
    public static CasherStats fromCounters(Map<String, Long> counters, long sizeBytes) {
        Map<String, Long> unc = new TreeMap<>();
        Map<String, Long> byp = new TreeMap<>();
        counters.forEach((k, v) -> {
            if (k.startsWith("uncacheable.")) {
                unc.put(k.substring("uncacheable.".length()), v);
            } else if (k.startsWith("bypass.")) {
                byp.put(k.substring("bypass.".length()), v);
            }
        });
        return new CasherStats(counters.getOrDefault("hits", 0L), counters.getOrDefault("misses", 0L), unc, byp,
                Duration.ofNanos(counters.getOrDefault("time_saved_ns", 0L)), sizeBytes);
    }

    /** Hits over hits plus misses, 0 when there were no calls. */
    public double hitRate() {
        long total = hits + misses;
        return total == 0 ? 0 : (double) hits / total;
    }
}
