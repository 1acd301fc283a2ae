package dev.casher.internal.trace;

import static dev.casher.internal.record.EventKind.EXEC;
import static dev.casher.internal.record.EventKind.MKDIR;
import static dev.casher.internal.record.EventKind.PROBE_MISSING;
import static dev.casher.internal.record.EventKind.READ;
import static dev.casher.internal.record.EventKind.STAT;
import static dev.casher.internal.record.EventKind.WRITE;
import static dev.casher.internal.trace.TraceLines.cwd;
import static dev.casher.internal.trace.TraceLines.ev;
import static dev.casher.internal.trace.TraceLines.fd;
import static dev.casher.internal.trace.TraceLines.parse;
import static dev.casher.internal.trace.TraceLines.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Working directories across processes, joined halves, and robustness against odd lines. */
class StraceParserProcessTest {

    @Test
    void chdir_isTrackedForNonAtCalls_andInheritedAcrossFork() {
        TraceResult r = parse("/w",
                "10  chdir(" + q("sub") + ") = 0",
                "10  access(" + q("x") + ", 0) = 0",
                "10  vfork() = 11",
                "11  execve(" + q("./tool") + ", [" + q("tool") + "], 0x1) = 0",
                "11  chdir(" + q("..") + ") = 0",
                "11  mkdir(" + q("m") + ", 0777) = -1 EEXIST (File exists)",
                "10  stat(" + q("y") + ", 0x1)" + " = -1 ENOENT (No such file or directory)");
        assertThat(r.uncacheableReasons()).isEmpty();
        assertThat(r.events()).containsExactly(ev(STAT, "/w/sub"), ev(STAT, "/w/sub/x"),
                ev(EXEC, "/w/sub/tool"), ev(STAT, "/w"), ev(STAT, "/w/m"),
                ev(PROBE_MISSING, "/w/sub/y"));
        assertThat(r.processes()).isEqualTo(2);
    }

    @Test
    void childLinesBeforeTheCloneReturns_areHeldUntilTheParentCwdIsKnown() {
        TraceResult r = parse("/w",
                "10  chdir(" + q("/a") + ") = 0",
                "10  clone(child_stack=NULL, flags=0x1200000|17 <unfinished ...>",
                "11  access(" + q("f") + ", 0) = 0",
                "10  <... clone resumed>, child_tidptr=0x7f) = 11",
                "10  chdir(" + q("/b") + ") = 0");
        assertThat(r.uncacheableReasons()).isEmpty();
        assertThat(r.events()).containsExactly(ev(STAT, "/a"), ev(STAT, "/a/f"), ev(STAT, "/b"));
    }

    @Test
    void grandchildSeenBeforeBothClonesReturn_getsTheGrandparentsCwd() {
        TraceResult r = parse("/w",
                "10  chdir(" + q("/a") + ") = 0",
                "10  vfork( <unfinished ...>",
                "11  vfork( <unfinished ...>",
                "12  mkdir(" + q("m") + ", 0777) = 0",
                "11  <... vfork resumed>) = 12",
                "10  <... vfork resumed>) = 11");
        assertThat(r.uncacheableReasons()).isEmpty();
        assertThat(r.events()).containsExactly(ev(STAT, "/a"), ev(MKDIR, "/a/m"));
        assertThat(r.processes()).isEqualTo(3);
    }

    @Test
    void threadsCreatedWithCloneFs_shareTheCwd() {
        TraceResult r = parse("/w",
                "10  clone3({flags=0x3d0f00, child_tid=0x7f, stack=0x7f, stack_size=0x1000}, 88)"
                + " = 11",
                "11  chdir(" + q("/t") + ") = 0",
                "10  access(" + q("f") + ", 0) = 0",
                "10  clone(child_stack=0x7f, flags=0x3d0f00, parent_tid=0x7f) = 13",
                "13  chdir(" + q("/t2") + ") = 0",
                "10  access(" + q("f2") + ", 0) = 0",
                "10  chdir(" + q("/t") + ") = 0",
                "10  fork() = 12",
                "12  chdir(" + q("/z") + ") = 0",
                "10  access(" + q("g") + ", 0) = 0");
        assertThat(r.events()).containsExactly(ev(STAT, "/t"), ev(STAT, "/t/f"), ev(STAT, "/t2"),
                ev(STAT, "/t2/f2"), ev(STAT, "/t"), ev(STAT, "/z"), ev(STAT, "/t/g"));
    }

    @Test
    void fchdir_usesTheFdAnnotation_andAtFdcwdAnnotationWins() {
        TraceResult r = parse("/w",
                "10  openat(" + cwd("/w") + ", " + q("d") + ", 0x90800) = " + fd(3, "/w/d"),
                "10  fchdir(" + fd(3, "/w/d") + ") = 0",
                "10  mkdir(" + q("n") + ", 0777) = 0",
                "10  openat(" + cwd("/real/w/d") + ", " + q("f") + ", 0) = " + fd(4, "/x"),
                "10  unlink(" + q("u") + ") = 0");
        assertThat(r.events()).extracting(e -> e.path().toString()).containsExactly("/w/d",
                "/w/d/n", "/real/w/d/f", "/real/w/d/u");
    }

    @Test
    void getcwd_setsTheCwd_unlessUnreachable() {
        TraceResult r = parse("/w",
                "10  getcwd(" + q("/g") + ", 4096) = 3",
                "10  access(" + q("a") + ", 0) = 0",
                "10  getcwd(" + q("(unreachable)/x") + ", 4096) = 16",
                "10  access(" + q("b") + ", 0) = 0");
        assertThat(r.events()).containsExactly(ev(STAT, "/g/a"), ev(STAT, "/g/b"));
    }

