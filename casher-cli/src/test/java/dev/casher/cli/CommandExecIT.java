package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.casher.cli.CasherProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: how the CLI starts and traces a command — as a shell's {@code exec} would, with
 * the trace streamed through a pipe (never a file a size limit or a full disk can cut), and
 * returning when the command exits even if it left a daemon behind.
 */
class CommandExecIT {
    @TempDir
    Path tmp;
    Path work;
    CasherProcess casher;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(CasherProcess.onPath("strace"), "strace is not installed");
        work = Files.createDirectories(tmp.resolve("work"));
        casher = new CasherProcess(work, tmp.resolve("cache"), Files.createDirectories(tmp.resolve("logs")));
    }

    @Test
    void fileSizeLimit_doesNotKillTheTracer() throws Exception {
        for (int i = 0; i < 300; i++) {
            Files.writeString(work.resolve(String.format("f%03d", i)), i + "\n");
        }
        // 40 blocks of 512 bytes: far less than the trace of 300 opens and reads
        String run = "ulimit -f 40; exec " + CasherProcess.JAVA + " -XX:-UsePerfData -XX:+UseSerialGC -jar "
                + CasherProcess.JAR + " -- sh -c 'cat f* | wc -l'";
        Result first = casher.await(casher.startRaw(List.of("sh", "-c", run), Map.of(), null));
        assertThat(first.exit()).isZero();
        assertThat(first.stdout().trim()).isEqualTo("300");
        assertThat(first.commandErr()).isEmpty();
        // the store may hit the limit itself (its stat cache): then the run is not stored, but
        // the trace was whole and read
        assertThat(first.casherLine()).contains("miss").doesNotContain("trace");
    }

    @Test
    void scriptWithoutShebang_runsWithBinSh_asInAShell() throws Exception {
        Path script = Files.writeString(work.resolve("plain.sh"), "echo from-sh \"$1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result r = casher.run("--", "./plain.sh", "arg");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo("from-sh arg\n");
        assertThat(r.commandErr()).isEmpty();
        assertThat(casher.run("--", "./plain.sh", "arg").casherLine()).contains("hit");
    }

    @Test
    void directoryOrNonExecutableFile_is126_asInAShell() throws Exception {
        Files.createDirectories(work.resolve("dir"));
        Files.writeString(work.resolve("data.txt"), "not a program\n");
        Result dir = casher.run("--", "./dir");
        assertThat(dir.exit()).isEqualTo(126);
        assertThat(dir.err()).contains("./dir: Is a directory");
        Result file = casher.run("--", "./data.txt");
        assertThat(file.exit()).isEqualTo(126);
        assertThat(file.err()).contains("./data.txt: Permission denied");
        assertThat(casher.stat("entries")).isZero();
    }

    @Test
    void backgroundDaemon_returnsWhenTheCommandExits_andIsNotStored() throws Exception {
        Path marker = work.resolve("daemon.done");
        String script = "(sleep 4; echo done > daemon.done) & echo started";
        long t0 = System.nanoTime();
        Result r = casher.run("--", "sh", "-c", script);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(r.casherLine()).contains("not stored").contains("left ").contains("process(es) running");
        assertThat(millis).as("casher waited for the daemon").isLessThan(3500);
        assertThat(marker).doesNotExist();
        assertThat(casher.stat("left-processes-running")).isEqualTo(1);
        assertThat(casher.stat("entries")).isZero();
        for (int i = 0; i < 100 && !Files.exists(marker); i++) {
            Thread.sleep(100);
        }
        assertThat(marker).as("the daemon kept running").hasContent("done\n");
    }

    @Test
    void fullCacheDisk_neverStoresACutTrace_norReplaysTracerMessages() throws Exception {
        // about 150 kB free: less than the trace of 1000 opens and reads
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("small"), 150_000)) {
            for (int i = 0; i < 1000; i++) {
                Files.writeString(work.resolve(String.format("in%04d", i)), i + "\n");
            }
            CasherProcess small = new CasherProcess(work, disk.root.resolve("cache"),
                    Files.createDirectories(tmp.resolve("logs2")));
            String[] cmd = {"--", "sh", "-c", "cat in* | tail -1"};
            Result first = small.run(cmd);
            assertThat(first.exit()).isZero();
            assertThat(first.stdout()).isEqualTo("999\n");
            assertThat(first.commandErr()).isEmpty();
            Files.writeString(work.resolve("in0999"), "changed\n");
            Result second = small.run(cmd);
            assertThat(second.stdout()).isEqualTo("changed\n");
            assertThat(second.commandErr()).isEmpty();
        }
    }
}
