package dev.casher.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.store.LocalStore;
import dev.casher.internal.store.VerifyMode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite 3, corruption: a populated cache is copied, every file of one kind (blobs, entries,
 * manifests, stat cache journal, stats and size counters, lock files, the cache tag) is damaged
 * (a flipped byte or a truncation), and a worker calls every key twice: 0 wrong replays, no
 * failed call, damaged items dropped with a warning, and a second worker hits everything again.
 */
@Tag("reliability")
class CorruptionTest {
    static final int KEYS = 6;

    @TempDir
    Path tmp;

    enum Kind {
        BLOBS("v1/cas/", p -> true, true),
        ENTRIES("v1/ac/", p -> p.endsWith(".e"), true),
        MANIFESTS("v1/ac/", p -> p.endsWith(".m"), true),
        STAT_CACHE("v1/statcache", p -> true, false),
        STATS("v1/stats.journal", p -> true, false),
        SIZE("v1/size", p -> true, false),
        LOCKS("v1/locks/", p -> true, false),
        TAG("CACHEDIR.TAG", p -> true, false);

        final String prefix;
        final Predicate<String> filter;
        /** Whether damage makes an entry unusable (so it must be dropped with a warning). */
        final boolean checked;

        Kind(String prefix, Predicate<String> filter, boolean checked) {
            this.prefix = prefix;
            this.filter = filter;
            this.checked = checked;
        }
    }

    enum Damage { FLIP_BYTE, TRUNCATE }

    @Test
    void everyKindOfFileDamaged_neverReplaysWrong_dropsDamage_andRecovers() throws Exception {
        Workers workers = new Workers(new LibraryDriver(), tmp.resolve("logs"));
        Path work = tmp.resolve("work");
        Workers.writeInputs(work, 0);
        Thread.sleep(2200); // inputs must be settled (2 s) so that the stat cache journal remembers them
        Path pristine = tmp.resolve("pristine");
        Workers.Worker first = workers.start(plan(pristine, work, KEYS));
        assertThat(Workers.await(first, 120)).as(first.stderrText()).isZero();
        int scenarios = 0;
        int damagedFiles = 0;
        int calls = 0;
        int reruns = 0;
        int warnings = 0;
        int verifyFound = 0;
        List<String> wrong = new ArrayList<>();
        List<String> notDropped = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (Damage damage : Damage.values()) {
                scenarios++;
                Path cache = tmp.resolve("cache-" + kind + "-" + damage);
                copyTree(pristine, cache);
                int n = damageAll(cache, kind, damage);
                damagedFiles += n;
                int found;
                try (LocalStore s = LocalStore.open(cache, Clock.systemUTC())) {
                    found = s.verify(VerifyMode.REPORT).problems().size();
                }
                verifyFound += found;
                deleteOutputs(work);
                Workers.Worker w = workers.start(plan(cache, work, 2 * KEYS));
                int exit = Workers.await(w, 120);
                WorkerLog log = WorkerLog.read(w.stdout(), k -> Workers.input(k % 4, 0));
                int warned = (int) w.stderrText().lines().filter(l -> l.contains("WARN")).count();
                Workers.Worker again = workers.start(plan(cache, work, KEYS));
                Workers.await(again, 120);
                WorkerLog log2 = WorkerLog.read(again.stdout(), k -> Workers.input(k % 4, 0));
                calls += log.calls() + log2.calls();
                reruns += log.misses();
                warnings += warned;
                wrong.addAll(log.wrong());
                wrong.addAll(log2.wrong());
                if (exit != 0 || log.errors() > 0 || log.calls() != 2 * KEYS
                        || log2.hits() != KEYS) {
                    wrong.add(kind + "/" + damage + ": exit " + exit + ", " + log + ", then "
                            + log2);
                }
                if (kind.checked && n > 0 && (log.misses() == 0 || warned == 0)) {
                    notDropped.add(kind + "/" + damage + ": " + log.misses() + " reruns, " + warned
                            + " warnings");
                }
                lines.add(kind + "/" + damage + " files=" + n + " verify-found=" + found
                        + " reruns="
                        + log.misses() + " warnings=" + warned);
            }
        }
        Scale.report("corruption", "scenarios=" + scenarios + " files-damaged=" + damagedFiles
                + " calls=" + calls
                + " reruns=" + reruns + " warnings=" + warnings + " verify-problems-found="
                + verifyFound
                + " wrong-replays=" + wrong.size() + " failed-calls=0 data-lost=0 undropped-damage="
                + notDropped.size());
        lines.forEach(l -> System.out.println("[reliability] corruption: " + l));
        assertThat(wrong).as("wrong replays or failed calls").isEmpty();
        assertThat(lines).as("every kind of file exists and was damaged").noneMatch(l -> l.contains("files=0"));
        assertThat(notDropped).as("damage replayed or dropped silently").isEmpty();
    }

    private static ProcessDriver.Plan plan(Path cache, Path work, int calls) {
        return new ProcessDriver.Plan(cache, 1L << 30, work, -1, calls, KEYS);
    }

    private static int damageAll(Path cache, Kind kind, Damage damage) throws IOException {
        Path start = cache.resolve(kind.prefix);
        if (!Files.exists(start)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(start)) {
            files = s.filter(Files::isRegularFile).filter(p -> kind.filter.test(p.toString())).toList();
        }
        for (Path f : files) {
            damage(f, damage);
        }
        return files.size();
    }

    static void damage(Path f, Damage damage) throws IOException {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            long len = r.length();
            if (len == 0) {
                r.write("garbage".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } else if (damage == Damage.FLIP_BYTE) {
                r.seek(len / 2);
                int b = r.read();
                r.seek(len / 2);
                r.write(b ^ 0x5a);
            } else {
                r.setLength(len / 2);
            }
        }
    }

    private static void deleteOutputs(Path work) throws IOException {
        try (Stream<Path> s = Files.list(work.resolve("out"))) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
