package dev.casher.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.store.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite 2, concurrency under eviction: 8 worker processes make hundreds of calls each over a few
 * dozen keys on a cache whose limit forces constant eviction. No call fails, every result is
 * right, duplicate computations are counted (overlapping ones would mean single flight failed)
 * and the size is back under the limit afterwards.
 */
@Tag("reliability")
class ConcurrencyUnderEvictionTest {
    static final long LIMIT = 24 << 10;
    static final int KEYS = 32;
    static final int PROCESSES = 8;

    @TempDir
    Path tmp;

    @Test
    void eightProcessesOnASmallCache_allGetTheirValues_andSizeEndsUnderLimit() throws Exception {
        Workers workers = new Workers(new LibraryDriver(), tmp.resolve("logs"));
        Path cache = tmp.resolve("cache");
        Path work = tmp.resolve("work");
        Workers.writeInputs(work, 0);
        int calls = Scale.of(200);
        List<Workers.Worker> all = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            all.add(workers.start(new ProcessDriver.Plan(cache, LIMIT, work, 1000 + i, calls,
                    KEYS)));
        }
        int total = 0;
        int hits = 0;
        int errors = 0;
        List<String> wrong = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Workers.Worker w : all) {
            int exit = Workers.await(w, 240);
            WorkerLog log = WorkerLog.read(w.stdout(), k -> Workers.input(k % 4, 0));
            if (exit != 0 || !log.ended() || log.calls() != calls) {
                failed.add("exit " + exit + ", " + log.calls() + " calls: " + w.stderrText());
            }
            total += log.calls();
            hits += log.hits();
            errors += log.errors();
            wrong.addAll(log.wrong());
        }
        List<long[]> runs = computations(work.resolve("runs.log"));
        int overlapping = overlapping(runs);
        long sizeAtExit;
        long sizeAfterPass;
        try (LocalStore store = LocalStore.open(cache, Clock.systemUTC())) {
            sizeAtExit = store.sizeBytes();
            store.evict(LIMIT);
            sizeAfterPass = store.sizeBytes();
        }
        Scale.report("concurrency under eviction", "processes=" + PROCESSES + " calls=" + total
                + " hits=" + hits
                + " computations=" + runs.size() + " keys=" + KEYS + " duplicate-computations="
                + (runs.size() - KEYS) + " overlapping-duplicates=" + overlapping + " errors="
                + errors
                + " wrong=" + wrong.size() + " data-lost=" + Workers.damagedOutputs(work, 0).size()
                + " limit=" + LIMIT + " size-at-exit=" + sizeAtExit + " size-after-evict-pass="
                + sizeAfterPass);
        assertThat(failed).as("workers that failed").isEmpty();
        assertThat(wrong).as("wrong results").isEmpty();
        assertThat(errors).as("calls that threw").isZero();
        assertThat(total).isEqualTo(PROCESSES * calls);
        assertThat(Workers.damagedOutputs(work, 0)).as("data lost").isEmpty();
        assertThat(runs.size()).as("eviction forced re-computations").isGreaterThan(KEYS);
        assertThat(overlapping).as("computations of one key that overlapped in time (single flight)").isZero();
        assertThat(sizeAfterPass).as("size after an eviction pass").isLessThanOrEqualTo(LIMIT);
    }

    /** Computations as {key, start, end} from the workers' log. */
    private static List<long[]> computations(Path log) throws java.io.IOException {
        List<long[]> r = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split(" ");
            r.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
        return r;
    }

    /** Computations whose interval overlaps another computation of the same key. */
    private static int overlapping(List<long[]> runs) {
        Map<Long, List<long[]>> byKey = new HashMap<>();
        runs.forEach(r -> byKey.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r));
        int n = 0;
        for (List<long[]> rs : byKey.values()) {
            rs.sort((a, b) -> Long.compare(a[1], b[1]));
            long end = Long.MIN_VALUE;
            for (long[] r : rs) {
                if (r[1] < end) {
                    n++;
                }
                end = Math.max(end, r[2]);
            }
        }
        return n;
    }
}
