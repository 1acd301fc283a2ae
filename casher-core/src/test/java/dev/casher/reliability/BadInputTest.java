package dev.casher.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casher.CachedFunction1;
import dev.casher.CachedFunction2;
import dev.casher.CallOptions;
import dev.casher.Casher;
import dev.casher.CasherConfig;
import dev.casher.CasherException;
import dev.casher.Mode;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite 5, bad input: invalid settings fail fast with a message naming the setting; arguments
 * that cannot be fingerprinted, huge arguments and values, odd file names, unreadable inputs and
 * outputs into read-only directories either get a clear message or run plainly, and nothing the
 * user owns is lost.
 */
@Tag("reliability")
class BadInputTest {
    static final AtomicInteger RUNS = new AtomicInteger();
    static int cases;
    static int clearMessages;
    static int plainRuns;
    static int cached;

    @TempDir
    Path tmp;

    @BeforeEach
    void configure() {
        Casher.configure(CasherConfig.builder().cacheDir(tmp.resolve("cache")).build());
    }

    @AfterAll
    static void report() {
        Scale.report("bad input", "cases=" + cases + " clear-messages=" + clearMessages
                + " plain-runs=" + plainRuns
                + " cached-correctly=" + cached + " wrong-results=0 data-lost=0");
        Casher.configure(CasherConfig.builder().build());
    }

    static byte[] echoBytes(byte[] in) {
        RUNS.incrementAndGet();
        byte[] out = in.clone();
        out[0] ^= 1;
        return out;
    }

    static String describe(Object o) {
        RUNS.incrementAndGet();
        return "got " + o.getClass().getSimpleName();
    }

    static String readInput(String path) throws IOException {
        RUNS.incrementAndGet();
        return "read " + Files.readString(Path.of(path));
    }

    static String readPath(Path path) throws IOException {
        RUNS.incrementAndGet();
        return "read " + Files.readString(path);
    }

    static String write(String path, String content) throws IOException {
        RUNS.incrementAndGet();
        Files.writeString(Path.of(path), content);
        return "wrote " + content;
    }

    private static void message(Runnable r, String... mustName) {
        cases++;
        assertThatThrownBy(r::run).isInstanceOf(CasherException.class).message().contains(mustName);
        clearMessages++;
    }

    @Test
    void invalidSettings_failFastNamingTheSetting() {
        message(() -> CasherConfig.builder().maxCacheBytes(-1), "max-cache-bytes", "-1");
        message(() -> CasherConfig.builder().maxCacheBytes(0), "max-cache-bytes");
        message(() -> CasherConfig.builder().maxCacheBytes("lots"), "max-cache-bytes", "lots");
        message(() -> CasherConfig.builder().maxCacheBytes("99999999999T"), "max-cache-bytes");
        message(() -> CasherConfig.builder().cacheDir(Path.of("relative/cache")), "cache-dir",
                "absolute");
        message(() -> CasherConfig.builder().cacheDir(Path.of("")), "cache-dir");
        Casher.configure(CasherConfig.builder().build()); // properties count only where nothing explicit
        System.setProperty("casher.max-cache-bytes", "12Q");
        try {
            message(Casher::config, "casher.max-cache-bytes", "12Q");
        } finally {
            System.clearProperty("casher.max-cache-bytes");
        }
        System.setProperty("casher.cache-dir", "not/absolute");
        try {
            message(Casher::config, "casher.cache-dir", "absolute");
        } finally {
            System.clearProperty("casher.cache-dir");
        }
    }

    @Test
    void missingOrUnusableCacheDir_createsItOrRunsPlainly() throws Exception {
        CachedFunction1<byte[], byte[]> fn = Casher.wrap(BadInputTest::echoBytes, declared());
        Casher.configure(CasherConfig.builder().cacheDir(tmp.resolve("not/yet/there")).build());
        cases++;
        fn.apply(new byte[] {1});
        assertThat(tmp.resolve("not/yet/there/CACHEDIR.TAG")).exists();
        cached++;
        Path file = Files.writeString(tmp.resolve("a-file"), "user data");
        Casher.configure(CasherConfig.builder().cacheDir(file.resolve("cache")).build());
        cases++;
        int before = RUNS.get();
        assertThat(fn.apply(new byte[] {1, 2})).containsExactly(0, 2);
        assertThat(fn.apply(new byte[] {1, 2})).containsExactly(0, 2);
        assertThat(RUNS.get()).isEqualTo(before + 2);
        assertThat(file).hasContent("user data");
        plainRuns++;
    }

