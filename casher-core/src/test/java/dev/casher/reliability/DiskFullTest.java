package dev.casher.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casher.internal.store.LocalStore;
import dev.casher.internal.store.VerifyMode;
import dev.casher.internal.store.VerifyReport;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite 4, disk full: the cache lives on a 2 MiB tmpfs filled up to a few blocks by a ballast
 * file. Workers' calls keep their right results, output files and stdout while stores fail with
 * warnings; once the ballast is gone the cache records and hits again. Skipped, with the reason,
 * where mounting is not permitted.
 */
@Tag("reliability")
class DiskFullTest {
    static final int KEYS = 24;

    @TempDir
    static Path tmp;
    static Path mount;
    static boolean mounted;

    @BeforeAll
    static void mountTmpfs() throws Exception {
        mount = Files.createDirectories(tmp.resolve("small"));
        mounted = BadInputTest.sh("mount -t tmpfs -o size=2m,mode=0700 tmpfs '" + mount + "'");
        Assumptions.assumeTrue(mounted,
                "mounting a tmpfs is not permitted here (needs root and CAP_SYS_ADMIN)");
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            BadInputTest.sh("umount '" + mount + "'");
        }
    }

    @Test
    void cacheOnAFullDisk_keepsResultsAndFiles_andRecoversWhenSpaceIsFreed() throws Exception {
        Workers workers = new Workers(new LibraryDriver(), tmp.resolve("logs"));
        Path work = tmp.resolve("work");
        Workers.writeInputs(work, 0);
        Path cache = mount.resolve("cache");
        Path ballast = mount.resolve("ballast");
        fillLeaving(ballast, 16 << 10);
        ProcessDriver.Plan plan = new ProcessDriver.Plan(cache, 1L << 30, work, -1, 2 * KEYS, KEYS);

        Workers.Worker full = workers.start(plan);
        int exitFull = Workers.await(full, 180);
        WorkerLog fullLog = WorkerLog.read(full.stdout(), k -> Workers.input(k % 4, 0));
        long warnings = full.stderrText().lines().filter(l -> l.contains("WARN")).count();
        boolean noSpace = full.stderrText().contains("No space left");

        Files.delete(ballast);
        Workers.Worker freed = workers.start(plan);
        int exitFreed = Workers.await(freed, 180);
        WorkerLog freedLog = WorkerLog.read(freed.stdout(), k -> Workers.input(k % 4, 0));
        VerifyReport report;
        try (LocalStore store = LocalStore.open(cache, Clock.systemUTC())) {
            report = store.verify(VerifyMode.REPORT);
        }
        Scale.report("disk full", "tmpfs=2MiB calls=" + (fullLog.calls() + freedLog.calls())
                + " full: hits="
                + fullLog.hits() + " misses=" + fullLog.misses() + " warnings=" + warnings
                + " ENOSPC-seen=" + noSpace
                + "; freed: hits=" + freedLog.hits() + " misses=" + freedLog.misses() + " wrong="
                + (fullLog.wrong().size() + freedLog.wrong().size()) + " errors="
                + (fullLog.errors() + freedLog.errors())
                + " data-lost=" + Workers.damagedOutputs(work, 0).size() + " verify-problems="
                + report.problems().size());
        report.problems().forEach(p -> System.out.println("[reliability] disk full: verify found "
                + p));
        assertThat(exitFull).as(full.stderrText()).isZero();
        assertThat(exitFreed).as(freed.stderrText()).isZero();
        assertThat(fullLog.wrong()).isEmpty();
        assertThat(freedLog.wrong()).isEmpty();
        assertThat(fullLog.errors() + freedLog.errors()).as("failed calls").isZero();
        assertThat(fullLog.calls()).isEqualTo(2 * KEYS);
        assertThat(noSpace).as("the disk did fill up").isTrue();
        assertThat(warnings).as("warnings").isPositive();
        assertThat(Workers.damagedOutputs(work, 0)).as("data lost").isEmpty();
        assertThat(freedLog.hits()).as("hits after space was freed").isGreaterThanOrEqualTo(KEYS);
        assertThat(report.problems()).as("verify after recovery").isEmpty();
    }

    /** Writes {@code file} until the file system has about {@code leave} bytes free. */
    private static void fillLeaving(Path file, long leave) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (Files.getFileStore(file.getParent()).getUsableSpace() > leave) {
                out.write(block);
                out.flush();
            }
        } catch (FileSystemException e) {
            // full already: fine
        }
    }
}
