package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.casher.Casher;
import dev.casher.CasherConfig;
import dev.casher.CachedFunction1;
import dev.casher.internal.trace.StraceSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Through the engine: a file only a child process reads is an input of the cached call. */
class ChildProcessCachingTest {
    private static final AtomicInteger RUNS_CAT = new AtomicInteger();
    private static final AtomicInteger RUNS_WRITE = new AtomicInteger();
    @TempDir
    static Path cache;
    @TempDir
    Path dir;

    @BeforeAll
    static void configure() {
        CasherAgent.install();
        assumeTrue(StraceSupport.detect().usable(), "strace cannot trace here");
        Casher.configure(CasherConfig.builder().cacheDir(cache).build());
    }

    @Test
    void fileReadByChildCat_changes_isAMiss_unchanged_isAHit() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "one");
        AtomicInteger runs = RUNS_CAT;
        CachedFunction1<String, String> cat = Casher.wrap(ChildProcessCachingTest::cat);
        assertThat(cat.apply(in.toString())).isEqualTo("one");
        assertThat(cat.apply(in.toString())).isEqualTo("one");
        assertThat(runs).hasValue(1);
        Files.writeString(in, "two");
        assertThat(cat.apply(in.toString())).isEqualTo("two");
        assertThat(runs).hasValue(2);
    }

    @Test
    void fileWrittenByChild_isRestoredOnAHit() throws Exception {
        Path out = dir.resolve("out.txt");
        AtomicInteger runs = RUNS_WRITE;
        CachedFunction1<String, String> write = Casher.wrap(ChildProcessCachingTest::write);
        write.apply(out.toString());
        Files.delete(out);
        write.apply(out.toString());
        assertThat(runs).hasValue(1);
        assertThat(Files.readString(out)).isEqualTo("made\n");
    }

    static String cat(String path) {
        RUNS_CAT.incrementAndGet();
        return run("cat", path);
    }

    static String write(String path) {
        RUNS_WRITE.incrementAndGet();
        return run("sh", "-c", "echo made > " + path);
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
