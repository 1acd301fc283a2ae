package dev.casher.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casher.internal.util.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class EvictionTest {
    private static final int MB = 1 << 20;

    @TempDir
    Path dir;
    TestClock clock = new TestClock();
    LocalStore store;
    Random random = new Random(42);

    @BeforeEach
    void open() throws IOException {
        store = LocalStore.open(dir, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void evict_afterEachPut_keepsSizeUnderLimitAndNoLiveEntryLosesABlob() throws IOException {
        long limit = 64L * MB;
        BlobRef shared = store.putBytes("shared by every entry".getBytes());
        List<Digest> ids = new ArrayList<>();
        int evictions = 0;
        for (int i = 0; i < 300; i++) {
            clock.advance(Duration.ofSeconds(1));
            ids.add(store.putEntry(entry(MB, shared)));
            if (store.sizeBytes() > limit) {
                CacheStore.EvictionReport r = store.evict(limit);
                evictions++;
                assertThat(r.sizeAfter()).isLessThanOrEqualTo(limit);
            }
            assertThat(store.sizeBytes()).isLessThanOrEqualTo(limit);
        }
        assertThat(evictions).isGreaterThan(10);
        assertThat(diskBytes()).isLessThanOrEqualTo(limit);
        assertThat(store.sizeBytes()).isEqualTo(diskBytes());
        int live = 0;
        for (Digest id : ids) {
            Entry e = store.readEntry(id);
            if (e != null) {
                live++;
                for (BlobRef b : EntryCodec.blobs(e)) {
                    assertThat(store.readBytes(b)).hasSize((int) b.size());
                }
            }
        }
        assertThat(live).isBetween(50, 64);
        assertThat(store.readEntry(ids.get(299))).isNotNull();
        assertThat(store.verify(VerifyMode.REPORT).problems()).isEmpty();
    }

    @Test
    void evict_300EntriesAtOnce_freesDownTo90PercentAndKeepsNewest() throws IOException {
        evictAtOnce(64 << 10);
    }

    /** The 300 MB figure of the report; slow on a shared disk, so on request only. */
    @Test
    @EnabledIfSystemProperty(named = "casher.slowTests", matches = "true")
    void evict_300MegabytesAtOnce_freesDownTo90PercentAndKeepsNewest() throws IOException {
        evictAtOnce(MB);
    }

    /** Scan cost of a pass over many small entries; on request only. */
    @Test
    @EnabledIfSystemProperty(named = "casher.slowTests", matches = "true")
    void evict_5000SmallEntries_reportsPassTime() throws IOException {
        for (int i = 0; i < 5000; i++) {
            clock.advance(Duration.ofSeconds(1));
            store.putEntry(entry(1024, null));
        }
        long size = store.sizeBytes();
        CacheStore.EvictionReport r = store.evict(size - size / 20);
        System.out.printf("eviction: 5000 x 1 KiB entries (%d files), pass removing %d entries:"
                + " %.1f ms%n", 10_000, r.entriesRemoved(), r.took().toNanos() / 1e6);
        assertThat(r.sizeAfter()).isLessThanOrEqualTo(size - size / 20);
    }

    private void evictAtOnce(int entryBytes) throws IOException {
        List<Digest> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            clock.advance(Duration.ofSeconds(1));
            ids.add(store.putEntry(entry(entryBytes, null)));
        }
        long limit = 100L * entryBytes;
        CacheStore.EvictionReport r = store.evict(limit);
        System.out.printf("eviction: %d KiB x 300 entries down to %d KiB: %d entries, %d blobs,"
                + " %.1f ms%n", entryBytes >> 10, r.sizeAfter() >> 10, r.entriesRemoved(),
                r.blobsRemoved(), r.took().toNanos() / 1e6);
        assertThat(r.sizeAfter()).isLessThanOrEqualTo(limit - limit / 10).isEqualTo(diskBytes());
        assertThat(r.entriesRemoved()).isEqualTo(r.blobsRemoved()).isGreaterThan(200);
        assertThat(store.readEntry(ids.get(0))).isNull();
        assertThat(store.readEntry(ids.get(299))).isNotNull();
    }

    @Test
    void touch_refreshesLru_soARecentlyUsedEntrySurvives() throws IOException {
        Digest key = Samples.key("lru");
        List<Digest> ids = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            Entry e = entry(MB, null);
            entries.add(e);
            ids.add(store.putEntry(e));
        }
        clock.advance(Duration.ofMinutes(20));
        store.touch(key, ids.get(0), entries.get(0));
        store.evict(5L * MB);
        assertThat(store.readEntry(ids.get(0))).isNotNull();
        assertThat(store.readBytes(EntryCodec.blobs(entries.get(0)).get(0))).hasSize(MB);
        assertThat(store.readEntry(ids.get(1))).isNull();
        assertThat(store.readEntry(ids.get(9))).isNotNull();
    }

    /** f(1), f(2), f(1) hits, f(3) under a two-entry limit: f(2) is the least recently used. */
    @Test
    void throttledTouch_isFlushedBeforeEviction_soTheLeastRecentlyUsedGoes() throws IOException {
        Entry e1 = entry(MB, null);
        Digest id1 = store.putEntry(e1);
        clock.advance(Duration.ofSeconds(1));
        Digest id2 = store.putEntry(entry(MB, null));
        clock.advance(Duration.ofSeconds(1));
        store.touch(Samples.key("f1"), id1, e1); // within the throttle interval of its store
        clock.advance(Duration.ofSeconds(1));
        Digest id3 = store.putEntry(entry(MB, null));
        clock.advance(Duration.ofSeconds(1));

        store.evict(2L * MB + MB / 2);

        assertThat(store.readEntry(id2)).as("f(2), least recently used").isNull();
        assertThat(store.readEntry(id1)).as("f(1), hit after f(2)").isNotNull();
        assertThat(store.readBytes(EntryCodec.blobs(e1).get(0))).hasSize(MB);
        assertThat(store.readEntry(id3)).isNotNull();
    }

    @Test
    void touch_withinTenMinutes_isSkipped() throws IOException {
        Entry e = entry(10, null);
        Digest id = store.putEntry(e);
        Path file = dir.resolve("v1/ac").resolve(id.hex().substring(0, 2)).resolve(id.hex() + ".e");
        var first = Files.getLastModifiedTime(file);
        clock.advance(Duration.ofMinutes(5));
        store.touch(Samples.key("k"), id, e);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(first);
        clock.advance(Duration.ofMinutes(6));
        store.touch(Samples.key("k"), id, e);
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void putEntry_reusingAnOldBlob_refreshesIt_soEvictionKeepsIt() throws IOException {
        Entry old = entry(MB, null);
        store.putEntry(old);
        BlobRef reused = EntryCodec.blobs(old).get(0);
        clock.advance(Duration.ofHours(1));
        Entry filler = entry(MB, null);
        store.putEntry(filler);
        clock.advance(Duration.ofHours(1));
        Entry newer = new Entry(0, 1, List.of(new Output.File("/o/reused", reused, 0644)), null,
                List.of(), null, 0, Map.of("n", "2"));
        Digest newerId = store.putEntry(newer);
        store.evict(MB + MB / 2);
        assertThat(store.readEntry(newerId)).isNotNull();
        assertThat(store.readBytes(reused)).hasSize(MB);
    }

    @Test
    void evict_underLimit_doesNothing() throws IOException {
        store.putEntry(entry(1000, null));
        CacheStore.EvictionReport r = store.evict(1L << 30);
        assertThat(r.entriesRemoved()).isZero();
        assertThat(r.sizeAfter()).isEqualTo(store.sizeBytes());
    }

    @Test
    void clear_removesEverythingButKeepsTheTag() throws IOException {
        Entry e = entry(1000, null);
        Digest id = store.putEntry(e);
        store.addCandidate(Samples.key("c"), new Manifest.Candidate(Samples.inputs(1), id));
        store.clear();
        assertThat(store.readEntry(id)).isNull();
        assertThat(store.readManifest(Samples.key("c"))).isEqualTo(Manifest.EMPTY);
        assertThat(store.sizeBytes()).isZero();
        assertThat(diskBytes()).isZero();
        assertThat(dir.resolve("CACHEDIR.TAG")).exists();
        assertThatThrownBy(() -> store.putEntry(e)).as("its blob is gone")
                .isInstanceOf(CorruptCacheException.class);
    }

    private Entry entry(int size, BlobRef extra) throws IOException {
        byte[] data = new byte[size];
        random.nextBytes(data);
        BlobRef b = store.putBytes(data);
        List<Output> outs = new ArrayList<>(List.of(new Output.File("/o/f", b, 0644)));
        if (extra != null) {
            outs.add(new Output.File("/o/shared", extra, 0644));
        }
        return new Entry(0, 1, outs, null, List.of(), null, 0, Map.of());
    }

    private long diskBytes() throws IOException {
        long sum = 0;
        for (String sub : List.of("v1/cas", "v1/ac")) {
            try (Stream<Path> s = Files.walk(dir.resolve(sub))) {
                sum += s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
        }
        return sum;
    }
}
