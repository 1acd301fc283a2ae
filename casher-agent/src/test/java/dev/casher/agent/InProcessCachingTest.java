package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.CachedFunction1;
import dev.casher.Cached;
import dev.casher.Casher;
import dev.casher.CasherConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a user meets it: {@code @Cached} methods and wrapped functions with no
 * declarations; the agent discovers what they read and write.
 */
class InProcessCachingTest {
    static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path tmp;
    PrintStream savedOut;
    ByteArrayOutputStream captured;

    /** Reads {@code in}, writes a report next to it, prints a summary. */
    @Cached
    public static String summarize(String in, String out) throws IOException {
        RUNS.incrementAndGet();
        List<String> lines = Files.readAllLines(Path.of(in));
        Files.writeString(Path.of(out), "lines=" + lines.size() + "\n");
        System.out.println("summarized " + lines.size() + " lines");
        return "ok:" + lines.size();
    }

    /** Writes a scratch file, reads it back, returns its length. */
    @Cached
    public static int scratch(String dir) throws IOException {
        RUNS.incrementAndGet();
        Path s = Path.of(dir, "scratch.tmp");
        Files.writeString(s, "temporary");
        return Files.readString(s).length();
    }

    /** Uses an optional config file when present. */
    @Cached
    public static String withOptionalConfig(String path) throws IOException {
        RUNS.incrementAndGet();
        Path p = Path.of(path);
        return Files.exists(p) ? "config:" + Files.readString(p) : "defaults";
    }

    /** Counts the files of a directory. */
    @Cached
    public static long countFiles(String dir) throws IOException {
        RUNS.incrementAndGet();
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            return s.count();
        }
    }

    /** Reads a file; wrapped rather than annotated. */
    static String readIt(String path) throws IOException {
        RUNS.incrementAndGet();
        return Files.readString(Path.of(path));
    }

    @BeforeEach
    void setUp() {
        RUNS.set(0);
        Casher.configure(CasherConfig.builder().cacheDir(tmp.resolve("cache")).build());
        Casher.install();
        savedOut = System.out;
        captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(savedOut);
    }

    @Test
    void cachedMethod_readsAndWrites_hitReplaysOutputAndRestoresFile() throws IOException {
        Path in = Files.writeString(tmp.resolve("data.csv"), "a\nb\nc\n");
        Path out = tmp.resolve("report.txt");
        assertThat(summarize(in.toString(), out.toString())).isEqualTo("ok:3");
        Files.delete(out);
        captured.reset();

        assertThat(summarize(in.toString(), out.toString())).isEqualTo("ok:3");

        assertThat(RUNS).hasValue(1);
        assertThat(out).hasContent("lines=3");
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("summarized 3 lines\n");
    }

    @Test
    void cachedMethod_inputContentChanges_runsAgain_mtimeOnly_hits() throws IOException {
        Path in = Files.writeString(tmp.resolve("data.csv"), "a\nb\n");
        Path out = tmp.resolve("report.txt");
        summarize(in.toString(), out.toString());
        Files.setLastModifiedTime(in, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        summarize(in.toString(), out.toString());
        assertThat(RUNS).hasValue(1);
        Files.writeString(in, "a\nb\nc\nd\n");
        assertThat(summarize(in.toString(), out.toString())).isEqualTo("ok:4");
        assertThat(RUNS).hasValue(2);
        assertThat(out).hasContent("lines=4");
    }

    @Test
    void scratchFile_writtenThenRead_isNotAnInput() throws IOException {
        assertThat(scratch(tmp.toString())).isEqualTo(9);
        Files.writeString(tmp.resolve("scratch.tmp"), "changed by someone else");
        assertThat(scratch(tmp.toString())).isEqualTo(9);
        assertThat(RUNS).hasValue(1);
        assertThat(tmp.resolve("scratch.tmp")).hasContent("temporary");
    }

    @Test
    void probedFile_thatAppears_runsAgain() throws IOException {
        Path cfg = tmp.resolve("app.cfg");
        assertThat(withOptionalConfig(cfg.toString())).isEqualTo("defaults");
        assertThat(withOptionalConfig(cfg.toString())).isEqualTo("defaults");
        assertThat(RUNS).hasValue(1);
        Files.writeString(cfg, "x=1");
        assertThat(withOptionalConfig(cfg.toString())).isEqualTo("config:x=1");
        assertThat(RUNS).hasValue(2);
    }

    @Test
    void listedDirectory_newFile_runsAgain() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(dir.resolve("a"), "1");
        assertThat(countFiles(dir.toString())).isEqualTo(1);
        assertThat(countFiles(dir.toString())).isEqualTo(1);
        assertThat(RUNS).hasValue(1);
        Files.writeString(dir.resolve("b"), "2");
        assertThat(countFiles(dir.toString())).isEqualTo(2);
        assertThat(RUNS).hasValue(2);
    }

    @Test
    void wrappedFunction_withoutDeclarations_tracksItsReads() throws IOException {
        CachedFunction1<String, String> f = Casher.wrap(InProcessCachingTest::readIt);
        Path p = Files.writeString(tmp.resolve("x.txt"), "one");
        assertThat(f.apply(p.toString())).isEqualTo("one");
        assertThat(f.apply(p.toString())).isEqualTo("one");
        assertThat(RUNS).hasValue(1);
        Files.writeString(p, "two");
        assertThat(f.apply(p.toString())).isEqualTo("two");
        assertThat(RUNS).hasValue(2);
    }

    /** Publishes a staged file by renaming it into place. */
    @Cached
    public static String publish(String staged, String target) throws IOException {
        RUNS.incrementAndGet();
        Files.move(Path.of(staged), Path.of(target), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return "published";
    }

    @Test
    void renamedSource_isAnInput_soNewContentRunsAgain() throws IOException {
        Path staged = tmp.resolve("staged.txt");
        Path target = tmp.resolve("final.txt");
        Files.writeString(staged, "v1");
        publish(staged.toString(), target.toString());
        assertThat(target).hasContent("v1");
        Files.writeString(staged, "v2");
        publish(staged.toString(), target.toString());
        assertThat(RUNS).hasValue(2);
        assertThat(target).hasContent("v2");
        assertThat(staged).doesNotExist();
    }
}