    @Test
    void unfinishedAndResumedHalves_joinPerPid() {
        TraceResult r = parse("/w",
                "10  vfork( <unfinished ...>",
                "11  openat(" + cwd("/w") + ", " + q("a") + " <unfinished ...>",
                "10  <... vfork resumed>)              = 11",
                "10  wait4(-1,  <unfinished ...>",
                "11  <... openat resumed>, 0x241, 0666) = " + fd(3, "/w/a"),
                "10  <... wait4 resumed>[{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 11");
        assertThat(r.uncacheableReasons()).isEmpty();
        assertThat(r.events()).containsExactly(ev(WRITE, "/w/a"));
        assertThat(r.syscalls()).isEqualTo(4);
    }

    @Test
    void noticesAndIgnoredCalls_produceNothing() {
        TraceResult r = parse("/w",
                "10  +++ exited with 0 +++",
                "10  --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED} ---",
                "10  wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 11",
                "10  exit_group(0)                     = ?",
                "10  ???()                             = 0");
        assertThat(r.events()).isEmpty();
        assertThat(r.uncacheableReasons()).isEmpty();
    }

    @Test
    void partialFirstLine_isTolerated_butLaterGarbageIsUncacheable() {
        TraceResult ok = parse("/w", "\\x65\\x78\\x74>, 0) = 3",
                "10  openat(" + cwd("/w") + ", " + q("a") + ", 0) = 3");
        assertThat(ok.uncacheableReasons()).isEmpty();
        assertThat(ok.events()).containsExactly(ev(READ, "/w/a"));

        TraceResult bad = parse("/w", "10  openat(" + cwd("/w") + ", " + q("a") + ", 0) = 3",
                "10  openat(" + cwd("/w") + ", \"\\x6");
        assertThat(bad.uncacheableReasons()).singleElement().asString()
                .startsWith("unparseable line");
    }

    @Test
    void killedCalls_unknownSyscalls_andUnjoinableHalves_areUncacheable() {
        TraceResult r = parse("/w",
                "10  execve(" + q("/bin/sh") + ", [], 0x1) = 0",
                "10  openat(" + cwd("/w") + ", " + q("a") + ", 0x241, 0666) = ?",
                "10  frobnicate(" + q("a") + ") = 0",
                "11  <... openat resumed>) = 3",
                "10  rename(" + q("x") + " <unfinished ...>");
        assertThat(r.uncacheableReasons()).hasSize(4);
        assertThat(r.uncacheableReasons()).anyMatch(s -> s.contains("frobnicate"));
        assertThat(r.uncacheableReasons()).anyMatch(s -> s.startsWith("call never completed"));
    }

    @Test
    void callInterruptedForRestart_isDropped_andItsRestartCounts() {
        TraceResult r = parse("/w",
                "10  openat(" + cwd("/w") + ", " + q("fifo") + ", 0) = ? ERESTARTSYS (To be "
                + "restarted if SA_RESTART is set)",
                "10  openat(" + cwd("/w") + ", " + q("fifo") + ", 0) = " + fd(3, "/w/fifo"));
        assertThat(r.uncacheableReasons()).isEmpty();
        assertThat(r.events()).containsExactly(ev(READ, "/w/fifo"));
    }

    @Test
    void nonUtf8Path_isUncacheable_andNeverBecomesAnEvent() {
        byte[] name = {'b', 'a', 'd', (byte) 0xff};
        TraceResult r = parse("/w", "10  openat(" + cwd("/w") + ", " + q(name) + ", 0) = 3");
        assertThat(r.events()).isEmpty();
        assertThat(r.uncacheableReasons()).containsExactly("path is not valid UTF-8: bad\\xff");
    }

    @Test
    void relativePathOfATaskWithUnknownCwd_isUncacheable() {
        TraceResult r = parse("/w", "10  execve(" + q("/bin/sh") + ", [], 0x1) = 0",
                "99  access(" + q("rel") + ", 0) = 0",
                "99  access(" + q("/abs") + ", 0) = 0");
        assertThat(r.events()).containsExactly(ev(EXEC, "/bin/sh"), ev(STAT, "/abs"));
        assertThat(r.uncacheableReasons()).singleElement().asString()
                .startsWith("cannot resolve relative path rel");
    }

    @Test
    void traceWithoutAnyExec_isUncacheable() {
        StraceParser parser = new StraceParser(Path.of("/w"));
        parser.acceptLine("10  openat(" + cwd("/w") + ", " + q("a") + ", 0) = 3");
        assertThat(parser.finish().uncacheableReasons())
                .containsExactly("no program was executed under the trace");
        assertThat(new StraceParser(Path.of("/w")).finish().cacheable()).isFalse();
    }

    @Test
    void parseFile_splitsLinesAcrossReadChunks(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append("10  openat(").append(cwd("/w")).append(", ").append(q("f" + i))
                    .append(", 0) = ").append(fd(3, "/w/f" + i)).append('\n');
        }
        sb.append(TraceLines.ROOT_EXEC).append('\n');
        sb.append("10  unlink(").append(q("last")).append(") = 0"); // no final newline
        Path trace = dir.resolve("t");
        Files.writeString(trace, sb, StandardCharsets.ISO_8859_1);
        TraceResult r = StraceParser.parse(trace, Path.of("/w"));
        assertThat(r.cacheable()).isTrue();
        assertThat(r.events()).hasSize(5002);
        assertThat(r.events().get(4999)).isEqualTo(ev(READ, "/w/f4999"));
        assertThat(r.syscalls()).isEqualTo(5002);
    }
}
