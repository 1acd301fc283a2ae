package dev.casher.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.CachedFunction1;
import dev.casher.CallOptions;
import dev.casher.Casher;
import dev.casher.CasherConfig;
import dev.casher.Mode;
import dev.casher.internal.store.BlobRef;
import dev.casher.internal.store.Entry;
import dev.casher.internal.store.HostileEntries;
import dev.casher.internal.store.Output;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite 6, hostile cache contents: entries planted in the cache directory (valid checksums and
 * ids) whose output paths contain {@code ..}, are relative or point outside the call's declared
 * outputs, symlinks planted at output paths, and a serialized value naming a class outside the
 * entry's allow-list are all refused or neutralised: no write outside, no symlink followed, no
 * {@code readObject} run; the cache directory and its files are private (0700/0600).
 */
@Tag("reliability")
class HostileCacheTest {
    static final AtomicInteger RUNS = new AtomicInteger();
    static final CallOptions WRITES = CallOptions.builder().mode(Mode.DECLARED)
            .outputs(a -> List.of(Path.of((String) a[0])))
            .build();
    static int planted;
    static int refused;
    static int outsideWrites;
    static int symlinksFollowed;

    @TempDir
    Path tmp;
    Path cache;
    Path outside;
    CachedFunction1<String, String> fn;

    static String produce(String out) throws IOException {
        RUNS.incrementAndGet();
        Files.createDirectories(Path.of(out).getParent());
        Files.writeString(Path.of(out), "legit");
        return "produced";
    }

    /** A harmless class whose deserialization would be seen. */
    static final class Marker implements Serializable {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean READ = new AtomicBoolean();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            READ.set(true);
            in.defaultReadObject();
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        cache = tmp.resolve("cache");
        outside = Files.createDirectories(tmp.resolve("outside"));
        reopen();
        fn = Casher.wrap(HostileCacheTest::produce, WRITES);
    }

    @AfterAll
    static void report() {
        Scale.report("hostile cache", "planted=" + planted + " refused=" + refused
                + " writes-outside="
                + outsideWrites + " symlinks-followed=" + symlinksFollowed + " readObject-runs="
                + (Marker.READ.get() ? 1 : 0));
        Casher.configure(CasherConfig.builder().build());
    }

    private void reopen() {
        Casher.configure(CasherConfig.builder().cacheDir(cache).build());
    }

    /** Records a run, plants {@code hostile} in place of its entry, calls again: must re-run. */
    private void plantAndExpectRerun(String out,
            java.util.function.UnaryOperator<Entry> hostile) throws Exception {
        assertThat(fn.apply(out)).isEqualTo("produced");
        HostileEntries.Recorded run = HostileEntries.single(cache);
        HostileEntries.plantChanged(cache, run, hostile);
        planted++;
        reopen();
        int before = RUNS.get();
        assertThat(fn.apply(out)).isEqualTo("produced");
        assertThat(RUNS.get()).as("the planted entry is refused and the call runs").isEqualTo(before + 1);
        refused++;
        assertThat(Files.readString(Path.of(out))).isEqualTo("legit");
    }

    private static Entry withOutput(Entry e, String path) {
        Output.File f = (Output.File) e.outputs().get(0);
        return new Entry(e.createdAtMillis(), e.durationNanos(), List.of(new Output.File(path,
                f.blob(), f.mode())),
                e.streams(), e.chunks(), e.value(), e.exitStatus(), e.metadata());
    }

    private void assertNothingOutside() throws IOException {
        try (var s = Files.list(outside)) {
            List<Path> found = s.toList();
            outsideWrites += found.size();
            assertThat(found).as("files written outside").isEmpty();
        }
    }

    @Test
    void outputPathWithDotDot_isRefused() throws Exception {
        String out = tmp.resolve("work/out.txt").toString();
        plantAndExpectRerun(out, e -> withOutput(e, tmp + "/work/../outside/evil.txt"));
        assertNothingOutside();
    }

    @Test
    void relativeOutputPath_isRefused() throws Exception {
        String rel = "casher-hostile-" + System.nanoTime() + ".txt";
        String out = tmp.resolve("work/out.txt").toString();
        plantAndExpectRerun(out, e -> withOutput(e, rel + "x".repeat(Math.max(0,
                3 - rel.length()))));
        assertThat(Path.of(rel)).as("written relative to the working directory").doesNotExist();
    }

    @Test
    void outputPathOutsideTheDeclaredOutputs_isRefused() throws Exception {
        String out = tmp.resolve("work/out.txt").toString();
        plantAndExpectRerun(out, e -> withOutput(e, outside.resolve("evil.txt").toString()));
        assertNothingOutside();
    }

    @Test
    void symlinkPlantedAtOutputPath_isReplacedNotFollowed() throws Exception {
        Path out = tmp.resolve("work/out.txt");
        assertThat(fn.apply(out.toString())).isEqualTo("produced");
        Path victim = Files.writeString(outside.resolve("victim.txt"), "victim");
        Files.delete(out);
        Files.createSymbolicLink(out, victim);
        planted++;
        reopen();
        assertThat(fn.apply(out.toString())).isEqualTo("produced");
        if (!Files.readString(victim).equals("victim")) {
            symlinksFollowed++;
        }
        assertThat(victim).hasContent("victim");
        assertThat(Files.isSymbolicLink(out)).isFalse();
        assertThat(out).hasContent("legit");
    }

    @Test
    @Disabled("the replay now refuses to write below a symlinked directory (ReplayerSafetyTest."
            + "outputBelowADirectoryThatIsNowASymlink_isNotWrittenThroughIt), but the re-run function itself "
            + "writes through the link, which this test counts; see docs/RELIABILITY.md open point 1")
    void symlinkPlantedAsOutputDirectory_isNotFollowed() throws Exception {
        Path out = tmp.resolve("work/sub/out.txt");
        assertThat(fn.apply(out.toString())).isEqualTo("produced");
        Files.delete(out);
        Files.delete(out.getParent());
        Files.createSymbolicLink(out.getParent(), outside);
        planted++;
        reopen();
        assertThat(fn.apply(out.toString())).isEqualTo("produced");
        try (var s = Files.list(outside)) {
            if (s.findAny().isPresent()) {
                symlinksFollowed++;
            }
        }
        assertNothingOutside();
    }

    @Test
    void serializedValueNamingAClassOutsideTheAllowList_isRefusedBeforeReadObject() throws Exception {
        String out = tmp.resolve("work/out.txt").toString();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
            o.writeObject(new Marker());
        }
        Path c = cache;
        plantAndExpectRerun(out, e -> {
            try {
                BlobRef ref = HostileEntries.blob(c, bytes.toByteArray());
                return new Entry(e.createdAtMillis(), e.durationNanos(), e.outputs(), e.streams(),
                        e.chunks(),
                        new Entry.EncodedValue("java-serialization/1", ref,
                                List.of("java.lang.String")),
                        e.exitStatus(), e.metadata());
            } catch (IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        });
        assertThat(Marker.READ).as("readObject of the refused class ran").isFalse();
    }

    @Test
    void cacheDirectoryAndFiles_arePrivate() throws Exception {
        fn.apply(tmp.resolve("work/out.txt").toString());
        Casher.stats();
        int checked = 0;
        for (Path p : HostileEntries.all(cache)) {
            String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p,
                    LinkOption.NOFOLLOW_LINKS));
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                assertThat(perms).as(p.toString()).isEqualTo("rwx------");
            } else {
                assertThat(perms).as(p.toString()).isEqualTo("rw-------");
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
        System.out.println("[reliability] hostile cache: private modes checked on " + checked
                + " paths");
    }
}