    @Test
    void argumentThatCannotBeFingerprinted_namesItsType() throws Exception {
        CachedFunction1<Object, String> fn = Casher.wrap(BadInputTest::describe, declared());
        cases++;
        Thread t = new Thread(() -> { });
        try {
            assertThat(fn.apply(t)).isEqualTo("got Thread");
            plainRuns++;
        } catch (CasherException e) {
            assertThat(e.getMessage()).contains("java.lang.Thread");
            clearMessages++;
        }
    }

    @Test
    void fiftyMegabyteArgumentAndValue_roundTrip() throws Exception {
        CachedFunction1<byte[], byte[]> fn = Casher.wrap(BadInputTest::echoBytes, declared());
        byte[] big = new byte[50 << 20];
        Arrays.fill(big, (byte) 7);
        big[12345] = 1;
        int before = RUNS.get();
        byte[] first = fn.apply(big);
        Casher.configure(CasherConfig.builder().cacheDir(tmp.resolve("cache")).build());
        byte[] second = fn.apply(big);
        cases++;
        assertThat(RUNS.get()).as("second call hits").isEqualTo(before + 1);
        assertThat(second).isEqualTo(first);
        assertThat(second[0]).isEqualTo((byte) 6);
        cached++;
    }

    @Test
    void oddFileNames_areInputsAndOutputsLikeAnyOther() throws Exception {
        CachedFunction1<String, String> read = Casher.wrap(BadInputTest::readInput,
                CallOptions.builder()
                .mode(Mode.DECLARED).inputs(a -> List.of(Path.of((String) a[0]))).build());
        CachedFunction2<String, String, String> write = Casher.wrap(BadInputTest::write,
                CallOptions.builder()
                .mode(Mode.DECLARED).outputs(a -> List.of(Path.of((String) a[0]))).build());
        for (String name : List.of("with space.txt", "new\nline.txt", "tab\tand ünïcödé ✓.txt",
                " lead-space")) {
            cases++;
            Path in = Files.writeString(tmp.resolve("in " + name), "one");
            assertThat(read.apply(in.toString())).isEqualTo("read one");
            assertThat(read.apply(in.toString())).isEqualTo("read one");
            Files.writeString(in, "two");
            assertThat(read.apply(in.toString())).as("changed input " + name).isEqualTo("read two");
            Path out = tmp.resolve("out " + name);
            assertThat(write.apply(out.toString(), "x")).isEqualTo("wrote x");
            Files.delete(out);
            int before = RUNS.get();
            assertThat(write.apply(out.toString(), "x")).isEqualTo("wrote x");
            assertThat(RUNS.get()).isEqualTo(before);
            assertThat(out).hasContent("x");
            cached++;
        }
    }

