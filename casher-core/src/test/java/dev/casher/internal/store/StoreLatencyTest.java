package dev.casher.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.lookup.StatCache;
import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rough hit-path latencies (the JMH benchmarks in casher-bench are the real measure); the bounds
 * asserted are loose so that a shared machine does not make the test flaky.
 */
class StoreLatencyTest {
    @TempDir
    Path dir;

    @Test
    void readManifestAndEntry_warm_takeMicroseconds() throws IOException {
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            Entry e = Samples.fullEntry(s);
            Digest id = s.putEntry(e);
            Digest key = Samples.key("lat");
            s.addCandidate(key, new Manifest.Candidate(Samples.inputs(1), id));
            long[] ns = new long[20_000];
            for (int i = 0; i < ns.length; i++) {
                long t = System.nanoTime();
                Manifest m = s.readManifest(key);
                Entry got = s.readEntry(m.candidates().get(0).entry());
                ns[i] = System.nanoTime() - t;
                assertThat(got).isNotNull();
            }
            long p50 = percentile(ns, 50);
            System.out.printf("readManifest+readEntry warm: p50 %.1f us, p90 %.1f us%n",
                    p50 / 1e3, percentile(ns, 90) / 1e3);
            assertThat(p50).isLessThan(2_000_000);
        }
    }

    @Test
    void statCacheLookup_warm_isSubMicrosecond() throws IOException {
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            StatCache c = s.statCache();
            FileStat st = new FileStat(10, 1, 2, 3, 4, 0100644);
            String[] paths = new String[1000];
            for (int i = 0; i < paths.length; i++) {
                paths[i] = "/some/input/path/" + i;
                c.remember(paths[i], st, Digest.ofString("" + i));
            }
            int n = 1_000_000;
            long found = 0;
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                if (c.lookup(paths[i % 1000], new FileStat(10, 1, 2, 3, 4, 0100644)) != null) {
                    found++;
                }
            }
            double each = (System.nanoTime() - t) / (double) n;
            System.out.printf("stat cache lookup: %.0f ns%n", each);
            assertThat(found).isEqualTo(n);
            assertThat(each).isLessThan(20_000);
        }
    }

    private static long percentile(long[] ns, int p) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return s[s.length * p / 100];
    }
}
