package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reliability suite for the command-line tool's cache directory: FIFOs planted at the store's
 * files are refused, never waited on; a cache directory someone else can write is refused (the
 * command runs plainly with one message); {@code spool/} is private.
 */
@Tag("reliability")
class CacheDirHostilityIT {
    @TempDir
    Path tmp;
    Path work;
    Path cache;
    CasherProcess casher;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(CasherProcess.onPath("strace"), "strace is not installed");
        work = Files.createDirectories(tmp.resolve("work"));
        cache = tmp.resolve("cache");
        casher = new CasherProcess(work, cache, Files.createDirectories(tmp.resolve("logs")));
        Files.writeString(work.resolve("in.txt"), "payload\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {".m", ".e", "v1/statcache", "v1/size", "v1/stats.journal", "v1/locks/keys"})
    void fifoAtCacheFile_isRefusedNeverWaitedOn(String where) throws Exception {
        assertThat(casher.run("--", "cat", "in.txt").exit()).isZero();
        assertThat(casher.run("--", "cat", "in.txt").casherLine()).contains("hit");
        List<Path> targets = targets(where);
        assertThat(targets).as("cache files at " + where).isNotEmpty();
        for (Path p : targets) {
            Files.delete(p);
            mkfifo(p);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < 2; i++) {
            CasherProcess.Started s = casher.start(Map.of(), null, "--", "cat", "in.txt");
            boolean done = s.process().waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                s.process().destroyForcibly();
            }
            assertThat(done).as("casher returned with a FIFO at " + where).isTrue();
            CasherProcess.Result r = casher.await(s);
            assertThat(r.exit()).isZero();
            assertThat(r.stdout()).isEqualTo("payload\n");
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long healed = targets.stream().filter(p -> !Files.exists(p) || Files.isRegularFile(p)).count();
        CasherProcess.Result v = casher.run("verify");
        boolean reported = v.exit() != 0;
        casher.run("verify", "--repair");
        boolean clean = casher.run("verify").exit() == 0;
        System.out.println("[reliability] cli fifo " + where + ": fifos=" + targets.size() + " two-runs-ms=" + ms
                + " replaced-by-the-runs=" + healed + " verify-reported=" + reported
                + " clean-after-repair=" + clean);
        assertThat(clean).isTrue();
        assertThat(reported || healed == targets.size()).as("verify names a FIFO left: " + v.stdout()).isTrue();
    }

    @Test
    void cacheDirOwnedByAnotherUser_isRefusedAndTheCommandRunsPlainly() throws Exception {
        assertThat(casher.run("--", "cat", "in.txt").exit()).isZero();
        chown(cache, 65534);
        CasherProcess.Result r = casher.run("--", "cat", "in.txt");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo("payload\n");
        assertThat(r.casherLine()).contains("refusing the cache", cache.toString(), "uid 65534", "0700",
                "Fix: chown 0 " + cache).doesNotContain("hit");
        assertThat(r.casherLine().split("\n")).hasSize(1);
    }

    @Test
    void worldWritableCacheDir_isRefused() throws Exception {
        Files.createDirectories(cache);
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        CasherProcess.Result r = casher.run("--", "cat", "in.txt");
        assertThat(r.exit()).isZero();
        assertThat(r.stdout()).isEqualTo("payload\n");
        assertThat(r.casherLine()).contains("refusing the cache", cache.toString(), "0777",
                "Fix: chmod go-w " + cache);
        assertThat(cache.resolve("v1")).doesNotExist();
    }

    @Test
    void parentWritableByOthers_isRefused_butAStickyParentIsTrusted() throws Exception {
        Path parent = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
        CasherProcess inShared = new CasherProcess(work, parent.resolve("c"), tmp.resolve("logs"));
        CasherProcess.Result r = inShared.run("--", "cat", "in.txt");
        assertThat(r.stdout()).isEqualTo("payload\n");
        assertThat(r.casherLine()).contains("refusing the cache", "its parent " + parent, "0777");
        assertThat(parent.resolve("c")).doesNotExist();

        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
        chmod(parent, "1777"); // like /tmp: others cannot rename or delete what is ours
        assertThat(inShared.run("--", "cat", "in.txt").casherLine()).contains("miss").doesNotContain("refusing");
        assertThat(inShared.run("--", "cat", "in.txt").casherLine()).contains("hit");
    }

    @Test
    void spoolDir_isPrivate() throws Exception {
        casher.runWith(Map.of(), "data".getBytes(), "--", "cat");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("spool"))))
                .isEqualTo("rwx------");
        chmod(cache.resolve("spool"), "0755"); // as earlier versions made it
        casher.run("--", "cat", "in.txt");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("spool"))))
                .isEqualTo("rwx------");
    }

    private List<Path> targets(String where) throws Exception {
        if (where.startsWith(".")) {
            try (Stream<Path> s = Files.walk(cache.resolve("v1/ac"))) {
                return s.filter(p -> p.toString().endsWith(where)).toList();
            }
        }
        Path p = cache.resolve(where);
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                return s.filter(Files::isRegularFile).toList();
            }
        }
        return Files.exists(p) ? List.of(p) : List.of();
    }

    static void mkfifo(Path p) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor()).isZero();
    }

    static void chown(Path p, int uid) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
        assertThat(new ProcessBuilder("chown", Integer.toString(uid), p.toString()).inheritIO().start().waitFor())
                .isZero();
    }

    static void chmod(Path p, String mode) throws Exception {
        assertThat(new ProcessBuilder("chmod", mode, p.toString()).inheritIO().start().waitFor()).isZero();
    }
}
