package dev.casher.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.store.LocalStore;
import dev.casher.internal.store.VerifyMode;
import dev.casher.internal.store.VerifyReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite 1, crash torture: pairs of worker processes sharing one small cache (constant eviction,
 * contended key locks) are SIGKILLed at random instants while they record, commit, evict and
 * wait for locks; inputs change every few rounds. Every call of every later worker must hit with
 * exactly the right value, file and stdout, or run; output files are never torn; and verify finds
 * the cache consistent (or REPAIR makes it so).
 */
@Tag("reliability")
class CrashTortureTest {
    static final long LIMIT = 64 << 10;
    static final int KEYS = 24;

    @TempDir
    Path tmp;

    @Test
    void killedAtRandomInstants_neverReplaysWrong_andCacheStaysConsistent() throws Exception {
        ProcessDriver driver = new LibraryDriver();
        Workers workers = new Workers(driver, tmp.resolve("logs"));
        Path cache = tmp.resolve("cache");
        Path work = tmp.resolve("work");
        int targetKills = Scale.of(200);
        long budget = TimeUnit.SECONDS.toNanos((long) (170 * Scale.factor()));
        long start = System.nanoTime();
        Random rnd = new Random(42);
        int gen = 0;
        Workers.writeInputs(work, gen);
        Totals t = new Totals();
        List<String> dataLost = new ArrayList<>();
        java.util.Set<String> midStore = new java.util.HashSet<>();
        java.util.Set<String> midBody = new java.util.HashSet<>();
        for (int round = 0; t.kills < targetKills && System.nanoTime() - start < budget; round++) {
            if (round % 8 == 7) {
                Workers.writeInputs(work, ++gen);
            }
            ProcessDriver.Plan plan = new ProcessDriver.Plan(cache, LIMIT, work,
                    rnd.nextLong() & Long.MAX_VALUE,
                    80, KEYS);
            Workers.Worker a = workers.start(plan);
            Workers.Worker b = workers.start(new ProcessDriver.Plan(cache, LIMIT, work,
                    rnd.nextLong() & Long.MAX_VALUE, 80, KEYS));
            Workers.awaitReady(a, 30_000);
            Workers.awaitReady(b, 30_000);
            if (round % 2 == 1) {
                // Every other round, past the first call (class loading, first store): later kills
                // land among hits, stores, evictions and lock waits of warmed-up processes.
                Workers.awaitFirstCall(a, 30_000);
                Workers.awaitFirstCall(b, 30_000);
            }
            int da = rnd.nextInt(700);
            int db = rnd.nextInt(700);
            Thread.sleep(Math.min(da, db));
            t.kill(Math.min(da, db) == da ? a : b);
            Thread.sleep(Math.abs(da - db));
            t.kill(Math.min(da, db) == da ? b : a);
            int g = gen;
            t.add(WorkerLog.read(a.stdout(), k -> Workers.input(k % 4, g)));
            t.add(WorkerLog.read(b.stdout(), k -> Workers.input(k % 4, g)));
            dataLost.addAll(Workers.damagedOutputs(work, gen));
            // Evidence of where kills landed: a store's temp file or the body's partial output left.
            leftovers(cache.resolve("v1/tmp"), ".tmp", midStore);
            leftovers(work.resolve("out"), ".part", midBody);
        }
        // After all the kills: a worker that runs to the end calls every key twice.
        Workers.Worker last = workers.start(new ProcessDriver.Plan(cache, LIMIT, work, -1, 2 * KEYS,
                KEYS));
        assertThat(Workers.await(last, 120)).as(last.stderrText()).isZero();
        int g = gen;
        WorkerLog lastLog = WorkerLog.read(last.stdout(), k -> Workers.input(k % 4, g));
        t.add(lastLog);
        dataLost.addAll(Workers.damagedOutputs(work, gen));

        VerifyReport report;
        VerifyReport repaired = null;
        VerifyReport after = null;
        try (LocalStore store = LocalStore.open(cache, Clock.systemUTC())) {
            report = store.verify(VerifyMode.REPORT);
            if (!report.clean()) {
                repaired = store.verify(VerifyMode.REPAIR);
                after = store.verify(VerifyMode.REPORT);
            }
        }
        Scale.report("crash torture", "runs=" + t.runs + " kills=" + t.kills + " completed="
                + t.completed
                + " calls=" + t.calls + " hits=" + t.hits + " misses=" + t.misses + " errors="
                + t.errors
                + " killed-mid-store=" + midStore.size() + " killed-mid-body=" + midBody.size()
                + " input-changes=" + gen + " wrong-replays=" + t.wrong.size() + " data-lost="
                + dataLost.size()
                + " verify=" + (report.clean() ? "clean" : report.problems().size()
                + " problems, repair removed "
                        + repaired.removed() + ", then " + (after.clean() ? "clean" : "NOT clean"))
                + " (" + report.blobsChecked() + " blobs, " + report.entriesChecked() + " entries, "
                + report.manifestsChecked() + " manifests)");
        report.problems().forEach(p -> System.out.println("[reliability] crash torture: verify found " + p));
        assertThat(t.wrong).as("wrong replays").isEmpty();
        assertThat(dataLost).as("data lost").isEmpty();
        assertThat(t.errors).as("calls that failed").isZero();
        assertThat(lastLog.ended()).isTrue();
        assertThat(lastLog.calls()).isEqualTo(2 * KEYS);
        assertThat(t.kills).as("kills").isGreaterThanOrEqualTo(Math.min(targetKills, 100));
        assertThat(t.hits).as("the cache still works").isPositive();
        assertThat(report.problems()).as("damage other than candidates of evicted entries")
                .allMatch(p -> p.contains("names missing entry"));
        if (!report.clean()) {
            assertThat(after.problems()).as("verify after repair").isEmpty();
        }
    }

    private static void leftovers(Path dir, String suffix,
            java.util.Set<String> seen) throws java.io.IOException {
        if (java.nio.file.Files.isDirectory(dir)) {
            try (var s = java.nio.file.Files.list(dir)) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).forEach(seen::add);
            }
        }
    }

    /** Figures summed over all workers. */
    private static final class Totals {
        int runs;
        int kills;
        int completed;
        int calls;
        int hits;
        int misses;
        int errors;
        final List<String> wrong = new ArrayList<>();

        void kill(Workers.Worker w) throws InterruptedException {
            runs++;
            if (Workers.kill(w)) {
                kills++;
            } else {
                completed++;
            }
        }

        void add(WorkerLog log) {
            calls += log.calls();
            hits += log.hits();
            misses += log.misses();
            errors += log.errors();
            wrong.addAll(log.wrong());
        }
    }
}
