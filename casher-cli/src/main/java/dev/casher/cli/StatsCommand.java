package dev.casher.cli;

import dev.casher.CasherStats;
import dev.casher.internal.command.CommandCache;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code casher stats [--json]}: hits, misses, hit rate, reasons, entries, bytes, time saved. */
@Command(name = "stats", description = "Show the cache's counters.")
final class StatsCommand implements Callable<Integer> {
    @Mixin
    CacheOption cache;
    @Option(names = "--json", description = "print one JSON object")
    boolean json;
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (CommandCache c = cache.open()) {
            c.store().flush();
            CasherStats s = CasherStats.fromCounters(c.store().stats().snapshot(),
                    c.store().sizeBytes());
            int entries = c.store().entries().size();
            if (json) {
                out.println("{\"cache_dir\":" + Json.str(c.dir().toString()) + ",\"hits\":"
                        + s.hits() + ",\"misses\":" + s.misses() + ",\"hit_rate\":"
                        + String.format(Locale.ROOT, "%.4f", s.hitRate())
                        + ",\"uncacheable\":" + Json.obj(s.uncacheable()) + ",\"bypassed\":"
                        + Json.obj(s.bypassed()) + ",\"entries\":" + entries + ",\"bytes\":"
                        + s.sizeBytes() + ",\"time_saved_ms\":" + s.timeSaved().toMillis() + "}");
            } else {
                out.println("cache directory   " + c.dir());
                out.println("hits              " + s.hits());
                out.println("misses            " + s.misses());
                out.printf(Locale.ROOT, "hit rate          %.1f %%%n", 100 * s.hitRate());
                lines(out, "not stored", s.uncacheable());
                lines(out, "bypassed", s.bypassed());
                out.println("entries           " + entries);
                out.println("bytes             " + s.sizeBytes());
                out.printf(Locale.ROOT, "time saved        %.3f s%n",
                        s.timeSaved().toNanos() / 1e9);
            }
        }
        return ExitCodes.OK;
    }

    private static void lines(PrintWriter out, String title, Map<String, Long> m) {
        m.forEach((k, v) -> out.printf(Locale.ROOT, "%-17s %d  (%s)%n", title, v, k));
    }
}
