package dev.casher.internal.trace;

import static dev.casher.internal.record.EventKind.DELETE;
import static dev.casher.internal.record.EventKind.EXEC;
import static dev.casher.internal.record.EventKind.LIST_DIR;
import static dev.casher.internal.record.EventKind.MKDIR;
import static dev.casher.internal.record.EventKind.PROBE_MISSING;
import static dev.casher.internal.record.EventKind.READ;
import static dev.casher.internal.record.EventKind.RENAME_FROM;
import static dev.casher.internal.record.EventKind.RENAME_TO;
import static dev.casher.internal.record.EventKind.STAT;
import static dev.casher.internal.record.EventKind.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.FileEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real commands under real strace; skipped where strace cannot trace. */
class StraceRealTest {

    @TempDir
    Path tmp;
    private Path dir;

    @BeforeEach
    void needsStrace() throws IOException {
        StraceSupport s = StraceSupport.detect();
        Assumptions.assumeTrue(s.usable(), () -> "strace not usable: " + s.problem());
        dir = tmp.toRealPath();
    }

    /** Runs {@code sh -c script args...} in {@link #dir} under strace. */
    private Traced trace(String script, String... args) throws Exception {
        Path traceFile = tmp.resolve("trace.out");
        List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(StraceCommand.wrap(StraceSupport.detect(), command,
                traceFile)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("output.txt").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        TraceResult result = StraceParser.parse(traceFile, dir);
        Files.delete(traceFile);
        return new Traced(p.exitValue(), result);
    }

    private record Traced(int exit, TraceResult result) {
        /** Events strictly inside the test directory, minus the trace and output files. */
        List<FileEvent> local(Path dir) {
            return result.events().stream()
                    .filter(e -> e.path().startsWith(dir) && !e.path().equals(dir))
                    .filter(e -> !e.path().getFileName().toString().equals("trace.out"))
                    .filter(e -> !e.path().getFileName().toString().equals("output.txt"))
                    .toList();
        }
    }

    private FileEvent ev(EventKind kind, String rel) {
        return new FileEvent(kind, dir.resolve(rel));
    }

    @Test
    void shellScript_yieldsExactEventsForItsFiles() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "hello");
        Files.createDirectory(dir.resolve("dir"));
        Files.writeString(dir.resolve("dir/entry"), "");
        Files.writeString(dir.resolve("a"), "a");
        Files.writeString(dir.resolve("c"), "c");

        Traced t = trace("cat in.txt > out.txt; ls dir > /dev/null; test -e missing; mkdir d; "
                + "mv a b; rm c");

        assertThat(t.exit()).isZero();
        assertThat(t.result().uncacheableReasons()).isEmpty();
        assertThat(t.local(dir)).containsExactly(
                ev(WRITE, "out.txt"), ev(READ, "in.txt"),
                ev(STAT, "dir"), ev(STAT, "dir"), ev(LIST_DIR, "dir"),
                ev(PROBE_MISSING, "missing"),
                ev(MKDIR, "d"),
                ev(RENAME_FROM, "a"), ev(RENAME_TO, "b"),
                ev(STAT, "c"), ev(DELETE, "c"));
        assertThat(t.result().events()).filteredOn(e -> e.kind() == EXEC)
                .extracting(e -> e.path().getFileName().toString())
                .contains("cat", "ls", "mkdir", "mv", "rm");
        assertThat(t.result().processes()).isEqualTo(6); // sh, cat, ls, mkdir, mv, rm
    }

    @Test
    void namesWithSpacesQuotesAndNewlines_roundTripExactly() throws Exception {
        String[] names = {"sp ace", "new\nline", "q\"uote>gt,comma", "utf8-é日"};
        for (String n : names) {
            Files.writeString(dir.resolve(n), n);
        }
        Traced t = trace("cat \"$1\" \"$2\" \"$3\" \"$4\" > \"o u t\"", names);

        assertThat(t.exit()).isZero();
        assertThat(t.result().uncacheableReasons()).isEmpty();
        assertThat(t.local(dir)).containsExactly(ev(WRITE, "o u t"), ev(READ, names[0]),
                ev(READ, names[1]), ev(READ, names[2]), ev(READ, names[3]));
    }

    @Test
    void childProcessChangingDirectory_resolvesItsRelativePaths() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/x"), "x");

        Traced t = trace("(cd sub && cat x > /dev/null && mkdir m); test -e x");

        assertThat(t.exit()).isEqualTo(1);
        assertThat(t.result().uncacheableReasons()).isEmpty();
        assertThat(t.local(dir)).containsExactly(ev(STAT, "sub"), ev(READ, "sub/x"),
                ev(MKDIR, "sub/m"), ev(PROBE_MISSING, "x"));
    }

    @Test
    void missingCommand_recordsEachPathLookup_andKeepsTheExitStatus() throws Exception {
        Traced t = trace("PATH=/usr/local/bin:/usr/bin; casher-no-such-cmd; exit 3");

        assertThat(t.exit()).isEqualTo(3);
        assertThat(t.result().uncacheableReasons()).isEmpty();
        assertThat(t.result().events()).filteredOn(e -> e.path().endsWith("casher-no-such-cmd"))
                .containsExactly(new FileEvent(PROBE_MISSING, Path.of(
                        "/usr/local/bin/casher-no-such-cmd")), new FileEvent(PROBE_MISSING,
                        Path.of("/usr/bin/casher-no-such-cmd")));
    }

    @Test
    void nonUtf8Name_makesTheRunUncacheable() throws Exception {
        Traced t = trace("printf x > \"$(printf 'bad\\377')\"; cat bad* > /dev/null");

        assertThat(t.exit()).isZero();
        assertThat(t.result().uncacheableReasons())
                .contains("path is not valid UTF-8: bad\\xff");
        assertThat(t.local(dir)).isEmpty();
    }
}
