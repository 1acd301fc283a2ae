package dev.casher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.casher.cli.CasherProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: the command's stdin, whatever happens to the cache. */
class CommandStdinIT {
    @TempDir
    Path tmp;
    Path work;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(CasherProcess.onPath("strace"), "strace is not installed");
        work = Files.createDirectories(tmp.resolve("work"));
    }

    @Test
    void fullCacheDisk_neverTruncatesStdin() throws Exception {
        byte[] input = new byte[5_000_000];
        new Random(11).nextBytes(input);
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("small"), 100_000)) {
            CasherProcess casher = new CasherProcess(work, disk.root.resolve("cache"),
                    Files.createDirectories(tmp.resolve("logs")));
            Result r = casher.runWith(Map.of(), input, "--", "wc", "-c");
            assertThat(r.exit()).isZero();
            assertThat(r.stdout().trim()).isEqualTo("5000000");
            assertThat(r.casherLine()).contains("runs uncached with all of its stdin");
            Result cat = casher.runWith(Map.of(), input, "--", "sh", "-c", "cat > copy.bin");
            assertThat(cat.exit()).isZero();
            assertThat(Files.readAllBytes(work.resolve("copy.bin"))).isEqualTo(input);
        }
    }
}
