package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key lock on a miss: a command that calls itself under casher runs its inner invocation
 * plainly instead of deadlocking on the lock its ancestor holds; a concurrent twin waits and
 * says what it waits for.
 */
class KeyLockWaitIT {
    @TempDir
    Path tmp;
    Path work;
    CasherProcess casher;

    @BeforeEach
    void setUp() throws Exception {
        casher = CasherProcess.inTemp(tmp);
        work = casher.work();
    }

    @Test
    void nestedIdenticalInvocation_runsTheInnerOnePlainly() throws Exception {
        String inner = CasherProcess.JAVA + " -XX:TieredStopAtLevel=1 -jar " + CasherProcess.JAR + " -- sh ./self.sh";
        Files.writeString(work.resolve("self.sh"), "echo level ${LEVEL:-0}\n"
                + "if [ -z \"$LEVEL\" ]; then LEVEL=1 " + inner + "; fi\n");
        long t0 = System.nanoTime();
        CasherProcess.Started s = casher.start(Map.of(), null, "--", "sh", "./self.sh");
        boolean done = s.process().waitFor(120, TimeUnit.SECONDS);
        if (!done) {
            s.process().descendants().forEach(ProcessHandle::destroyForcibly);
            s.process().destroyForcibly();
        }
        assertThat(done).as("the nested invocation returned").isTrue();
        CasherProcess.Result r = casher.await(s);
        System.out.println("[reliability] cli nested invocation: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo("level 0\nlevel 1\n");
        assertThat(r.err()).contains("casher: nested: an enclosing casher (pid " + s.process().pid() + ")");
    }

    @Test
    void concurrentTwin_waitsSaysForWhomAndReplays() throws Exception {
        Files.writeString(work.resolve("in.txt"), "payload\n");
        String[] cmd = {"--", "sh", "-c", "sleep 6; cat in.txt"};
        CasherProcess.Started first = casher.start(Map.of(), null, cmd);
        Thread.sleep(1500); // the first one holds the key's lock by now
        CasherProcess.Result second = casher.await(casher.start(Map.of(), null, cmd));
        CasherProcess.Result one = casher.await(first);
        assertThat(one.stdout()).isEqualTo("payload\n");
        assertThat(second.stdout()).isEqualTo("payload\n");
        assertThat(second.casherLine()).contains("waiting for pid " + first.process().pid(),
                "runs the same command").contains("casher: hit");
    }
}
