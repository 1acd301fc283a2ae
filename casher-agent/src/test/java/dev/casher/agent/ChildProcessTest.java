package dev.casher.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.casher.internal.record.CallContext;
import dev.casher.internal.record.EventKind;
import dev.casher.internal.record.OutputChunk;
import dev.casher.internal.record.Recording;
import dev.casher.internal.record.StreamTag;
import dev.casher.internal.trace.StraceSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child processes started inside a recording run under strace: their file I/O joins the
 * recording, their inherited output is captured and still printed, and their exit status is the
 * command's. Without a usable strace they taint the recording as before.
 */
class ChildProcessTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void install() {
        CasherAgent.install();
        TeeStreams.install();
        assumeTrue(StraceSupport.detect().usable(), "strace cannot trace here");
    }

    @Test
    void cat_readingAFile_isAReadOfThatFile_andNoTaint() throws Exception {
        Path in = Files.writeString(dir.resolve("in.txt"), "data");
        Recording.Snapshot s = finished(() -> {
            Process p = new ProcessBuilder("cat", in.toString()).start();
            assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("data");
            assertThat(p.waitFor()).isZero();
        });
        assertThat(s.taints()).isEmpty();
        assertThat(Recorded.kinds(s).get(in)).contains(EventKind.READ);
        assertThat(Recorded.kinds(s).keySet()).anyMatch(p -> p.getFileName().toString()
                .equals("cat"));
    }

    @Test
    void runtimeExec_andPipelineStages_areTracedToo() throws Exception {
        Path in = Files.writeString(dir.resolve("p.txt"), "abc");
        Path other = Files.writeString(dir.resolve("q.txt"), "q");
        Recording.Snapshot s = finished(() -> {
            assertThat(Runtime.getRuntime().exec(new String[] {"cat", other.toString()})
                    .waitFor()).isZero();
            java.util.List<Process> stages = ProcessBuilder.startPipeline(java.util.List.of(
                    new ProcessBuilder("cat", in.toString()), new ProcessBuilder("wc", "-c")));
            Process last = stages.get(1);
            assertThat(new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .strip()).isEqualTo("3");
            for (Process p : stages) {
                assertThat(p.waitFor()).isZero();
            }
        });
        assertThat(s.taints()).isEmpty();
        assertThat(Recorded.kinds(s).get(in)).contains(EventKind.READ);
        assertThat(Recorded.kinds(s).get(other)).contains(EventKind.READ);
    }

    @Test
    void shell_redirectingToAFile_isAWriteOfThatFile() throws Exception {
        Path out = dir.resolve("out");
        Recording.Snapshot s = finished(() -> {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", "echo hi > out");
            pb.directory(dir.toFile());
            assertThat(pb.start().waitFor()).isZero();
        });
        assertThat(s.taints()).isEmpty();
        assertThat(Recorded.kinds(s).get(out)).containsAnyOf(EventKind.WRITE, EventKind.CREATE);
        assertThat(Files.readString(out)).isEqualTo("hi\n");
    }

    @Test
    void python_openingAFile_isAReadOfThatFile() throws Exception {
        assumeTrue(onPath("python3"), "python3 missing");
        Path x = Files.writeString(dir.resolve("x"), "1");
        Recording.Snapshot s = finished(() -> {
            ProcessBuilder pb = new ProcessBuilder("python3", "-c", "open('x').read()");
            pb.directory(dir.toFile());
            assertThat(pb.start().waitFor()).isZero();
        });
        assertThat(Recorded.kinds(s).get(x)).contains(EventKind.READ);
    }

    @Test
    void parentReadOfTheChildsOutput_afterWaitFor_isWriteThenRead() throws Exception {
        Path out = dir.resolve("made");
        Recording.Snapshot s = finished(() -> {
            new ProcessBuilder("sh", "-c", "echo x > " + out).start().waitFor();
            Files.readString(out);
        });
        assertThat(s.taints()).isEmpty();
        assertThat(s.paths().get(out).observedBeforeMutated()).isFalse();
    }

    @Test
    void exitStatus_andSignal_areTheCommands() throws Exception {
        finished(() -> {
            assertThat(new ProcessBuilder("sh", "-c", "exit 3").start().waitFor()).isEqualTo(3);
            assertThat(new ProcessBuilder("sh", "-c", "kill -TERM $$").start().waitFor())
                    .isEqualTo(128 + 15);
        });
    }

    @Test
    void destroy_signalsTheCommand_whichSeesTerm() throws Exception {
        finished(() -> {
            Process p = new ProcessBuilder("sh", "-c",
                    "trap 'exit 7' TERM; echo ready; while :; do sleep 0.05; done").start();
            p.getInputStream().read();
            p.destroy();
            assertThat(p.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isEqualTo(7);
        });
    }

    @Test
    void commandLeavingABackgroundProcess_waitForReturnsItsStatus_andTheCallIsTainted()
            throws Exception {
        Process[] p = new Process[1];
        long[] took = new long[1];
        Recording.Snapshot s = finished(() -> {
            p[0] = new ProcessBuilder("sh", "-c", "sleep 3 & exit 5").start();
            long t0 = System.nanoTime();
            assertThat(p[0].waitFor()).isEqualTo(5);
            took[0] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(p[0].isAlive()).isFalse();
            assertThat(p[0].exitValue()).isEqualTo(5);
        });
        // The background sleep (now init's child, still traced) ends by itself.
        assertThat(took[0]).isLessThan(2_500);
        assertThat(s.taints()).contains("subprocess still running when the call returned: "
                + "sh -c sleep 3 & exit 5");
    }

    @Test
    void destroyForcibly_killsTheCommand_straceFinishesTheTrace() throws Exception {
        Recording.Snapshot s = finished(() -> {
            Process p = new ProcessBuilder("sh", "-c", "echo ready; exec sleep 5").start();
            p.getInputStream().read();
            // Let sleep reach its (untraced) nanosleep: a kill inside a traced system call
            // leaves it unfinished in the trace, which the parser rightly refuses to trust.
            Thread.sleep(300);
            assertThat(p.destroyForcibly().waitFor()).isEqualTo(128 + 9);
        });
        assertThat(s.taints()).isEmpty();
        assertThat(Recorded.kinds(s).keySet()).anyMatch(p -> p.endsWith("sleep"));
    }

    @Test
    void childStillRunning_whenTheCallReturns_taints() throws Exception {
        Process[] p = new Process[1];
        Recording.Snapshot s = finished(() -> p[0] = new ProcessBuilder("sleep", "5").start());
        p[0].destroyForcibly().waitFor();
        assertThat(s.taints()).contains("subprocess still running when the call returned: "
                + "sleep 5");
        assertTracesDeletedSoon();
    }

    @Test
    void straceUnusable_keepsTheUntracedTaint() throws Exception {
        ChildTracing.useStrace(() -> new StraceSupport(null, null, false, false, "simulated"));
        try {
            Recording.Snapshot s = finished(() -> new ProcessBuilder("true").start().waitFor());
            assertThat(s.taints()).containsExactly(
                    "untraced subprocess: true (strace unavailable: simulated)");
        } finally {
            ChildTracing.useStrace(StraceSupport::detect);
        }
    }

    @Test
    void inheritedOutput_isCapturedInTheRecording_andStillPrinted() throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        System.setOut(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        TeeStreams.install();
        Recording.Snapshot s;
        try {
            s = finished(() -> {
                Process p = new ProcessBuilder("echo", "from child").inheritIO().start();
                assertThat(p.getInputStream().read()).isEqualTo(-1);
                p.waitFor();
                System.out.print("after");
            });
        } finally {
            System.setOut(saved);
        }
        assertThat(terminal.toString(StandardCharsets.UTF_8)).isEqualTo("from child\nafter");
        String captured = s.chunks().stream().filter(c -> c.stream() == StreamTag.STDOUT)
                .map(c -> new String(c.bytes(), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
        assertThat(captured).isEqualTo("from child\nafter");
        assertThat(s.chunks()).extracting(OutputChunk::stream).containsOnly(StreamTag.STDOUT);
    }

    @Test
    void childOutsideAnyRecording_isLeftAlone() throws Exception {
        Process p = new ProcessBuilder("echo", "plain").start();
        assertThat(p.getClass().getName()).isEqualTo("java.lang.ProcessImpl");
        assertThat(p.waitFor()).isZero();
    }

    /** Runs {@code action} in a recording and settles its children, as the store step does. */
    private static Recording.Snapshot finished(Recorded.Action action) throws Exception {
        Recording rec = Recorded.newRecording();
        CallContext prev = CallContext.enter(rec);
        try {
            action.run();
        } finally {
            CallContext.exit(prev);
        }
        rec.finishChildren();
        return rec.snapshot();
    }

    /** Every trace is deleted once its child exited, merged or not. */
    private static void assertTracesDeletedSoon() throws Exception {
        Path traces = ChildTracing.currentTraceDir();
        assertThat(traces).isNotNull();
        for (int i = 0; i < 100 && !traceFiles(traces).isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(traceFiles(traces)).isEmpty();
    }

    private static java.util.List<Path> traceFiles(Path dir) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    private static boolean onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
                return true;
            }
        }
        return false;
    }
}
