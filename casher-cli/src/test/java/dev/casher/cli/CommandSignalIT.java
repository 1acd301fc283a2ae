package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.casher.cli.CasherProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: SIGTERM and SIGHUP sent to casher reach the command, casher exits with the
 * command's status, stores nothing and leaves no orphan behind.
 */
class CommandSignalIT {
    @TempDir
    Path tmp;
    Path work;
    CasherProcess casher;

    @BeforeEach
    void setUp() throws Exception {
        casher = CasherProcess.inTemp(tmp);
        work = casher.work();
    }

    private CasherProcess.Started startAndAwait(String script, Path ready) throws Exception {
        CasherProcess.Started s = casher.start(Map.of(), null, "--", "sh", "-c", script);
        for (int i = 0; i < 300 && !Files.exists(ready); i++) {
            Thread.sleep(50);
        }
        assertThat(ready).as("the command started").exists();
        return s;
    }

    /** Whether this process ignores signal {@code n} (inherited by the processes it starts). */
    private static boolean ignored(int n) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (n - 1))) != 0;
            }
        }
        return false;
    }

    @Test
    void sigterm_reachesTheCommand_casherExitsWithItsStatus_andStoresNothing() throws Exception {
        Path ready = work.resolve("ready");
        String script = "trap 'echo cleaned-up; exit 7' TERM; touch ready; "
                + "while :; do sleep 0.1; done";
        CasherProcess.Started s = startAndAwait(script, ready);
        Runtime.getRuntime().exec(new String[] {"kill", "-TERM", Long.toString(s.process().pid())}).waitFor();
        Result r = casher.await(s);
        assertThat(r.exit()).as(r.err()).isEqualTo(7);
        assertThat(r.stdout()).isEqualTo("cleaned-up\n");
        assertThat(r.casherLine()).contains("not stored");
        assertThat(casher.stat("entries")).isZero();
    }

    @Test
    void sighup_toCasher_endsTheCommand_noOrphanLeft() throws Exception {
        // under nohup SIGHUP is ignored by casher and the command alike, as in a shell
        assumeTrue(!ignored(1), "SIGHUP is ignored in this environment (nohup)");
        Path ready = work.resolve("ready");
        CasherProcess.Started s = startAndAwait("echo $$ > pid; touch ready; exec sleep 60", ready);
        long pid = Long.parseLong(Files.readString(work.resolve("pid")).trim());
        Runtime.getRuntime().exec(new String[] {"kill", "-HUP", Long.toString(s.process().pid())}).waitFor();
        Result r = casher.await(s);
        assertThat(r.exit()).as(r.err()).isEqualTo(128 + 1);
        for (int i = 0; i < 40 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("the command outlived casher").isFalse();
        assertThat(casher.stat("entries")).isZero();
    }
}
