package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.casher.cli.CasherProcess.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: how a command is traced and run. The trace streams through a pipe (a full cache
 * disk or {@code ulimit -f} cannot cut it short, strace's messages never become the command's
 * stderr), a run is stored only when its trace is whole, a background process left running does
 * not keep casher waiting, and commands start with a shell's {@code execvp} semantics.
 */
class CommandTraceIT {
    @TempDir
    Path tmp;
    Path work;
    Path cacheDir;
    CasherProcess casher;
    private Path mounted;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(CasherProcess.onPath("strace"), "strace is not installed");
        work = Files.createDirectories(tmp.resolve("work"));
        cacheDir = tmp.resolve("cache");
        casher = new CasherProcess(work, cacheDir, Files.createDirectories(tmp.resolve("logs")));
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            new ProcessBuilder("umount", "-l", mounted.toString()).inheritIO().start().waitFor();
        }
    }

    private Result sh(String script) throws Exception {
        return casher.run("--", "sh", "-c", script);
    }

    @Test
    void fullCacheDisk_neverCutsTheTrace_norReplaysStale_norLeaksStraceMessages() throws Exception {
        assumeTrue(mountTmpfs(cacheDir, "2m"), "cannot mount a tmpfs here (needs root)");
        StringBuilder script = new StringBuilder("cat");
        for (int i = 0; i < 1000; i++) { // one process, a trace of ~300 KB
            Files.writeString(work.resolve("f" + i), "v" + i + "\n");
            script.append(" f").append(i);
        }
        Files.writeString(work.resolve("last.txt"), "old\n");
        script.append(" >/dev/null; cat last.txt");
        assertThat(sh("true").exit()).isZero(); // lays out the cache
        fill(cacheDir, 96 * 1024);

        Result first = sh(script.toString());
        assertThat(first.exit()).isZero();
        assertThat(first.stdout()).isEqualTo("old\n");
        assertThat(first.commandErr()).isEmpty();
        Files.writeString(work.resolve("last.txt"), "new\n");
        Result second = sh(script.toString());
        assertThat(second.stdout()).isEqualTo("new\n");
        assertThat(second.commandErr()).isEmpty();
        assertThat(second.casherLine()).doesNotContain("hit");
    }

    @Test
    void fileSizeLimit_doesNotKillTheTracer() throws Exception {
        StringBuilder script = new StringBuilder("cat");
        for (int i = 0; i < 300; i++) { // a trace of ~100 KB, over the limit of 40 blocks
            Files.writeString(work.resolve("f" + i), "");
            script.append(" f").append(i);
        }
        Files.writeString(work.resolve("in.txt"), "x\n");
        script.append("; cat in.txt");
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "ulimit -f 40; exec \"$@\"", "sh",
                CasherProcess.JAVA, "-jar", CasherProcess.JAR.toString(), "--", "sh", "-c", script.toString()));
        Result r = casher.await(casher.startRaw(cmd, Map.of(), null));
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo("x\n");
        assertThat(r.commandErr()).isEmpty();
        // the trace is whole; the store itself may meet the limit and then says so
        assertThat(r.casherLine()).contains("miss").doesNotContain("trace");
    }

    @Test
    void backgroundProcess_doesNotKeepCasherWaiting_isNotStored_andKeepsRunning() throws Exception {
        String script = "(sleep 3; echo done > bg.txt) >/dev/null 2>&1 & echo started";
        long t0 = System.nanoTime();
        Result r = sh(script);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo("started\n");
        assertThat(millis).isLessThan(2500);
        assertThat(r.casherLine()).contains("not stored").contains("left");
        assertThat(casher.stat("left-processes-running")).isEqualTo(1);
        for (int i = 0; i < 100 && !Files.exists(work.resolve("bg.txt")); i++) {
            Thread.sleep(100);
        }
        assertThat(work.resolve("bg.txt")).hasContent("done\n");
        assertThat(sh(script).casherLine()).doesNotContain("hit");
    }

    @Test
    void exitStatus_isTheCommands_evenWhenItIsKilledBySignal() throws Exception {
        Result r = sh("kill -TERM $$");
        assertThat(r.exit()).isEqualTo(143);
        assertThat(r.casherLine()).contains("not stored");
    }

    @Test
    void scriptWithoutShebang_runsWithBinSh_andIsCached() throws Exception {
        Path script = work.resolve("plain-script");
        Files.writeString(script, "echo \"no shebang $1\"\n");
        script.toFile().setExecutable(true);
        Result miss = casher.run("--", "./plain-script", "arg");
        assertThat(miss.exit()).isZero();
        assertThat(miss.stdout()).isEqualTo("no shebang arg\n");
        assertThat(casher.run("--", "./plain-script", "arg").casherLine()).contains("hit");
        assertThat(casher.run("--no-store", "--", "./plain-script", "b").stdout())
                .isEqualTo("no shebang b\n");
    }

    @Test
    void directoryOrNonExecutableCommand_is126_likeAShell() throws Exception {
        Files.createDirectories(work.resolve("adir"));
        Files.writeString(work.resolve("notexec"), "echo hi\n");
        Result dir = casher.run("--", "./adir");
        assertThat(dir.exit()).isEqualTo(126);
        assertThat(dir.casherLine()).contains("Is a directory");
        Result file = casher.run("--", "./notexec");
        assertThat(file.exit()).isEqualTo(126);
        assertThat(file.casherLine()).contains("Permission denied");
        assertThat(casher.run("--", "./missing").exit()).isEqualTo(127);
    }

    /** Mounts a tmpfs of {@code size} at {@code dir}; false where that is not allowed. */
    private boolean mountTmpfs(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs",
                dir.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            return false;
        }
        mounted = dir;
        return true;
    }

    /** Fills the file system of {@code dir} until about {@code leave} bytes are free. */
    static void fill(Path dir, long leave) throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(dir.resolve("filler"))) {
            for (long n = 0; n + leave < free; n += block.length) {
                out.write(block);
            }
        } catch (IOException full) {
            // full already: fine
        }
    }
}
