package dev.casher.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casher.internal.lookup.InputSet;
import dev.casher.internal.lookup.InputState;
import dev.casher.internal.util.Digest;
import dev.casher.internal.util.FileStat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFormatTest {
    @TempDir
    Path dir;
    LocalStore store;

    @BeforeEach
    void open() throws IOException {
        store = LocalStore.open(dir, new TestClock());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void entry_everyField_roundTrips() throws IOException {
        Entry e = Samples.fullEntry(store);
        Digest id = store.putEntry(e);
        assertThat(store.readEntry(id)).isEqualTo(e);
        assertThat(id).isEqualTo(Digest.ofBytes(EntryCodec.encode(e)));
    }

    @Test
    void entry_minimal_roundTrips() throws IOException {
        Entry e = new Entry(0, 0, List.of(), null, List.of(), null, 0, Map.of());
        assertThat(store.readEntry(store.putEntry(e))).isEqualTo(e);
    }

    @Test
    void readEntry_unknownId_isNull() throws IOException {
        assertThat(store.readEntry(Digest.ofString("nothing"))).isNull();
    }

    @Test
    void readEntry_anyFlippedByte_isCorrupt() throws IOException {
        Digest id = store.putEntry(Samples.fullEntry(store));
        Path p = entryPath(id);
        byte[] good = Files.readAllBytes(p);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            Files.write(p, bad);
            assertThatThrownBy(() -> store.readEntry(id))
                    .as("flipped byte %d", i).isInstanceOf(CorruptCacheException.class);
        }
    }

    @Test
    void readEntry_anyTruncation_isCorrupt() throws IOException {
        Digest id = store.putEntry(Samples.fullEntry(store));
        Path p = entryPath(id);
        byte[] good = Files.readAllBytes(p);
        for (int len = 0; len < good.length; len++) {
            Files.write(p, Arrays.copyOf(good, len));
            assertThatThrownBy(() -> store.readEntry(id))
                    .as("truncated to %d", len).isInstanceOf(CorruptCacheException.class);
        }
    }

    @Test
    void putEntry_relativeOrDotDotOutputPath_isRefused() throws IOException {
        for (String bad : List.of("rel/a", "/a/../b", "/a/./b", "/a//b", "/a/", "")) {
            Entry e = Samples.fileEntry(store, "/ok", new byte[] {1});
            Entry hostile = new Entry(0, 1, List.of(new Output.Deleted(bad)), null, List.of(),
                    null, 0, Map.of());
            assertThat(store.putEntry(e)).isNotNull();
            assertThatThrownBy(() -> store.putEntry(hostile)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void readEntry_hostilePathsWrittenByAnotherWriter_isCorrupt() throws IOException {
        Entry e = Samples.fileEntry(store, "/work/out/aaaa", new byte[] {1});
        for (String hostile : List.of("/work/../etc/x", "work/out/aaaaa", "/work/./out/aa")) {
            byte[] forged = rewrite(EntryCodec.encode(e), "/work/out/aaaa", hostile);
            Digest id = Digest.ofBytes(forged);
            Files.createDirectories(entryPath(id).getParent());
            Files.write(entryPath(id), forged);
            assertThatThrownBy(() -> store.readEntry(id)).as(hostile)
                    .isInstanceOf(CorruptCacheException.class)
                    .hasMessageContaining("not absolute and normalised");
        }
    }

    @Test
    void entryFile_underAnotherId_isCorrupt() throws IOException {
        Digest id = store.putEntry(Samples.fullEntry(store));
        Digest other = Digest.ofString("other");
        Files.createDirectories(entryPath(other).getParent());
        Files.copy(entryPath(id), entryPath(other));
        assertThatThrownBy(() -> store.readEntry(other)).isInstanceOf(CorruptCacheException.class);
    }

    @Test
    void manifest_allInputStates_roundTrip() throws IOException {
        Digest key = Samples.key("m");
        Manifest.Candidate a = new Manifest.Candidate(Samples.inputs(1), Digest.ofString("e1"));
        Manifest.Candidate b = new Manifest.Candidate(Samples.inputs(2), Digest.ofString("e2"));
        store.addCandidate(key, a);
        store.addCandidate(key, b);
        assertThat(store.readManifest(key).candidates()).containsExactly(b, a);
        store.removeCandidate(key, Digest.ofString("e2"));
        assertThat(store.readManifest(key).candidates()).containsExactly(a);
        store.removeManifest(key);
        assertThat(store.readManifest(key)).isEqualTo(Manifest.EMPTY);
    }

    @Test
    void manifest_statHints_roundTrip_andDoNotChangeEquality() throws IOException {
        Digest key = Samples.key("hints");
        FileStat fileStat = new FileStat(11, 1_700_000_000_123_456_789L, 1_700_000_001_000_000_001L,
                4242, 2049, 0100644);
        FileStat dirStat = new FileStat(4096, 5, 6, 7, 8, 040755);
        Map<String, InputState> m = new java.util.LinkedHashMap<>();
        m.put("/src/a", new InputState.FileContent(Digest.ofString("a"), 11, fileStat));
        m.put("/src/b", new InputState.FileContent(Digest.ofString("b"), 12));
        m.put("/src/d", new InputState.DirListing(Digest.ofString("d"), dirStat));
        m.put("/src/e", new InputState.DirListing(Digest.ofString("e")));
        store.addCandidate(key, new Manifest.Candidate(new InputSet(m), Digest.ofString("entry")));

        Map<String, InputState> read = store.loadManifest(key).candidates().get(0).inputs().states();
        assertThat(((InputState.FileContent) read.get("/src/a")).seen()).isEqualTo(fileStat);
        assertThat(((InputState.FileContent) read.get("/src/b")).seen()).isNull();
        assertThat(((InputState.DirListing) read.get("/src/d")).seen()).isEqualTo(dirStat);
        assertThat(((InputState.DirListing) read.get("/src/e")).seen()).isNull();
        // a hint is not part of the state: the same content under another stat is the same state
        assertThat(read.get("/src/a")).isEqualTo(new InputState.FileContent(Digest.ofString("a"), 11));
        assertThat(read.get("/src/a").hashCode())
                .isEqualTo(new InputState.FileContent(Digest.ofString("a"), 11).hashCode());
    }

    @Test
    void manifest_version1WithoutHints_isStillRead() throws IOException {
        Digest key = Samples.key("v1");
        Digest entry = Digest.ofString("entry");
        BinaryFormat.Writer w = new BinaryFormat.Writer();
        w.digest(key).i32(1).digest(entry).i32(4);
        w.str("/src/absent").u8('A');
        w.str("/src/dir").u8('D').digest(Digest.ofString("d"));
        w.str("/src/file").u8('F').digest(Digest.ofString("f")).i64(10);
        w.str("/src/present").u8('P').u8(1);
        Path file = dir.resolve("v1/ac/" + key.hex().substring(0, 2) + "/" + key.hex() + ".m");
        Files.createDirectories(file.getParent());
        Files.write(file, BinaryFormat.frame(ManifestCodec.MAGIC, 1, w.toByteArray()));

        Manifest m = store.loadManifest(key);
        assertThat(m.candidates()).containsExactly(new Manifest.Candidate(new InputSet(Map.of(
                "/src/absent", InputState.Absent.INSTANCE,
                "/src/dir", new InputState.DirListing(Digest.ofString("d")),
                "/src/file", new InputState.FileContent(Digest.ofString("f"), 10),
                "/src/present", new InputState.Present(InputState.FileType.DIRECTORY))), entry));
    }

    @Test
    void manifest_keepsAtMostSixteenNewestCandidates() throws IOException {
        Digest key = Samples.key("bounded");
        for (int i = 0; i < 20; i++) {
            store.addCandidate(key,
                    new Manifest.Candidate(Samples.inputs(i), Digest.ofString("e" + i)));
        }
        List<Manifest.Candidate> cs = store.readManifest(key).candidates();
        assertThat(cs).hasSize(Manifest.MAX_CANDIDATES);
        assertThat(cs.get(0).entry()).isEqualTo(Digest.ofString("e19"));
    }

    @Test
    void readManifest_anyFlippedByteOrTruncation_isCorrupt() throws IOException {
        Digest key = Samples.key("c");
        store.addCandidate(key, new Manifest.Candidate(Samples.inputs(1), Digest.ofString("e")));
        Path p = manifestPath(key);
        byte[] good = Files.readAllBytes(p);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            Files.write(p, bad);
            assertThatThrownBy(() -> store.readManifest(key)).as("flip %d", i)
                    .isInstanceOf(CorruptCacheException.class);
            Files.write(p, Arrays.copyOf(good, i));
            assertThatThrownBy(() -> store.readManifest(key)).as("truncate %d", i)
                    .isInstanceOf(CorruptCacheException.class);
        }
    }

    @Test
    void manifest_copiedToAnotherKey_isCorrupt() throws IOException {
        Digest key = Samples.key("a");
        store.addCandidate(key, new Manifest.Candidate(Samples.inputs(1), Digest.ofString("e")));
        Digest other = Samples.key("b");
        Files.createDirectories(manifestPath(other).getParent());
        Files.copy(manifestPath(key), manifestPath(other));
        assertThatThrownBy(() -> store.readManifest(other))
                .isInstanceOf(CorruptCacheException.class);
    }

    @Test
    void manifest_hostileInputPath_isCorrupt() throws IOException {
        Digest key = Samples.key("h");
        Manifest m = new Manifest(List.of(new Manifest.Candidate(new InputSet(
                Map.of("/src/aaaaaa", InputState.Absent.INSTANCE)), Digest.ofString("e"))));
        byte[] forged = rewrite(ManifestCodec.encode(key, m), "/src/aaaaaa", "/src/../../");
        Files.createDirectories(manifestPath(key).getParent());
        Files.write(manifestPath(key), forged);
        assertThatThrownBy(() -> store.readManifest(key))
                .isInstanceOf(CorruptCacheException.class);
    }

    @Test
    void addCandidate_overDamagedManifest_replacesIt() throws IOException {
        Digest key = Samples.key("d");
        Files.createDirectories(manifestPath(key).getParent());
        Files.write(manifestPath(key), new byte[] {1, 2, 3});
        Manifest.Candidate c = new Manifest.Candidate(Samples.inputs(1), Digest.ofString("e"));
        store.addCandidate(key, c);
        assertThat(store.readManifest(key).candidates()).containsExactly(c);
    }

    /** Replaces one string's bytes in a framed file's body (same length) and re-frames it. */
    static byte[] rewrite(byte[] file, String from, String to) {
        assertThat(to.length()).isEqualTo(from.length());
        String body = new String(file, 6, file.length - 10, StandardCharsets.ISO_8859_1);
        assertThat(body).contains(from);
        byte[] nb = body.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
        int magic = java.nio.ByteBuffer.wrap(file).getInt();
        return BinaryFormat.frame(magic, 1, nb);
    }

    private Path entryPath(Digest id) {
        return dir.resolve("v1/ac").resolve(id.hex().substring(0, 2)).resolve(id.hex() + ".e");
    }

    private Path manifestPath(Digest key) {
        return dir.resolve("v1/ac").resolve(key.hex().substring(0, 2)).resolve(key.hex() + ".m");
    }
}