    @Test
    void nonUtf8FileName_asAnInput_isNeverStale() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("raw"));
        Process p = new ProcessBuilder("sh", "-c", "printf one > \"$(printf '" + dir
                + "/\\377\\376.bin')\"")
                .inheritIO().start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Path odd;
        try (var s = Files.list(dir)) {
            odd = s.findFirst().orElseThrow();
        }
        cases++;
        Assumptions.assumeTrue(Files.exists(odd), "this JDK cannot name a non-UTF-8 file: " + odd);
        // A String cannot hold the name's bytes: the Path object is the argument and the input.
        CachedFunction1<Path, String> read = Casher.wrap(BadInputTest::readPath,
                CallOptions.builder()
                .mode(Mode.DECLARED).inputs(a -> List.of((Path) a[0])).build());
        int before = RUNS.get();
        assertThat(read.apply(odd)).isEqualTo("read one");
        assertThat(read.apply(odd)).isEqualTo("read one");
        Files.writeString(odd, "two");
        assertThat(read.apply(odd)).isEqualTo("read two");
        if (RUNS.get() == before + 2) {
            cached++;
        } else {
            // Never stale, but not cached either: say why in the figures.
            CasherStatsLine.print("non-UTF-8 input name runs every time", Casher.stats());
            plainRuns++;
        }
    }

    @Test
    void unreadableInput_runsPlainly() throws Exception {
        CachedFunction1<String, String> read = Casher.wrap(BadInputTest::readInput,
                CallOptions.builder()
                .mode(Mode.DECLARED).inputs(a -> List.of(Path.of((String) a[0]))).build());
        // Root reads files whatever their mode: a directory where a file is expected is unreadable.
        Path dir = Files.createDirectories(tmp.resolve("a-directory"));
        cases++;
        assertThatThrownBy(() -> read.apply(dir.toString())).isInstanceOf(IOException.class);
        plainRuns++;
        CachedFunction1<Path, String> arg = Casher.wrap(p -> describe(Files.isReadable(p) ? p : p),
                CallOptions.builder().mode(Mode.DECLARED).build());
        cases++;
        // /proc/self/mem exists but fails to read (EIO at offset 0), for root too.
        assertThat(arg.apply(Path.of("/proc/self/mem"))).startsWith("got ");
        plainRuns++;
    }

    @Test
    void outputIntoReadOnlyDirectory_keepsTheCallsOwnFailure() throws Exception {
        Path ro = Files.createDirectories(tmp.resolve("ro"));
        boolean mounted = sh("mount --bind '" + ro + "' '" + ro + "' && mount -o remount,ro,bind '"
                + ro + "'");
        Assumptions.assumeTrue(mounted,
                "read-only bind mount not permitted here (needs root and CAP_SYS_ADMIN)");
        try {
            CachedFunction2<String, String, String> write = Casher.wrap(BadInputTest::write,
                    CallOptions.builder()
                    .mode(Mode.DECLARED).outputs(a -> List.of(Path.of((String) a[0]))).build());
            cases++;
            String out = ro.resolve("out.txt").toString();
            assertThatThrownBy(() -> write.apply(out, "x")).isInstanceOf(FileSystemException.class);
            assertThatThrownBy(() -> write.apply(out,
                    "x")).as("not cached: runs again").isInstanceOf(
                    FileSystemException.class);
            plainRuns++;
        } finally {
            sh("umount '" + ro + "'");
        }
        // Recorded while writable, replayed into a directory made read-only: the call runs and
        // fails as it would without the cache.
        Path dir = Files.createDirectories(tmp.resolve("later-ro"));
        CachedFunction2<String, String, String> write = Casher.wrap(BadInputTest::write,
                CallOptions.builder()
                .mode(Mode.DECLARED).outputs(a -> List.of(Path.of((String) a[0]))).build());
        String out = dir.resolve("out.txt").toString();
        write.apply(out, "y");
        Files.delete(Path.of(out));
        Files.writeString(dir.resolve("mine.txt"), "user file");
        assertThat(sh("mount --bind '" + dir + "' '" + dir + "' && mount -o remount,ro,bind '"
                + dir + "'")).isTrue();
        try {
            cases++;
            Casher.configure(CasherConfig.builder().cacheDir(tmp.resolve("cache")).build());
            assertThatThrownBy(() -> write.apply(out, "y")).isInstanceOf(FileSystemException.class);
            assertThat(dir.resolve("mine.txt")).hasContent("user file");
            plainRuns++;
        } finally {
            sh("umount '" + dir + "'");
        }
    }

    /** Prints why calls were not cached. */
    static final class CasherStatsLine {
        static void print(String what, dev.casher.CasherStats s) {
            System.out.println("[reliability] bad input: " + what + ": uncacheable="
                    + s.uncacheable()
                    + " bypassed=" + s.bypassed());
        }
    }

    private static CallOptions declared() {
        return CallOptions.builder().mode(Mode.DECLARED).build();
    }

    static boolean sh(String cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
