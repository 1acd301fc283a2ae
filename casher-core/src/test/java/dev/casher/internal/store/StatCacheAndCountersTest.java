package dev.casher.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.lookup.StatCache;
import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatCacheAndCountersTest {
    @TempDir
    Path dir;

    static FileStat stat(long n) {
        return new FileStat(100 + n, 1_000_000_000L * n, 2_000_000_000L * n, 77 + n, 2049, 0100644);
    }

    @Test
    void statCache_persistsAcrossStoreInstances() throws IOException {
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            s.statCache().remember("/a", stat(1), Digest.ofString("a"));
            s.statCache().remember("/b", stat(2), Digest.ofString("b"));
            s.statCache().remember("/a", stat(3), Digest.ofString("a3")); // newer record wins
        }
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            StatCache c = s.statCache();
            assertThat(c.lookup("/a", stat(3))).isEqualTo(Digest.ofString("a3"));
            assertThat(c.lookup("/a", stat(1))).isNull();
            assertThat(c.lookup("/b", stat(2))).isEqualTo(Digest.ofString("b"));
            assertThat(c.lookup("/b", stat(9))).isNull();
            assertThat(c.lookup("/c", stat(2))).isNull();
        }
    }

    @Test
    void statCache_skipsCorruptAndTornRecords() throws IOException {
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            for (int i = 0; i < 3; i++) {
                s.statCache().remember("/f" + i, stat(i), Digest.ofString("f" + i));
            }
        }
        Path journal = dir.resolve("v1/statcache");
        byte[] b = Files.readAllBytes(journal);
        int rec = (b.length - 6) / 3;
        b[6 + rec + 40] ^= 0x01; // damage the second record's body
        byte[] torn = Arrays.copyOf(b, b.length - 10); // and tear the last one
        Files.write(journal, torn);
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            s.statCache().remember("/after", stat(5), Digest.ofString("after"));
        }
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            StatCache c = s.statCache();
            assertThat(c.lookup("/f0", stat(0))).isEqualTo(Digest.ofString("f0"));
            assertThat(c.lookup("/f1", stat(1))).isNull();
            assertThat(c.lookup("/f2", stat(2))).isNull();
            assertThat(c.lookup("/after", stat(5))).isEqualTo(Digest.ofString("after"));
        }
    }

    @Test
    void statCache_concurrentAppendersOnSeparateDescriptors_loseNothing() throws Exception {
        try (LocalStore a = LocalStore.open(dir, new TestClock());
                LocalStore b = LocalStore.open(dir, new TestClock())) {
            Thread ta = new Thread(() -> fill(a.statCache(), "a"));
            Thread tb = new Thread(() -> fill(b.statCache(), "b"));
            ta.start();
            tb.start();
            ta.join();
            tb.join();
        }
        try (LocalStore c = LocalStore.open(dir, new TestClock())) {
            for (int i = 0; i < 2000; i++) {
                assertThat(c.statCache().lookup("/a/" + i, stat(i)))
                        .isEqualTo(Digest.ofString("a" + i));
                assertThat(c.statCache().lookup("/b/" + i, stat(i)))
                        .isEqualTo(Digest.ofString("b" + i));
            }
        }
    }

    private static void fill(StatCache c, String p) {
        for (int i = 0; i < 2000; i++) {
            c.remember("/" + p + "/" + i, stat(i), Digest.ofString(p + i));
        }
    }

    @Test
    void statCache_garbageJournal_readsAsEmpty() throws IOException {
        Files.createDirectories(dir.resolve("v1"));
        Files.write(dir.resolve("v1/statcache"), new byte[5000]);
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            assertThat(s.statCache().lookup("/x", stat(1))).isNull();
        }
    }

    @Test
    void statCache_scannedAndLoadedLookups_agree_latestRecordWins() throws IOException {
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            for (int i = 0; i < 30; i++) {
                s.statCache().remember("/p/" + (i % 3), stat(i), Digest.ofString("" + i));
            }
        }
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            // the first lookups scan the journal's bytes; later ones use the loaded map
            for (int round = 0; round < 5; round++) {
                for (int p = 0; p < 3; p++) {
                    int latest = 27 + p;
                    assertThat(s.statCache().lookup("/p/" + p, stat(latest)))
                            .as("round %d path %d", round, p).isEqualTo(Digest.ofString("" + latest));
                    assertThat(s.statCache().lookup("/p/" + p, stat(latest - 3))).isNull();
                }
                assertThat(s.statCache().lookup("/p/none", stat(1))).isNull();
            }
        }
    }

    @Test
    void statCache_compactsAGrownJournal() throws IOException {
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            for (int i = 0; i < 20_000; i++) {
                s.statCache().remember("/same/path/" + (i % 10), stat(i), Digest.ofString("" + i));
            }
        }
        long before = Files.size(dir.resolve("v1/statcache"));
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            assertThat(s.statCache().lookup("/same/path/9", stat(19_999)))
                    .isEqualTo(Digest.ofString("19999"));
        }
        assertThat(Files.size(dir.resolve("v1/statcache"))).isLessThan(before / 100);
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            assertThat(s.statCache().lookup("/same/path/9", stat(19_999)))
                    .isEqualTo(Digest.ofString("19999"));
        }
    }

    @Test
    void stats_addUpAcrossInstancesAndFlushes() throws IOException {
        try (LocalStore a = LocalStore.open(dir, new TestClock());
                LocalStore b = LocalStore.open(dir, new TestClock())) {
            a.stats().add("hits", 2);
            b.stats().add("hits", 3);
            b.stats().add("misses", 1);
            a.stats().flush();
            assertThat(b.stats().snapshot()).containsEntry("hits", 5L).containsEntry("misses", 1L);
            b.stats().flush();
            a.stats().add("hits", 10);
            a.stats().flush();
            a.stats().flush(); // nothing pending: adds nothing
        }
        try (LocalStore c = LocalStore.open(dir, new TestClock())) {
            assertThat(c.stats().snapshot()).containsEntry("hits", 15L).containsEntry("misses", 1L);
            c.stats().reset();
            assertThat(c.stats().snapshot()).isEmpty();
        }
    }

    @Test
    void stats_concurrentProcessesAppending_loseNothing() throws Exception {
        int threads = 8;
        int flushes = 100; // 800 records: below the size at which the journal is folded
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ts.add(new Thread(() -> {
                try (LocalStore s = LocalStore.open(dir, new TestClock())) {
                    for (int i = 0; i < flushes; i++) {
                        s.stats().add("hits", 1);
                        s.stats().add("time_saved_ns", 1000);
                        s.stats().flush(); // one journal record each, on its own descriptor
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        ts.forEach(Thread::start);
        for (Thread t : ts) {
            t.join();
        }
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            assertThat(s.stats().snapshot()).containsEntry("hits", (long) threads * flushes)
                    .containsEntry("time_saved_ns", 1000L * threads * flushes);
        }
    }

    @Test
    void stats_journalGrownPastItsLimit_isFoldedIntoOneRecord_keepingTheSums() throws IOException {
        Path journal = dir.resolve("v1/stats.journal");
        String name = "a-rather-long-counter-name-to-fill-the-journal";
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            long added = 0;
            long size = 0;
            boolean folded = false;
            for (int i = 0; i < 10_000 && !folded; i++) {
                s.stats().add(name, 3);
                s.stats().flush();
                added += 3;
                long now = Files.size(journal);
                folded = now < size;
                size = now;
            }
            assertThat(folded).as("folded once past %d bytes", CountersJournal.COMPACT_BYTES).isTrue();
            assertThat(size).isLessThan(200);
            assertThat(s.stats().snapshot()).containsEntry(name, added);
        }
    }

    @Test
    void stats_damagedRecordsAreSkipped_andLegacySnapshotIsFoldedIn() throws IOException {
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            s.stats().add("hits", 1);
            s.stats().flush();
            s.stats().add("hits", 2);
            s.stats().flush();
        }
        Path journal = dir.resolve("v1/stats.journal");
        byte[] b = Files.readAllBytes(journal);
        b[b.length - 2] ^= 0x55; // the last record's checksum
        Files.write(journal, b);
        Files.write(dir.resolve("v1/stats"), CountersFile.encode(Map.of("hits", 100L, "misses", 7L)));
        try (LocalStore s = LocalStore.open(dir, new TestClock())) {
            assertThat(s.stats().snapshot()).containsEntry("hits", 101L).containsEntry("misses", 7L);
            s.stats().reset();
            assertThat(s.stats().snapshot()).isEmpty();
            assertThat(dir.resolve("v1/stats")).doesNotExist();
        }
    }

    @Test
    void stats_closeFlushesPendingIncrements() throws IOException {
        try (LocalStore a = LocalStore.open(dir, new TestClock())) {
            a.stats().add("bypass.no_tracker", 1);
        }
        try (LocalStore b = LocalStore.open(dir, new TestClock())) {
            assertThat(b.stats().snapshot()).containsEntry("bypass.no_tracker", 1L);
        }
    }

    @Test
    void sizeBytes_addsUpAcrossInstances() throws IOException {
        try (LocalStore a = LocalStore.open(dir, new TestClock());
                LocalStore b = LocalStore.open(dir, new TestClock())) {
            a.putBytes(new byte[100]);
            b.putBytes(new byte[50]);
            a.flush();
            b.flush();
            assertThat(a.sizeBytes()).isEqualTo(150);
        }
    }
}
